// pnpm bench:lab-get — what one lab device spends answering the controller's verify read-back: a `<get>` whose
// subtree filter names a few entries of milli-otn and milli-osu (as the drivers' selective gets send it), on an OSU
// switch holding SIZES connections, and for comparison the same filter through get-config. Client and device share
// this process; the figure is the process's CPU time per request (far less disturbed by a loaded machine than wall
// time), with the load average, and the get's ratio to the get-config baseline measured in the same run (what building
// and printing state costs on top of reading config). BENCH_NAMED (default 1) lines are named in the filter: 200 is
// a round of moves' read-back on a DC switch. Run it from two checkouts alternately to compare. Figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyOsuDevice } from './busyDevice';
import { MILLI_MODULES, MILLI_YANG_DIR, OsuDriverVerbs, OtnDriverVerbs } from '@milli/drivers';
import { MockDevice } from '@milli/lab';
import { NetconfClient, type RpcReply } from '@milli/netconf-client';
import type { Device } from '@milli/topology';
import { YangContext } from '@milli/yang-ts';

const SIZES = (process.env.BENCH_SIZES ?? '40,400').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const NAMED = Number(process.env.BENCH_NAMED ?? 1);
const USER = { username: 'lab', password: 'lab-secret' };

const device: Device = {
  id: 'AGG-1-osu',
  site: 'AGG-1',
  kind: 'osu',
  ports: [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `line-${i + 1}`, kind: 'line' as const, rate: 'OTUC4' as const })),
    ...Array.from({ length: 40 }, (_, i) => ({ id: `client-${i + 1}`, kind: 'client' as const, rate: '10GE' as const, osu: true })),
  ],
  management: { address: '127.0.0.1' },
};

const ctx = new YangContext({ searchDirs: [MILLI_YANG_DIR] });
for (const name of MILLI_MODULES) ctx.loadModule(name);

function configXml(connections: number): string {
  const tree = ctx.parseData(JSON.stringify(busyOsuDevice(Math.ceil(connections / 2), connections)), { format: 'json', mode: 'config' });
  try {
    return tree.print('xml', { shrink: true });
  } finally {
    tree.dispose();
  }
}

/**
 * The filter verify sends for NAMED lines on this switch (one: a line's own transaction; hundreds: a round of moves
 * after a cut, every line's connection and ODU by name), spread over the switch's connections.
 */
async function verifyFilters(connections: number): Promise<string[]> {
  const filters: string[] = [];
  const capture = {
    get: async (filter?: string) => {
      filters.push(filter ?? '');
      return { ok: true, dataXml: '', errors: [] };
    },
  } as never;
  const count = Math.min(NAMED, connections);
  const lines = Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * connections) / count));
  const odus = [...new Set(lines.map((line) => `osu-odu-${line % Math.ceil(connections / 2)}`))];
  await new OtnDriverVerbs(device.id, capture).listOdu({ containers: odus });
  await new OsuDriverVerbs(device.id, capture).listOsu({ connections: lines.map((line) => `line-${line}`) });
  return filters;
}

async function measure(connections: number): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'milli-bench-get-'));
  const mock = new MockDevice({ device, fibres: [], yangDir: MILLI_YANG_DIR, stateDir, users: [USER], onCrash: () => {} });
  const { port, hostKeyFingerprint } = await mock.listen('127.0.0.1', 0);
  const client = await NetconfClient.connect({
    host: '127.0.0.1',
    port,
    ...USER,
    hostKeyFingerprint,
    rpcTimeoutMs: 30_000,
    keepaliveIntervalMs: 0,
  });
  try {
    const edit = await client.editConfig({ target: 'candidate', config: configXml(connections) });
    if (!edit.ok || !(await client.commit()).ok) throw new Error(`could not load ${connections} connections`);
    const filter = (await verifyFilters(connections)).join('');
    const cases: [string, () => Promise<RpcReply>][] = [
      ['get (verify filter)', () => client.get({ filter: { type: 'subtree', content: filter } })],
      ['get-config (same filter)', () => client.getConfig('running', { filter: { type: 'subtree', content: filter } })],
    ];
    const cpuPerRequest: number[] = [];
    for (const [name, request] of cases) {
      const first = await request();
      if (first.errors.length > 0 || first.data === undefined) throw new Error(`${name} failed: ${JSON.stringify(first).slice(0, 500)}`);
      for (let i = 0; i < 20; i++) await request();
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < REQUESTS; i++) await request();
      const used = process.cpuUsage(cpu);
      const perRequest = (used.user + used.system) / 1000 / REQUESTS;
      cpuPerRequest.push(perRequest);
      const wall = (performance.now() - start) / REQUESTS;
      console.log(
        `${String(connections).padStart(5)} connections  ${name.padEnd(26)} cpu ${perRequest.toFixed(2)} ms/request  wall ${wall.toFixed(2)} ms  reply ${first.dataXml.length} chars  load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const [get = 0, getConfig = 1] = cpuPerRequest;
    console.log(`${String(connections).padStart(5)} connections  get / get-config baseline: ${(get / getConfig).toFixed(2)}x CPU`);
  } finally {
    await client.close();
    await mock.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

for (const size of SIZES) await measure(size);
