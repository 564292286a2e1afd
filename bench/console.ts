// pnpm bench:console — the web console in Debian's Chromium (1280×800) on `milli serve` over the metro-medium lab
// (136 sites, 152 devices, 282 fibres). Loads the console, then submits a burst of park lines through the API (each
// goes accepted → compiling → reserved → provisioning → failed or active: five transitions streamed to the page) and
// reads Chromium's own main-thread figures (CDP Performance.getMetrics: TaskDuration) and long tasks (> 50 ms, the
// ones that stutter). The baseline, in the same run, is what "reloading everything" costs: a full load of the page
// with every intent. Figures only; nothing here passes or fails.
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { spawnServeProcess } from '@milli/cli';
import { defaultIsolation, labDown, labUp } from '@milli/lab';
import { launchChromium } from '@milli/test-support';
import type { CDPSession, Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = join(ROOT, 'lab/topologies/metro-medium.yaml');
const STATE = join(ROOT, '.milli/bench-console');
const COUNT = Number(process.env.BENCH_INTENTS ?? 200);
const TOKEN = `bench-${process.pid}-${Date.now()}-operator`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;

const sessions = new WeakMap<Page, CDPSession>();

/** Chromium's main-thread counters so far, in seconds (one DevTools session per page: enabling resets them). */
async function counters(page: Page): Promise<Record<string, number>> {
  let cdp = sessions.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    sessions.set(page, cdp);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const taskSeconds = async (page: Page) => (await counters(page)).TaskDuration ?? Number.NaN;

/** Where the main thread's time went between two readings: script, style, layout, and the rest. */
function shares(before: Record<string, number>, after: Record<string, number>): string {
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const task = delta('TaskDuration');
  const parts = { script: delta('ScriptDuration'), style: delta('RecalcStyleDuration'), layout: delta('LayoutDuration') };
  const rest = task - parts.script - parts.style - parts.layout;
  return [...Object.entries(parts), ['other', rest] as const]
    .map(([name, value]) => `${name} ${((value / task) * 100).toFixed(0)}%`)
    .join(', ');
}

const longTasks = (page: Page) => page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks.splice(0));

async function rowsAtLeast(page: Page, selector: string, n: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  while ((await page.locator(selector).count()) < n) {
    if (Date.now() > deadline) throw new Error(`the console shows fewer than ${n} rows '${selector}' after 5 minutes`);
    await new Promise((resume) => setTimeout(resume, 500));
  }
}

/** A full load of the console in a new tab (token already in its session): the main thread's whole work until drawn. */
async function loadConsole(page: Page, url: string): Promise<number> {
  const tab = await page.context().newPage();
  await tab.addInitScript(`sessionStorage.setItem('milli.token', ${JSON.stringify(TOKEN)})`);
  const before = await taskSeconds(tab);
  await tab.goto(`${url}/ui/`);
  await tab.waitForSelector('svg.metro .sites [data-site]');
  await tab.waitForSelector('.link[data-linked=true]');
  await rowsAtLeast(tab, '.intent-table tbody tr', Number(await page.locator('.intent-table tbody tr').count()));
  const after = await taskSeconds(tab);
  await tab.close();
  // Chromium counts per document: the navigation from about:blank starts the count again.
  return after < before ? after : after - before;
}

async function main(): Promise<void> {
  console.log(`bench:console on ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}; ${COUNT} intents`);
  await labDown(STATE);
  rmSync(STATE, { recursive: true, force: true });
  const { inventory } = await labUp({ topologyPath: TOPOLOGY, stateDir: STATE, isolation: await defaultIsolation() });
  const serving = await spawnServeProcess({
    args: ['--inventory', inventory, '--topology', TOPOLOGY, '--db', join(STATE, 'milli.db')],
    env: { MILLI_TOKENS: `${TOKEN}:operator` },
    log: join(STATE, 'serve.log'),
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Page code as text: this file is type-checked for Node, not the browser.
    await page.addInitScript(
      'globalThis.longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });',
    );
    await page.goto(`${serving.url}/ui/`);
    await page.fill('input[name=token]', TOKEN);
    await page.click('.token-gate button[type=submit]');
    await page.waitForSelector('svg.metro .sites [data-site]');
    const drawn = {
      sites: await page.locator('svg.metro .sites [data-site]').count(),
      fibres: await page.locator('svg.metro .fibres [data-fibre]').count(),
    };
    const emptyLoad = await loadConsole(page, serving.url);
    await longTasks(page);
    console.log(
      `metro drawn: ${drawn.sites} sites, ${drawn.fibres} inter-site fibres; full load with no intents: ${ms(emptyLoad)} of main thread`,
    );

    const api = new ApiClient(serving.url, TOKEN);
    const topology = (await (await fetch(`${serving.url}/v1/topology`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      sites: { id: string; kind: string }[];
    };
    const parks = topology.sites.filter((s) => s.kind === 'park').map((s) => s.id);
    const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);
    const burstStart = await counters(page);
    const before = burstStart.TaskDuration ?? Number.NaN;
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const text = `connect park ${parks[i % parks.length]} to DC ${dcs[i % dcs.length]} under 5ms with 100Mbps`;
      ids.push((await api.submit(text)).id);
    }
    await rowsAtLeast(page, '.intent-table tr[data-state=failed], .intent-table tr[data-state=active]', COUNT);
    const burstEnd = await counters(page);
    const burst = (burstEnd.TaskDuration ?? Number.NaN) - before;
    const wall = (performance.now() - started) / 1000;
    const stutter = await longTasks(page);
    const transitions = COUNT * 5;
    console.log(
      `burst: ${COUNT} intents, about ${transitions} transitions over ${wall.toFixed(1)} s; main thread ${ms(burst)} in all, ` +
        `${ms(burst / transitions)} per transition; long tasks (> 50 ms): ${stutter.length}` +
        (stutter.length > 0 ? `, longest ${stutter.reduce((a, b) => Math.max(a, b), 0).toFixed(0)} ms` : '') +
        `; ${shares(burstStart, burstEnd)}`,
    );

    const fullLoad = await loadConsole(page, serving.url);
    await rowsAtLeast(page, '.intent-table tbody tr', COUNT);
    const reloadStutter = await longTasks(page);
    console.log(
      `baseline: a full load of the page with ${COUNT} intents: ${ms(fullLoad)} of main thread; long tasks: ${reloadStutter.length}`,
    );
    console.log(
      `ratio: one full reload costs ${(fullLoad / (burst / transitions)).toFixed(0)}× one transition applied in place; ` +
        `reloading on every transition would have cost ${(fullLoad * transitions).toFixed(1)} s against ${burst.toFixed(2)} s`,
    );
    await page.screenshot({ path: join(ROOT, 'test-results', 'bench-console-metro-medium.png') });
  } finally {
    await browser.close();
    await serving.stop();
    await labDown(STATE);
  }
}

await main();
