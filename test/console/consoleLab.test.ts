import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ServeProcess, spawnServeProcess } from '@milli/cli';
import { defaultIsolation, labDown, labUp } from '@milli/lab';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metroSmall, tempDir } from '../../lab/test/support/labHarness';
import { launchChromium, screenshot, signIn } from './consoleBrowser';

// The web console in Debian's Chromium against a real `milli serve` on the metro-small lab: what it draws is checked
// against what the API answers (elements, counts, states), and each test leaves a screenshot in test-results/.
const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const stateDir = tempDir('console-lab');
const OPERATOR = `op-${process.pid}-console-0123456789`;
const VIEWER = `vw-${process.pid}-console-0123456789`;
let serving: ServeProcess;
let browser: BrowserContext;

interface Topology {
  sites: { id: string }[];
  devices: { id: string; site: string }[];
  fibres: { id: string; a: { device: string }; b: { device: string }; state: string }[];
}
interface Record {
  id: string;
  state: string;
  path?: { working: { fibres: string[] }; protection?: { fibres: string[] } };
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${serving.url}${path}`, { headers: { authorization: `Bearer ${OPERATOR}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The fibres drawn on the metro map: those between two sites (a patch cord inside a site is not drawn). */
function interSite(topology: Topology, fibres: string[]): string[] {
  const site = new Map(topology.devices.map((d) => [d.id, d.site]));
  const byId = new Map(topology.fibres.map((f) => [f.id, f]));
  return fibres.filter((id) => {
    const f = byId.get(id);
    return f !== undefined && site.get(f.a.device) !== site.get(f.b.device);
  });
}

async function typeIntent(page: Page, text: string): Promise<void> {
  await page.fill('textarea[name=intent]', text);
}

/** Submits the text in the box and waits on the intent's page until it is active or failed. */
async function submitAndFollow(page: Page, text: string): Promise<string> {
  await typeIntent(page, text);
  await page.waitForSelector('.submit-box[data-verdict=valid]');
  await page.click('button[name=submit]');
  await page.waitForSelector('.intent-page .timeline');
  await page.waitForSelector('.intent-page[data-state=active], .intent-page[data-state=failed]', { timeout: 60_000 });
  return (await page.getAttribute('.intent-page', 'data-intent')) as string;
}

async function drawnSpans(page: Page, which: 'working' | 'protection'): Promise<string[]> {
  return page.$$eval(`svg.metro [data-path=${which}] .span`, (spans) => spans.map((s) => s.getAttribute('data-fibre') ?? ''));
}

beforeAll(async () => {
  if (!existsSync(join(root, 'packages', 'console', 'dist', 'index.html'))) {
    // scripts/setup.sh builds it at install time; a bare checkout builds it here.
    await run('pnpm', ['--filter', '@milli/console', 'build'], { cwd: root });
  }
  const topologyPath = await metroSmall();
  const { inventory } = await labUp({ topologyPath, stateDir, isolation: await defaultIsolation() });
  serving = await spawnServeProcess({
    args: ['--inventory', inventory, '--topology', topologyPath, '--db', join(stateDir, 'milli.db')],
    env: { MILLI_TOKENS: `${OPERATOR}:operator,${VIEWER}:viewer` },
    log: join(stateDir, 'serve.log'),
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const code = await serving?.stop();
  await labDown(stateDir);
  expect(code).toBe(0);
}, 60_000);

describe('the web console on metro-small', () => {
  let dci: string;

  it('draws the metro from the API: every site by kind, every inter-site fibre, the 1 ms circles on demand, the indicators', async () => {
    const page = await signIn(browser, serving.url, OPERATOR);
    const topology = await api<Topology>('/v1/topology');
    expect(await page.locator('svg.metro .sites [data-site]').count()).toBe(topology.sites.length);
    expect(await page.locator('svg.metro .sites [data-kind=dc]').count()).toBe(2);
    const drawn = await page.$$eval('svg.metro .fibres [data-fibre]', (f) => f.map((e) => e.getAttribute('data-fibre')));
    expect(drawn.sort()).toEqual(
      interSite(
        topology,
        topology.fibres.map((f) => f.id),
      ).sort(),
    );
    const devices = await page.getAttribute('svg.metro [data-site=dc-north]', 'data-devices');
    expect(Number(devices)).toBe(topology.devices.filter((d) => d.site === 'dc-north').length);

    expect(await page.locator('.circle-cell').count()).toBe(0);
    await page.check('input[name=circles]');
    const geojson = await api<{ features: { properties: { layer: string } }[] }>('/v1/reports/indicators?format=geojson');
    const cells = geojson.features.filter((f) => f.properties.layer === 'circle').length;
    expect(cells).toBeGreaterThan(0);
    expect(await page.locator('.circle-cell').count()).toBe(cells);

    await page.click('button[data-tab=indicators]');
    const report = await api<{ indicators: { id: string; pass: boolean | null }[] }>('/v1/reports/indicators?format=json');
    for (const indicator of report.indicators) {
      const verdict = indicator.pass === null ? 'notComputed' : indicator.pass ? 'pass' : 'fail';
      expect(await page.getAttribute(`[data-indicator=${indicator.id}]`, 'data-pass'), indicator.id).toBe(verdict);
    }
    await screenshot(page, 'metro-circles-indicators');
    await page.close();
  }, 60_000);

  it('checks a park line as it is typed, takes the suggestion, submits it and follows it to active with both paths drawn', async () => {
    const page = await signIn(browser, serving.url, OPERATOR);
    await typeIntent(page, 'connect park P-1 to DC dc-nrth under 1ms with 100Mbps protected');
    await page.waitForSelector('.submit-box[data-verdict=invalid]');
    expect(await page.textContent('mark.problem')).toBe('dc-nrth');
    expect(await page.isDisabled('button[name=submit]')).toBe(true);
    await page.click('button.suggestion');
    expect(await page.inputValue('textarea[name=intent]')).toBe('connect park P-1 to DC dc-north under 1ms with 100Mbps protected');
    await page.waitForSelector('.submit-box[data-verdict=valid]');
    await page.click('button[name=submit]');
    await page.waitForSelector('.intent-page[data-state=active], .intent-page[data-state=failed]', { timeout: 60_000 });
    const id = (await page.getAttribute('.intent-page', 'data-intent')) as string;
    const reached = await api<Record & { error?: { code: string; message: string } }>(`/v1/intents/${id}`);
    // The controller installs protected OSU park lines: anything but active is a failure worth reading.
    expect(reached.state, JSON.stringify(reached.error)).toBe('active');
    const record = await api<Record & { error?: { code: string } }>(`/v1/intents/${id}`);
    const topology = await api<Topology>('/v1/topology');
    // The console shows the state the controller reached, the history it went through, and both reserved paths.
    expect(await page.getAttribute('.intent-page', 'data-state')).toBe(record.state);
    expect(await page.$$eval('.timeline li', (li) => li.map((l) => l.getAttribute('data-to')))).toContain('reserved');
    expect(record.path?.protection).toBeDefined();
    expect(await drawnSpans(page, 'working')).toEqual(interSite(topology, record.path?.working.fibres ?? []));
    expect(await drawnSpans(page, 'protection')).toEqual(interSite(topology, record.path?.protection?.fibres ?? []));
    expect(await page.locator('.path-table[data-path=protection] tr.span').count()).toBe(record.path?.protection?.fibres.length);
    await screenshot(page, `park-line-${record.state}`);
    await page.close();
  }, 90_000);

  it('follows a protected DC interconnect to active with both paths drawn, marks a fibre cut under it and the line degraded, then both unmarked and active once it is restored', async () => {
    const page = await signIn(browser, serving.url, OPERATOR);
    dci = await submitAndFollow(page, 'connect dc-north to dc-south under 1 ms at 100G protected');
    expect(await page.getAttribute('.intent-page', 'data-state')).toBe('active');
    const record = await api<Record>(`/v1/intents/${dci}`);
    const topology = await api<Topology>('/v1/topology');
    const working = interSite(topology, record.path?.working.fibres ?? []);
    expect(working.length).toBeGreaterThan(0);
    expect(await drawnSpans(page, 'working')).toEqual(working);
    expect(await drawnSpans(page, 'protection')).toEqual(interSite(topology, record.path?.protection?.fibres ?? []));
    expect(await page.isVisible('button[name=release]')).toBe(true);
    await screenshot(page, 'dci-active');

    const cut = working[0] as string;
    // The first span leaves dc-north's ROADM, whose other degree the protection leg takes: no re-protection can exist.
    const cutFibre = topology.fibres.find((f) => f.id === cut);
    expect([cutFibre?.a.device, cutFibre?.b.device]).toContain('dc-north-roadm');
    const milli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/bin/milli.ts'), ...args], { cwd: root });
    const fibresDrawn = await page.locator('svg.metro .fibres [data-fibre]').count();
    expect(await page.locator('svg.metro .fibres .fibre.down').count()).toBe(0);
    expect(await page.getAttribute(`svg.metro .fibres [data-fibre=${cut}]`, 'data-state')).toBe('up');
    await milli('lab', 'fault', 'cut-fibre', cut, '--state-dir', stateDir);
    let restored = false;
    try {
      // The controller sees the loss of signal at the fibre's ends: the fibre is marked, the line on it degraded.
      await page.waitForSelector(`svg.metro .fibres [data-fibre=${cut}][data-state=down]`, { timeout: 30_000 });
      await page.waitForSelector('.intent-page[data-state=degraded]', { timeout: 30_000 });
      const after = await api<Topology>('/v1/topology');
      expect(after.fibres.filter((f) => f.state === 'down').map((f) => f.id)).toEqual([cut]);
      expect(await page.locator('svg.metro .fibres .fibre.down').count()).toBe(1);
      // The line's span over the cut is drawn down as well, so the mark is not hidden under the path (the map takes the
      // state from its next topology reading, so wait for it rather than read at once).
      await page.waitForSelector(`svg.metro [data-path] .span.down[data-fibre=${cut}]`, { timeout: 15_000 });
      expect(await page.$$eval('svg.metro [data-path] .span.down', (s) => s.map((e) => e.getAttribute('data-fibre')))).toEqual([cut]);
      expect(await page.locator('svg.metro .fibres [data-fibre]').count()).toBe(fibresDrawn);
      // The controller then tries to re-protect the line (restoring); the cut is at dc-north's two-degree ROADM, so no
      // leg disjoint from the survivor exists and the line settles back to degraded until the fibre returns.
      await expect.poll(async () => (await api<Record>(`/v1/intents/${dci}`)).state, { timeout: 30_000, interval: 250 }).toBe('degraded');
      expect(await page.$$eval('.timeline li', (li) => li.map((l) => l.getAttribute('data-to')))).toContain('degraded');
      await screenshot(page, 'fibre-cut-line-degraded');

      await milli('lab', 'fault', 'restore-fibre', cut, '--state-dir', stateDir);
      restored = true;
      await page.waitForSelector(`svg.metro .fibres [data-fibre=${cut}][data-state=up]`, { timeout: 30_000 });
      await page.waitForSelector('.intent-page[data-state=active]', { timeout: 30_000 });
      const again = await api<Topology>('/v1/topology');
      expect(again.fibres.filter((f) => f.state === 'down')).toEqual([]);
      expect(await page.locator('svg.metro .fibres .fibre.down, svg.metro [data-path] .span.down').count()).toBe(0);
      expect((await api<Record>(`/v1/intents/${dci}`)).state).toBe('active');
      await screenshot(page, 'fibre-restored-line-active');
    } finally {
      if (!restored) await milli('lab', 'fault', 'restore-fibre', cut, '--state-dir', stateDir);
    }
    await page.close();
  }, 150_000);

  it('shows a viewer no write controls', async () => {
    const page = await signIn(browser, serving.url, VIEWER);
    expect(await page.getAttribute('.console', 'data-role')).toBe('viewer');
    expect(await page.locator('textarea[name=intent]').count()).toBe(0);
    expect(await page.locator('button[name=submit]').count()).toBe(0);
    expect(await page.locator(`.intent-table tr[data-intent=${dci}]`).count()).toBe(1);
    await page.click(`.intent-table tr[data-intent=${dci}]`);
    await page.waitForSelector('.intent-page[data-state=active]');
    expect(await page.locator('svg.metro [data-path=working] .span').count()).toBeGreaterThan(0);
    expect(await page.locator('button[name=release], button[name=change], input[name=bandwidth]').count()).toBe(0);
    await screenshot(page, 'viewer');
    await page.close();
  }, 60_000);

  it('switches its labels between English and Chinese', async () => {
    const page = await signIn(browser, serving.url, OPERATOR);
    const labels = async () => ({
      title: await page.textContent('header h1'),
      tab: await page.textContent('button[data-tab=intents]'),
      submit: await page.textContent('.submit-box h3'),
      state: await page.textContent('.intent-table th:nth-child(4)'),
    });
    // The console re-renders after a click on its next turn: poll rather than read once (a loaded machine is slow to paint).
    await expect
      .poll(labels, { timeout: 10_000 })
      .toEqual({ title: 'milli console', tab: 'Intents', submit: 'Submit an intent', state: 'State' });
    await page.click('button.lang');
    await expect.poll(labels, { timeout: 10_000 }).toEqual({ title: 'milli 控制台', tab: '意图', submit: '提交意图', state: '状态' });
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await screenshot(page, 'chinese');
    await page.click('button.lang');
    await expect.poll(() => page.textContent('header h1'), { timeout: 10_000 }).toBe('milli console');
    await page.close();
  }, 60_000);

  it('lets an operator release a line with one click while a viewer of the same line sees no release button', async () => {
    const viewer = await signIn(browser, serving.url, VIEWER);
    await viewer.click(`.intent-table tr[data-intent=${dci}]`);
    await viewer.waitForSelector('.intent-page[data-state=active]');
    expect(await viewer.locator('button[name=release]').count()).toBe(0);

    const operator = await signIn(browser, serving.url, OPERATOR);
    await operator.click(`.intent-table tr[data-intent=${dci}]`);
    await operator.waitForSelector('.intent-page[data-state=active]');
    await operator.click('button[name=release]');
    // Both pages follow the intent through the release to its end, from the event stream.
    await operator.waitForSelector('.intent-page[data-state=deleted]', { timeout: 60_000 });
    await viewer.waitForSelector('.intent-page[data-state=deleted]', { timeout: 30_000 });
    expect((await api<Record>(`/v1/intents/${dci}`)).state).toBe('deleted');
    expect(await operator.locator('.line-controls .problem-text').count()).toBe(0);
    expect(await operator.$$eval('.timeline li', (li) => li.map((l) => l.getAttribute('data-to')))).toContain('deleting');
    expect(await viewer.locator('button[name=release]').count()).toBe(0);
    await screenshot(operator, 'released-operator');
    await screenshot(viewer, 'released-viewer');
    await operator.close();
    await viewer.close();
  }, 90_000);
});
