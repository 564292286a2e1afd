import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIndicators, renderReport } from '@milli/indicators';
import { generateMetro } from '@milli/topology';
import { launchChromium } from '@milli/test-support';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`skipping the HTML map rendering test: ${CHROMIUM} is not installed (scripts/setup.sh installs it)`);
const RESULTS = join(import.meta.dirname, '..', '..', '..', 'test-results');

describe.skipIf(!haveChromium)('the HTML report renders its map in headless Chromium', () => {
  // Wide enough that some access points fall outside every circle.
  const topology = generateMetro({ dcs: 3, important: 8, access: 30, parks: 0, radiusKm: 150, seed: 'indicators-html' });
  const report = computeIndicators({ topology, options: { now: Date.UTC(2026, 10, 15) } });
  const dir = mkdtempSync(join(tmpdir(), 'milli-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, renderReport(report, topology, 'html', 'zh'));
  let browser: BrowserContext;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium({ width: 1200, height: 1400 });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every DC, access point, fibre and circle, marks the uncovered access points, and needs no network', async () => {
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    const count = (selector: string) => page.locator(selector).count();
    const dcs = topology.sites.filter((s) => s.kind === 'dc').length;
    const aps = topology.sites.filter((s) => s.kind === 'access').length;
    const siteOf = new Map(topology.devices.map((d) => [d.id, d.site]));
    const fibres = topology.fibres.filter((f) => siteOf.get(f.a.device) !== siteOf.get(f.b.device)).length;

    expect(await count('svg#map rect.dc')).toBe(dcs);
    expect(await count('svg#map circle.ap')).toBe(aps);
    expect(report.uncovered.length).toBeGreaterThan(0);
    expect(await count('svg#map circle.ap.uncovered')).toBe(report.uncovered.length);
    expect(await count('svg#map path.uncovered-mark')).toBe(report.uncovered.length);
    expect(await count('svg#map line.fibre')).toBe(fibres);
    expect(await count('svg#map path.circle')).toBe(report.circles.length);
    expect(await count('table.summary tbody tr')).toBe(11);

    // Drawn, not only present: each circle has a shape with real extent inside the map, and the page shows the map.
    const map = await page.locator('svg#map').boundingBox();
    expect(map?.width).toBeGreaterThan(500);
    for (const c of report.circles.filter((x) => x.count > 0)) {
      const box = await page.locator(`svg#map path.circle[data-dc="${c.dc}"]`).boundingBox();
      expect(box?.width).toBeGreaterThan(10);
      expect(box?.height).toBeGreaterThan(10);
      expect(await page.locator(`svg#map path.circle[data-dc="${c.dc}"]`).getAttribute('data-count')).toBe(String(c.count));
    }
    const uncoveredIds = await page.locator('svg#map circle.ap.uncovered').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(uncoveredIds.sort()).toEqual([...report.uncovered].sort());
    expect(await page.locator('h1').textContent()).toBe('城域“毫秒用算”专项行动指标报告');

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'indicators-map.png'), fullPage: true });
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });
});
