import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium (scripts/setup.sh installs it), headless, in a new empty profile, with nothing of its own
 * reaching the network: this machine's network is closed, and Chromium's background services would only be refused.
 */
export async function launchChromium(viewport: { width: number; height: number } = { width: 1280, height: 800 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'milli-chromium-profile-')), {
    executablePath: '/usr/bin/chromium',
    viewport,
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
