// pnpm bench:install [--lines N] [--round R] — plans and installs N access lines (default 200) on metro-medium in the
// lab (mock NETCONF devices in the lab's own host process, network namespaces where possible), and prints per line
// the plan time, the transaction time by phase and the share spent in local YANG validation, then p50/p99.
// Local YANG validation is what the change sets spent in their schema (the edited entries parsed, the resulting
// config validated); beside it, the wider time spent adding edits (the verbs, applying them, and that validation).
// Baseline, measured in the same run on the same lines: the devices alone validate (change sets without a schema).
// The two ways alternate in rounds of R lines (default 25): each round installs its lines one after another with one
// way, releases them, then does the same with the other, the first way alternating from round to round, so a change
// of load on the shared machine falls on both alike. A line meets at most the round's earlier lines on the devices.
// Goal: p50 under 100 ms per line end to end, local validation under 10% of it. Figures, not assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InstalledLine, type InstallerContext, type StageTimes, provisionLine, releaseLine } from '@milli/controller';
import { ChangeSet, type DeviceDriver, DeviceDrivers, YangDeviceSchema, defaultDriverRegistry, poolFromInventory } from '@milli/drivers';
import { defaultIsolation, labDown, labUp, readLabRecord } from '@milli/lab';
import { type PathRequest, PceGraph, ledgerForGraph } from '@milli/pce';
import { TopologyIndex, loadInventory, loadTopology } from '@milli/topology';
import { processMemory } from './support/processMemory';

const ROOT = join(import.meta.dirname, '..');
const MEDIUM = join(ROOT, 'lab', 'topologies', 'metro-medium.yaml');
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}
const LINES = option('lines', 200);
const ROUND = option('round', 25);

/** The same driver, but its change sets carry no schema: nothing is validated locally, the device does it all. */
function devicesOnly(drivers: DeviceDrivers, schema: YangDeviceSchema): InstallerContext['drivers'] {
  return {
    async driver(device: string): Promise<DeviceDriver> {
      const real = await drivers.driver(device);
      return Object.assign(Object.create(real) as DeviceDriver, {
        beginChangeSet: async () => new ChangeSet({ device, base: (await real.beginChangeSet()).base, namespaces: schema.namespaces }),
      });
    },
  };
}

/** Access lines from every park to the DCs in turn, 2 to 200 Mbit/s, every fourth one protected. */
function requests(parks: string[], dcs: string[]): PathRequest[] {
  return Array.from({ length: LINES }, (_, i) => ({
    from: parks[i % parks.length]!,
    to: dcs[i % dcs.length]!,
    bandwidthKbps: 2000 * (1 + ((i * 37) % 100)),
    maxLatencyUs: 2000,
    layer: 'osu',
    protection: i % 4 === 3 ? 'srlg' : 'none',
    objective: 'latency',
    alternatives: 0,
  }));
}

interface Row {
  line: string;
  times: StageTimes;
}

const ms = (x: number) => x.toFixed(1).padStart(7);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** The lab host's resident memory now and at its peak (MiB): every device's datastores are libyang trees it holds. */
function hostMemory(): string {
  const pid = readLabRecord(stateDir)?.hostPid;
  if (pid === undefined) return 'host memory unknown';
  const { rss, peak } = processMemory(pid);
  return `lab host RSS ${(rss / 2 ** 20).toFixed(0)} MiB (peak ${(peak / 2 ** 20).toFixed(0)} MiB)`;
}

/** Installs `lines` one after another, then releases them: the devices end as they began. */
async function run(
  ctx: InstallerContext,
  lines: readonly { line: string; request: PathRequest }[],
  print: boolean,
): Promise<{ rows: Row[]; refused: number }> {
  const rows: Row[] = [];
  const installed: InstalledLine[] = [];
  let refused = 0;
  for (const { line, request } of lines) {
    try {
      const { installed: one, times } = await provisionLine(ctx, { line, request });
      installed.push(one);
      rows.push({ line, times });
      if (print) {
        const p = times.phases;
        console.log(
          `   ${line.padEnd(9)}${ms(times.computeMs + times.reserveMs + times.planMs)}${ms(times.renderMs)}(${ms(times.editsMs).trim()}/${ms(times.localValidationMs).trim()})${ms(p.prepare ?? 0)}${ms(p.commit ?? 0)}${ms(p.verify ?? 0)}${ms(p.confirm ?? 0)}${ms(times.totalMs)}`,
        );
      }
    } catch (error) {
      refused++;
      if (print) console.log(`   ${line.padEnd(9)} refused: ${(error as Error).message.slice(0, 100)}`);
    }
  }
  if (print) console.log(`   ${installed.length} lines installed: ${hostMemory()}`);
  for (const one of installed.reverse()) await releaseLine(ctx, one);
  return { rows, refused };
}

