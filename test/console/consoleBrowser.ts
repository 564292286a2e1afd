import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
export { launchChromium } from '@milli/test-support';

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
