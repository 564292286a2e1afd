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
const latencies = time(() => measureLatencies(input));
const geometry = time(() => measureGeometry(input));
const assembled = time(() => assembleReport(input, latencies.value, geometry.value));
const report = assembled.value;
console.log(
  `latency (PCE): ${latencies.ms.toFixed(0)} ms — ${report.work.pathComputations} path computations, ${report.work.boundedOut} pairs ruled out by the PCE lower bound`,
);
console.log(`geometry (Voronoi, clip, areas): ${geometry.ms.toFixed(0)} ms; assembling the indicators: ${assembled.ms.toFixed(0)} ms`);
const circle = report.indicators.find((i) => i.id === 'latency-circle-coverage');
console.log(`coverage ${((circle?.value ?? 0) * 100).toFixed(1)}%, ${report.uncovered.length} access points uncovered`);

const computeMs = latencies.ms + geometry.ms + assembled.ms;
console.log('\nformat    total ms   latency   geometry  rendering  bytes');
for (const format of REPORT_FORMATS) {
  const render = time(() => renderReport(report, topology, format, 'zh'));
  const total = computeMs + render.ms;
  const share = (ms: number) => `${((100 * ms) / total).toFixed(0)}%`.padEnd(10);
  console.log(
    `${format.padEnd(10)}${total.toFixed(0).padEnd(11)}${share(latencies.ms)}${share(geometry.ms + assembled.ms)}${share(render.ms)}${render.value.length}`,
  );
}
const jsonTotal = computeMs;
console.log(
  `\nfull JSON report: ${(jsonTotal / 1000).toFixed(2)} s (goal < 2 s); ${(jsonTotal / base.ms).toFixed(0)}× the plain-Dijkstra baseline`,
);
