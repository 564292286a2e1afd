import { join } from 'node:path';
import { ledgerForGraph, PceGraph } from '@milli/pce';
import { loadTopology } from '@milli/topology';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startTestApi, type TestApi, TOPOLOGY_FILE } from '../../packages/api/test/support/startTestApi';
import { launchChromium, screenshot, signIn } from './consoleBrowser';

// How the console marks live state the API reports: the API server here has a network view whose device and fibre
// states the test sets (device down included, which the lab test does not cause), over the in-memory controller.
const down = { fibres: new Set<string>(), devices: new Set<string>() };
let api: TestApi;
let browser: BrowserContext;

beforeAll(async () => {
  const topology = await loadTopology(TOPOLOGY_FILE);
  const ledger = ledgerForGraph(PceGraph.build(topology));
  api = await startTestApi({
    consoleDir: join(import.meta.dirname, '..', '..', 'packages', 'console', 'dist'),
    network: {
      topology,
      resources: () => ledger,
      fibreState: (fibre) => (down.fibres.has(fibre) ? 'down' : 'up'),
      deviceState: (device) => (down.devices.has(device) ? 'down' : 'up'),
    },
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('live state on the metro map', () => {
  it('marks a fibre and a site whose device the API reports down, and unmarks them when they are up again', async () => {
    const page = await signIn(browser, api.url, OPERATOR_TOKEN);
    expect(await page.locator('svg.metro .fibres .fibre.down').count()).toBe(0);
    expect(await page.getAttribute('svg.metro [data-fibre=F-13]', 'data-state')).toBe('up');

    down.fibres.add('F-13');
    down.devices.add('AGG-1-otn');
    await page.waitForSelector('svg.metro .fibres [data-fibre=F-13][data-state=down]');
    await page.waitForSelector('svg.metro [data-site=AGG-1].down');
    expect(await page.locator('svg.metro .fibres .fibre.down').count()).toBe(1);
    expect(await page.locator('svg.metro .sites .site.down').count()).toBe(1);
    expect(await page.textContent('.summary')).toContain('(1 down)');
    await screenshot(page, 'live-state-down');

    down.fibres.clear();
    down.devices.clear();
    await page.waitForSelector('svg.metro .fibres [data-fibre=F-13][data-state=up]');
    await page.waitForSelector('svg.metro [data-site=AGG-1]:not(.down)');
    expect(await page.locator('svg.metro .fibres .fibre.down').count()).toBe(0);
    await page.close();
  }, 60_000);
});
