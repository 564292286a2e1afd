// pnpm bench:pce — path computation on a generated metro of ~5,000 devices (96 channels per span, 50% filled at
// random) and on CORONET (GNPy), printing p50/p99 for a single latency-bounded path and for an SRLG-disjoint pair.
// The baseline, in the same run on the same graph, is a plain unconstrained Dijkstra (graphology-shortest-path,
// bidirectional) between the same endpoints; the ratio says what the constraints cost. Beside it, the same requests
// with the plain search (no reach bounds, `reachBoundsAfter: Infinity`), measured in alternating runs, and a hash of
// each side's answers. Last, the booked-ledger scenarios (support/pceBookedReport.ts). Figures, not assertions.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { PathRequest } from '@milli/pce';
import { computePath, emptyWork, ledgerForGraph, PceGraph, type ResourceLedger } from '@milli/pce';
import { createPrng, fibreLatencyUs, generateMetro, importTopologyFile, type Topology } from '@milli/topology';
import { MultiGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { dcPairRequest, PLAIN_REQUEST, pick } from './support/randomRequests';
import { outcome } from './support/pceBooked';
import { reportBooked } from './support/pceBookedReport';

const ROOT = join(import.meta.dirname, '..');
const DATASETS = process.env.MILLI_DATASETS ?? join(ROOT, '..', 'shared', 'datasets');
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const PLAIN = { reachBoundsAfter: Number.POSITIVE_INFINITY };

interface Case {
  label: string;
  requests: PathRequest[];
  /** Fewer runs for the slow cases, so the whole bench stays in minutes. */
  runs?: number;
}

function fill(topology: Topology, graph: PceGraph, ledger: ResourceLedger, seed: string): number {
  const rng = createPrng(seed);
  let spans = 0;
  for (const list of graph.adjacency) {
    for (const e of list) {
      if (e.kind !== 'span' || e.from > e.to) continue;
      const channels = Array.from({ length: 96 }, (_, i) => i + 1);
      for (let i = channels.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [channels[i], channels[j]] = [channels[j]!, channels[i]!];
      }
      ledger.reserve(
        'background',
        { start: 0, end: null },
        channels.slice(0, 48).map((channel) => ({ kind: 'channel' as const, fibre: e.id, channel })),
      );
      spans++;
    }
  }
  void topology;
  return spans;
}

function baselineGraph(topology: Topology) {
  const g = new MultiGraph({ type: 'undirected' });
  for (const d of topology.devices) g.addNode(d.id);
  for (const f of topology.fibres) g.addEdgeWithKey(f.id, f.a.device, f.b.device, { weight: fibreLatencyUs(f) });
  return g;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Times each of `runs` on request i, alternating request by request so load changes hit them alike, and rotating
 * which goes first (the first of a round was measured up to 2× slower, whichever it was).
 */
function measure(runs: ((i: number) => void)[], n: number): number[][] {
  for (let i = 0; i < Math.min(20, n); i++) for (const run of runs) run(i); // warm-up
  const times: number[][] = runs.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < runs.length; j++) {
      const k = (i + j) % runs.length;
      const t0 = process.hrtime.bigint();
      runs[k]!(i);
      times[k]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b));
}

function answersHash(results: string[]): string {
  return createHash('sha256').update(results.join('\n')).digest('hex').slice(0, 12);
}

function report(name: string, topology: Topology, cases: Case[]): void {
  const t0 = performance.now();
  const graph = PceGraph.build(topology);
  const buildMs = performance.now() - t0;
  const ledger = ledgerForGraph(graph);
  const spans = fill(topology, graph, ledger, `${name}-fill`);
  const base = baselineGraph(topology);
  console.log(
    `\n${name}: ${topology.devices.length} devices, ${topology.fibres.length} fibres, ${spans} optical spans at 50% of 96 channels; graph built in ${buildMs.toFixed(1)} ms`,
  );
  for (const c of cases) {
    const outcomes = new Map<string, number>();
    // Outcomes of the distinct requests (warm-up runs excluded), so the figures say what was computed.
    const answers: string[] = [];
    const plainAnswers: string[] = [];
    const work = emptyWork();
    const plainWork = emptyWork();
    for (const req of c.requests) {
      const r = computePath(graph, ledger, req, { work });
      const key = r.ok ? (r.protection ? (r.pairGuarantee === 'optimal' ? 'optimal pair' : 'best-found pair') : 'path') : r.failure.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      answers.push(outcome(r));
      plainAnswers.push(outcome(computePath(graph, ledger, req, { ...PLAIN, work: plainWork })));
    }
    // The two searches alternate with each other only: a run right after a graphology Dijkstra (and its garbage) was
    // measured slower, which would bias whichever search followed it.
    const [pce, plain] = measure(
      [
        (i) => computePath(graph, ledger, c.requests[i % c.requests.length]!),
        (i) => computePath(graph, ledger, c.requests[i % c.requests.length]!, PLAIN),
      ],
      c.runs ?? RUNS,
    ) as [number[], number[]];
    const [dijkstra] = measure(
      [
        (i) => {
          const req = c.requests[i % c.requests.length]!;
          bidirectional(base, endpointDevice(graph, req.from), endpointDevice(graph, req.to), 'weight');
        },
      ],
      c.runs ?? RUNS,
    ) as [number[]];
    const p50 = percentile(pce, 50);
    const p99 = percentile(pce, 99);
    const b50 = percentile(dijkstra, 50);
    const b99 = percentile(dijkstra, 99);
    const hash = answersHash(answers);
    const plainHash = answersHash(plainAnswers);
    console.log(
      `  ${c.label.padEnd(44)} p50 ${p50.toFixed(3).padStart(8)} ms  p99 ${p99.toFixed(3).padStart(8)} ms   | graphology Dijkstra p50 ${b50.toFixed(3).padStart(7)} ms p99 ${b99.toFixed(3).padStart(7)} ms | ratio p50 ${(p50 / b50).toFixed(2)}×  (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')})`,
    );
    console.log(
      `  ${''.padEnd(44)} plain search p50 ${percentile(plain, 50).toFixed(3)} ms p99 ${percentile(plain, 99).toFixed(3)} ms (reach bounds / plain: p50 ${(p50 / percentile(plain, 50)).toFixed(2)}×, p99 ${(p99 / percentile(plain, 99)).toFixed(2)}×) | labels ${work.popped} vs plain ${plainWork.popped}, ${work.reachBounds} reach bounds | answers ${hash}, plain ${plainHash === hash ? 'identical' : `DIFFERENT (${plainHash})`}`,
    );
  }
}

