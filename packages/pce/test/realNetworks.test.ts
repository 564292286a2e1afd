import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { importTopologyFile, type ImportFormat, type Topology } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { computePath, ledgerForGraph, PceGraph } from '../src/index';

/**
 * Public networks through the topology importers (GNPy Sweden and CORONET, Topology Zoo): on an empty network the
 * PCE's wavelength path must be exactly as short as a plain Dijkstra's; the latency bound must cut exactly at the
 * optimum; SRLG-protected pairs must be disjoint and within the bound. Skipped, with the reason printed, when the
 * datasets dir is absent.
 */
const DATASETS = process.env.MILLI_DATASETS ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'datasets');
const NETWORKS: [string, string, ImportFormat][] = [
  ['GNPy Sweden', 'gnpy_Sweden_OpenROADMv5_example_network.json', 'gnpy'],
  ['GNPy CORONET CONUS', 'gnpy_CORONET_CONUS_Topology.json', 'gnpy'],
  ['Topology Zoo Cernet', 'zoo_Cernet.graphml', 'graphml'],
  ['Topology Zoo Chinanet', 'zoo_Chinanet.graphml', 'graphml'],
];
const ROADM_US = 0.1;

for (const [name, file, format] of NETWORKS) {
  const path = join(DATASETS, file);
  const absent = !existsSync(path);
  if (absent) console.log(`skipping ${name}: ${path} is absent (set MILLI_DATASETS to the datasets dir)`);
  describe.skipIf(absent)(`${name} (${file})`, () => {
    let topology: Topology;
    let graph: PceGraph;
    const load = async () => {
      if (graph === undefined) {
        topology = (await importTopologyFile(path, format)).topology;
        graph = PceGraph.build(topology);
      }
      return graph;
    };
    const pairs = () => {
      const sites = topology.sites.map((s) => s.id).sort();
      const out: [string, string][] = [];
      for (let i = 0; i < sites.length && out.length < 40; i += 3) out.push([sites[i]!, sites[(i * 7 + 5) % sites.length]!]);
      return out.filter(([a, b]) => a !== b);
    };
    const request = (from: string, to: string) =>
      ({ from, to, bandwidthKbps: 100_000_000, layer: 'wavelength', protection: 'none', objective: 'latency', alternatives: 0 }) as const;

    it('finds paths exactly as short as plain Dijkstra on the same spans', async () => {
      const g = await load();
      const base = new MultiGraph({ type: 'undirected' });
      for (const n of g.nodes) base.addNode(n.id);
      for (const list of g.adjacency)
        for (const e of list)
          if (e.kind === 'span' && e.from < e.to) base.addEdge(g.nodes[e.from]!.id, g.nodes[e.to]!.id, { w: e.latencyUs + ROADM_US });
      const ledger = ledgerForGraph(g);
      let compared = 0;
      for (const [a, b] of pairs()) {
        const r = computePath(g, ledger, request(a, b));
        const src = `${a}-roadm`;
        const dst = `${b}-roadm`;
        const ref = bidirectional(base, src, dst, 'w');
        if (ref === null) {
          expect(r.ok).toBe(false);
          continue;
        }
        let refUs = ROADM_US;
        for (let i = 1; i < ref.length; i++) {
          const ws = base.edges(ref[i - 1]!, ref[i]!).map((k) => base.getEdgeAttribute(k, 'w') as number);
          refUs += Math.min(...ws);
        }
        if (!r.ok) throw new Error(`${a} → ${b}: ${r.failure.message}`);
        expect(r.working.latency.totalUs).toBeCloseTo(refUs, 6);
        compared++;
      }
      expect(compared).toBeGreaterThan(2);
    });

    it('cuts at the latency bound exactly and says by how much', async () => {
      const g = await load();
      const ledger = ledgerForGraph(g);
      const [a, b] = pairs()[0]!;
      const best = computePath(g, ledger, request(a, b));
      if (!best.ok) throw new Error(best.failure.message);
      const us = best.working.latency.totalUs;
      expect(computePath(g, ledger, { ...request(a, b), maxLatencyUs: us * 1.000001 }).ok).toBe(true);
      const cut = computePath(g, ledger, { ...request(a, b), maxLatencyUs: us * 0.999 });
      expect(cut.ok).toBe(false);
      if (!cut.ok) {
        expect(cut.failure.code).toBe('PCE_LATENCY_BOUND');
        expect(cut.failure.evidence.bestUs as number).toBeCloseTo(us, 6);
      }
    });

    it('protects with SRLG-disjoint pairs within the bound', async () => {
      const g = await load();
      const ledger = ledgerForGraph(g);
      let pairsFound = 0;
      const reasons: string[] = [];
      // Endpoints with a single span can have no disjoint pair at all: protect between meshed sites.
      const degree = (site: string) => g.adjacency[g.index.get(`${site}-roadm`)!]!.filter((e) => e.kind === 'span').length;
      const sites = topology.sites
        .map((x) => x.id)
        .filter((x) => degree(x) >= 2)
        .sort();
      const meshed = sites.map((x, i) => [x, sites[(i * 5 + 3) % sites.length]!] as const).filter(([x, y]) => x !== y);
      for (const [a, b] of meshed.slice(0, 12)) {
        const r = computePath(g, ledger, { ...request(a, b), protection: 'srlg', maxLatencyUs: 50_000 });
        if (!r.ok) {
          expect(['PCE_NO_DISJOINT_PAIR', 'PCE_LATENCY_BOUND', 'PCE_NO_ROUTE']).toContain(r.failure.code);
          reasons.push(`${a}→${b} ${r.failure.code}`);
          // The link-disjoint optimum is a relaxation: if it were SRLG-disjoint too, the SRLG answer would be wrong.
          const link = computePath(g, ledger, { ...request(a, b), protection: 'link', maxLatencyUs: 50_000 });
          if (link.ok) expect(link.working.srlgs.some((x) => link.protection!.srlgs.includes(x))).toBe(true);
          continue;
        }
        const p = r.protection!;
        expect(r.working.srlgs.filter((s) => p.srlgs.includes(s))).toEqual([]);
        expect(r.working.fibres.filter((f) => p.fibres.includes(f))).toEqual([]);
        expect(Math.max(r.working.latency.totalUs, p.latency.totalUs)).toBeLessThanOrEqual(50_000);
        pairsFound++;
      }
      console.log(`${name}: ${pairsFound} SRLG-disjoint pairs; none for ${reasons.join(', ') || 'no pair'}`);
      expect(pairsFound).toBeGreaterThan(0);
    });
  });
}
