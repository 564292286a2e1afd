import fc from 'fast-check';
import type { Topology } from '@milli/topology';
import { ledgerForGraph, PceGraph, type ResourceLedger } from '../src/index';
import { TopologyBuilder } from './topologyBuilder';

/** Small random ROADM graphs with few channels and random occupancy, for comparing the PCE with brute force. */
export const CHANNELS = 2;
export const US_PER_KM = 4.897;
export const ROADM_US = 0.1;
export const EPS = 1e-6;

export interface Case {
  topology: Topology;
  ledger: ResourceLedger;
  graph: PceGraph;
  occupied: [string, number][];
  /** Ends of pendant chains (pendantCaseArb). */
  ends: string[];
}

const caseParams = fc.record({
  n: fc.integer({ min: 3, max: 7 }),
  edges: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 60 }), fc.subarray(['s1', 's2', 's3'], { maxLength: 2 })), {
    minLength: 2,
    maxLength: 12,
  }),
  ring: fc.boolean(),
  ringKm: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 7, maxLength: 7 }),
  occupancy: fc.array(fc.tuple(fc.nat(18), fc.integer({ min: 1, max: CHANNELS })), { maxLength: 36 }),
});

type CaseParams = typeof caseParams extends fc.Arbitrary<infer T> ? T : never;
/** A chain of extra ROADMs hanging off R(attach): [attach, length, km per span, SRLGs of its spans]. */
export type Pendant = [number, number, number, string[]];

export const caseArb = caseParams.map((p) => buildOpticalCase(p, []));

/** Cases with up to two pendant chains (single-homed ends `Q<k>-<length>`), for forced tails of protected pairs. */
export const pendantCaseArb = fc
  .tuple(
    caseParams,
    fc.array(
      fc.tuple(
        fc.nat(6),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.subarray(['s1', 's2', 's4'], { maxLength: 1 }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  )
  .map(([p, pendants]) => buildOpticalCase(p, pendants as Pendant[]));

export function buildOpticalCase({ n, edges, ring, ringKm, occupancy }: CaseParams, pendants: Pendant[]): Case {
  const b = new TopologyBuilder();
  for (let i = 0; i < n; i++)
    b.site(`S${i}`, 'important', 30 + (i % 3) * 0.05, 120 + Math.floor(i / 3) * 0.05).device(`R${i}`, `S${i}`, 'roadm');
  const fibres: string[] = [];
  if (ring) for (let i = 0; i < n; i++) fibres.push(b.span(`R${i}`, `R${(i + 1) % n}`, ringKm[i]!, [`s${(i % 3) + 1}`]));
  for (const [x, y, km, srlgs] of edges) {
    const a = x % n;
    const c = y % n;
    if (a !== c) fibres.push(b.span(`R${a}`, `R${c}`, km, srlgs));
  }
  const ends: string[] = [];
  pendants.forEach(([attach, length, km, srlgs], k) => {
    let prev = `R${attach % n}`;
    for (let j = 1; j <= length; j++) {
      const id = `Q${k}-${j}`;
      b.site(`SQ${k}-${j}`, 'important', 29.9 - k * 0.01, 120 + j * 0.01).device(id, `SQ${k}-${j}`, 'roadm');
      fibres.push(b.span(prev, id, km, srlgs));
      prev = id;
    }
    ends.push(prev);
  });
  const topology = b.build();
  const graph = PceGraph.build(topology);
  const ledger = ledgerForGraph(graph, CHANNELS);
  const occupied: [string, number][] = [];
  for (const [fi, ch] of occupancy) {
    const f = fibres[fi % Math.max(1, fibres.length)];
    if (f === undefined || occupied.some(([g, c]) => g === f && c === ch)) continue;
    ledger.reserve('other', { start: 0, end: null }, [{ kind: 'channel', fibre: f, channel: ch }]);
    occupied.push([f, ch]);
  }
  return { topology, ledger, graph, occupied, ends };
}

export function pathFacts(c: Case, p: { devices: string[]; fibres: string[] }) {
  const fibre = (id: string) => c.topology.fibres.find((f) => f.id === id)!;
  const latency = p.fibres.reduce((a, f) => a + fibre(f).lengthKm * US_PER_KM, 0) + p.devices.length * ROADM_US;
  const channel = Array.from({ length: CHANNELS }, (_, i) => i + 1).find((ch) =>
    p.fibres.every((f) => !c.occupied.some(([g, x]) => g === f && x === ch)),
  );
  const srlgs = new Set(p.fibres.flatMap((f) => fibre(f).srlgs));
  return { latency, channel, srlgs, hops: p.fibres.length };
}