/** The device a site id stands for in the baseline: the one the PCE would use for the request's layer. */
function endpointDevice(graph: PceGraph, ref: string): string {
  const devices = graph.devicesBySite.get(ref);
  if (devices === undefined) return ref.split('/')[0]!;
  return (devices.find((d) => d.kind === 'osu') ?? devices.find((d) => d.kind === 'roadm' || d.kind === 'oxc') ?? devices[0]!).id;
}

const common = PLAIN_REQUEST;

console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (shared machine: figures are noisy)`,
);

// A metro of about 5,000 devices.
const metro = generateMetro({ dcs: 8, important: 60, access: 1200, parks: 3700, radiusKm: 60, seed: 'bench-pce' });
{
  const rng = createPrng('bench-requests');
  const sites = (kind: string) => metro.sites.filter((s) => s.kind === kind).map((s) => s.id);
  const parks = sites('park');
  const dcs = sites('dc');
  const aps = sites('access');
  const n = 100;
  report('generated metro', metro, [
    {
      label: 'park → DC, OSU 100 Mbit/s, ≤ 1 ms',
      requests: Array.from({ length: n }, () => ({
        ...common,
        from: pick(rng, parks),
        to: pick(rng, dcs),
        bandwidthKbps: 100_000,
        maxLatencyUs: 1000,
      })),
    },
    {
      label: 'DC → DC, wavelength 100G, ≤ 1 ms',
      requests: Array.from({ length: n }, () => dcPairRequest(rng, dcs)),
    },
    {
      label: 'SRLG pair: DC → DC, wavelength 100G, ≤ 1 ms',
      requests: Array.from({ length: n }, (): PathRequest => ({ ...dcPairRequest(rng, dcs), protection: 'srlg' })),
    },
    {
      label: 'SRLG pair: access point → DC, ODU 10G, ≤ 1 ms',
      runs: Math.ceil(RUNS / 4),
      requests: Array.from({ length: n }, () => ({
        ...common,
        protection: 'srlg',
        from: pick(rng, aps),
        to: pick(rng, dcs),
        bandwidthKbps: 10_000_000,
        maxLatencyUs: 1000,
      })),
    },
    {
      // Last, so the requests above stay what they were before it was added. Parks hang on one access fibre:
      // the pair shares that tail and is SRLG-disjoint beyond it.
      label: 'SRLG pair: park → DC, OSU 100 Mbit/s, ≤ 1 ms',
      requests: Array.from({ length: n }, () => ({
        ...common,
        protection: 'srlg',
        from: pick(rng, parks),
        to: pick(rng, dcs),
        bandwidthKbps: 100_000,
        maxLatencyUs: 1000,
      })),
    },
  ]);
}

const coronetFile = join(DATASETS, 'gnpy_CORONET_CONUS_Topology.json');
if (!existsSync(coronetFile)) {
  console.log(`\nCORONET skipped: ${coronetFile} is absent (set MILLI_DATASETS to the datasets dir)`);
} else {
  const { topology } = await importTopologyFile(coronetFile, 'gnpy');
  const rng = createPrng('bench-coronet');
  const sites = topology.sites.map((s) => s.id);
  const pairs = Array.from({ length: 100 }, () => {
    const a = pick(rng, sites);
    return [
      a,
      pick(
        rng,
        sites.filter((s) => s !== a),
      ),
    ] as const;
  });
  report('CORONET CONUS (GNPy)', topology, [
    {
      label: 'site → site, wavelength 100G, ≤ 30 ms',
      requests: pairs.map(([from, to]) => ({ ...common, from, to, bandwidthKbps: 100_000_000, maxLatencyUs: 30_000 })),
    },
    {
      label: 'SRLG pair: site → site, wavelength, ≤ 30 ms',
      requests: pairs.map(([from, to]) => ({ ...common, protection: 'srlg', from, to, bandwidthKbps: 100_000_000, maxLatencyUs: 30_000 })),
    },
  ]);
}

await reportBooked(Number(process.env.BENCH_PLAIN_CAP_S ?? 20) * 1000);