function summary(label: string, rows: Row[], refused: number): { p50: number; p99: number; localShare: number; editsShare: number } {
  const total = rows.map((r) => r.times.totalMs);
  const local = rows.reduce((s, r) => s + r.times.localValidationMs, 0);
  const edits = rows.reduce((s, r) => s + r.times.editsMs, 0);
  const all = rows.reduce((s, r) => s + r.times.totalMs, 0);
  const p50 = quantile(total, 0.5);
  const p99 = quantile(total, 0.99);
  const phase = (name: keyof StageTimes['phases']) =>
    quantile(
      rows.map((r) => r.times.phases[name] ?? 0),
      0.5,
    ).toFixed(1);
  console.log(
    `${label}: ${rows.length} lines (${refused} refused), p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms per line; ` +
      `plan p50 ${quantile(
        rows.map((r) => r.times.computeMs + r.times.reserveMs + r.times.planMs),
        0.5,
      ).toFixed(
        1,
      )} ms, prepare ${phase('prepare')}, commit ${phase('commit')}, verify ${phase('verify')}, confirm ${phase('confirm')} ms (p50); ` +
      `local YANG validation ${((100 * local) / all).toFixed(1)}% of the total (adding edits, validation included: ${((100 * edits) / all).toFixed(1)}%)`,
  );
  console.log(`  where the time goes (share of all lines' time): ${shares(rows)}`);
  return { p50, p99, localShare: local / all, editsShare: edits / all };
}

/** Each stage's share of the summed time of every line; "other" is what no stage accounts for (scheduling, awaits). */
function shares(rows: Row[]): string {
  const sum = (f: (t: StageTimes) => number) => rows.reduce((s, r) => s + f(r.times), 0);
  const all = sum((t) => t.totalMs);
  const parts: [string, number][] = [
    ['compute+reserve+plan', sum((t) => t.computeMs + t.reserveMs + t.planMs)],
    ['render (get-config)', sum((t) => t.renderMs - t.editsMs)],
    ['edits (verbs, applied)', sum((t) => t.editsMs - t.localValidationMs)],
    ['local YANG validation', sum((t) => t.localValidationMs)],
    ...(['prepare', 'commit', 'verify', 'confirm'] as const).map((p): [string, number] => [p, sum((t) => t.phases[p] ?? 0)]),
  ];
  const other = all - parts.reduce((s, [, v]) => s + v, 0);
  return [...parts, ['other', other] as [string, number]].map(([name, v]) => `${name} ${((100 * v) / all).toFixed(1)}%`).join(', ');
}

const stateDir = mkdtempSync(join(tmpdir(), 'milli-bench-install-'));
try {
  const isolation = await defaultIsolation();
  const started = Date.now();
  const { devices, inventory: inventoryPath } = await labUp({ topologyPath: MEDIUM, stateDir, isolation });
  console.log(
    `metro-medium: ${devices} devices up (${isolation}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${LINES} lines each way, in rounds of ${ROUND}`,
  );
  const topology = await loadTopology(MEDIUM);
  const inventory = loadInventory(inventoryPath);
  const schema = YangDeviceSchema.forModules();
  const pool = poolFromInventory(inventory, inventoryPath, { keepaliveMs: 0 });
  const drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  try {
    const graph = PceGraph.build(topology);
    const index = new TopologyIndex(topology);
    const sites = (kind: string) => topology.sites.filter((s) => s.kind === kind).map((s) => s.id);
    const lines = requests(sites('park'), sites('dc'));
    const base = { index, graph, confirmTimeoutS: 120 };
    // Warm-up: a session to every device opened and code paths compiled, so neither way pays for them.
    await Promise.all(inventory.devices.map((d) => pool.acquire(d.device)));
    const named = lines.map((request, i) => ({ line: `bench-${i + 1}`, request }));
    await run({ ...base, ledger: ledgerForGraph(graph), drivers }, named.slice(0, 4), false);
    const ways = {
      local: { drivers, rows: [] as Row[], refused: 0 },
      remote: { drivers: devicesOnly(drivers, schema), rows: [] as Row[], refused: 0 },
    };
    console.log(`\nlocal validation + devices (rounds of ${ROUND} lines, alternating with devices only)`);
    console.log('   line      plan  render(edits/local)  prepare   commit   verify  confirm    total');
    for (let start = 0, round = 0; start < named.length; start += ROUND, round++) {
      const slice = named.slice(start, start + ROUND);
      const order = round % 2 === 0 ? (['local', 'remote'] as const) : (['remote', 'local'] as const);
      for (const way of order) {
        const out = await run({ ...base, ledger: ledgerForGraph(graph), drivers: ways[way].drivers }, slice, way === 'local');
        ways[way].rows.push(...out.rows);
        ways[way].refused += out.refused;
      }
      console.log(
        `   round ${round + 1}: load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
    }
    const local = ways.local;
    const remote = ways.remote;
    console.log('');
    const a = summary('local validation + devices', local.rows, local.refused);
    const b = summary('devices only (baseline)', remote.rows, remote.refused);
    console.log(`ratio p50 ${(a.p50 / b.p50).toFixed(2)}, p99 ${(a.p99 / b.p99).toFixed(2)} (with local validation / devices only)`);
    console.log(`goal: p50 under 100 ms per line end to end: ${a.p50 < 100 ? 'met' : 'not met'}`);
    console.log(
      `goal: local YANG validation under 10% of it: ${a.localShare < 0.1 ? 'met' : 'not met'} (${(100 * a.localShare).toFixed(1)}%; ` +
        `adding edits, validation included: ${(100 * a.editsShare).toFixed(1)}%, against ${(100 * b.editsShare).toFixed(1)}% devices only)`,
    );
  } finally {
    await drivers.close();
    schema.dispose();
  }
} finally {
  await labDown(stateDir);
  rmSync(stateDir, { recursive: true, force: true });
}
