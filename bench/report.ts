// pnpm bench:report — the full indicators report on a generated metro of 20 DCs and 2,000 integrated access points,
// timed per format, with the share of time in latency computation (PCE), geometry (Voronoi cells, clipping, areas)
// and rendering. Baseline, measured in the same run on the same metro: a plain Dijkstra from every DC's egress
// device over the fibre graph (graphology-shortest-path, fibre latency only), the least work any latency circle
// needs; the ratio says what computing each figure with the provisioning engine costs over it. Figures, not assertions.
import { cpus, loadavg } from 'node:os';
import { assembleReport, measureGeometry, measureLatencies, renderReport, REPORT_FORMATS, type ReportInput } from '@milli/indicators';
import { fibreLatencyUs, generateMetro } from '@milli/topology';
import { MultiGraph } from 'graphology';
import { singleSource } from 'graphology-shortest-path/dijkstra';

const OPTIONS = {
  dcs: 20,
  important: 40,
  access: 2000,
  parks: 0,
  radiusKm: Number(process.env.BENCH_RADIUS_KM ?? 80),
  seed: 'bench-report',
};

function time<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}

const topology = generateMetro(OPTIONS);
console.log(
  `metro: ${JSON.stringify(OPTIONS)} → ${topology.sites.length} sites, ${topology.devices.length} devices, ${topology.fibres.length} fibres`,
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// Baseline: one single-source Dijkstra per DC over the fibre graph.
const base = time(() => {
  const g = new MultiGraph({ type: 'undirected' });
  for (const d of topology.devices) g.addNode(d.id);
  for (const f of topology.fibres) g.addEdgeWithKey(f.id, f.a.device, f.b.device, { weight: fibreLatencyUs(f) });
  for (const dc of topology.sites.filter((s) => s.kind === 'dc')) singleSource(g, `${dc.id}-otn`);
});
console.log(`baseline (plain Dijkstra from each of ${OPTIONS.dcs} DCs over the fibre graph): ${base.ms.toFixed(0)} ms`);

const input: ReportInput = { topology };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** One full report: latencies, geometry, assembly, then every format rendered from the same report. */
function fullRun() {
  const latencies = time(() => measureLatencies(input));
  const geometry = time(() => measureGeometry(input));
  const assembled = time(() => assembleReport(input, latencies.value, geometry.value));
  const renders = REPORT_FORMATS.map((format) => ({ format, ...time(() => renderReport(assembled.value, topology, format, 'zh')) }));
  return { latencyMs: latencies.ms, geometryMs: geometry.ms + assembled.ms, renders, report: assembled.value };
}

// The first run is what one `milli report indicators` invocation pays (cold: the JIT has not warmed up yet);
// the later ones show the steady state a long-running API process gets.
const runs = Array.from({ length: RUNS }, fullRun);
const { report } = runs[0]!;
console.log(
  `work per run: ${report.work.pathComputations} path computations, ${report.work.provenWithoutSearch} circle optima proven from another search's path, ${report.work.boundedOut} pairs ruled out by the PCE lower bound`,
);
const circle = report.indicators.find((i) => i.id === 'latency-circle-coverage');
console.log(`coverage ${((circle?.value ?? 0) * 100).toFixed(1)}%, ${report.uncovered.length} access points uncovered`);

runs.forEach((run, i) => {
  console.log(
    `\nrun ${i + 1}${i === 0 ? ' (cold)' : ''}: latency (PCE) ${run.latencyMs.toFixed(0)} ms, geometry ${run.geometryMs.toFixed(0)} ms`,
  );
  console.log('format    total ms   latency   geometry  rendering  bytes');
  for (const r of run.renders) {
    const total = run.latencyMs + run.geometryMs + r.ms;
    const share = (ms: number) => `${((100 * ms) / total).toFixed(0)}%`.padEnd(10);
    console.log(
      `${r.format.padEnd(10)}${total.toFixed(0).padEnd(11)}${share(run.latencyMs)}${share(run.geometryMs)}${share(r.ms)}${r.value.length}`,
    );
  }
});
const jsonMs = (run: (typeof runs)[number]) => run.latencyMs + run.geometryMs + run.renders.find((r) => r.format === 'json')!.ms;
const warm = runs
  .slice(1)
  .map(jsonMs)
  .sort((a, b) => a - b);
console.log(
  `\nfull JSON report: cold ${(jsonMs(runs[0]!) / 1000).toFixed(2)} s${warm.length > 0 ? `, warm median ${(warm[Math.floor(warm.length / 2)]! / 1000).toFixed(2)} s` : ''} (goal < 2 s); ` +
    `cold is ${(jsonMs(runs[0]!) / base.ms).toFixed(0)}× the plain-Dijkstra baseline`,
);
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
