import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, in a new empty profile, with nothing of its own reaching the network. */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'milli-console-profile-')), {
    executablePath: '/usr/bin/chromium',
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new tab (its own sessionStorage) signed in with `token`, the metro drawn. */
export async function signIn(browser: BrowserContext, url: string, token: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${url}/ui/`);
  await page.fill('input[name=token]', token);
  await page.click('.token-gate button[type=submit]');
  await page.waitForSelector('svg.metro [data-site]');
  await page.waitForSelector('.link[data-linked=true]');
  return page;
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(import.meta.dirname, '..', '..', 'test-results', `console-${name}.png`) });
