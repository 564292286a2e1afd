import fc from 'fast-check';
import { ledgerForGraph, PceGraph } from '../../src/index';
import { TopologyBuilder } from '../support';

/**
 * Small random OTN networks for the multi-layer property tests: OTN switches joined by grey OTU links (OTU2/OTU4,
 * partly filled) and by ROADMs they are patched into (2 channels per span, partly used), and requests between them.
 */
export const caseArb = fc.record({
  otn: fc.integer({ min: 3, max: 5 }),
  roadmOf: fc.array(fc.constantFrom(true, true, true, false), { minLength: 5, maxLength: 5 }),
  ports: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 5, maxLength: 5 }),
  greys: fc.array(
    fc.tuple(
      fc.nat(4),
      fc.nat(4),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom('OTU2' as const, 'OTU4' as const),
      fc.integer({ min: 0, max: 80 }),
    ),
    { maxLength: 6 },
  ),
  spans: fc.array(fc.tuple(fc.nat(4), fc.nat(4), fc.integer({ min: 1, max: 40 })), { minLength: 2, maxLength: 7 }),
  used: fc.array(fc.tuple(fc.nat(8), fc.integer({ min: 1, max: 2 })), { maxLength: 8 }),
  busyPort: fc.option(fc.nat(4), { nil: undefined }),
});

export const requestArb = fc.record({
  a: fc.nat(4),
  b: fc.nat(4),
  layer: fc.constantFrom('odu' as const, 'osu' as const),
  bw: fc.constantFrom(500_000, 10_000_000, 40_000_000, 100_000_000),
  bound: fc.option(fc.integer({ min: 50, max: 600 }), { nil: undefined }),
  objective: fc.constantFrom('latency' as const, 'hops' as const, 'resources' as const),
  grooming: fc.constantFrom(true, true, false),
});

export type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

export function build(c: Case) {
  const b = new TopologyBuilder();
  const n = c.otn;
  const spans: string[] = [];
  for (let i = 0; i < n; i++) {
    b.site(`S${i}`, 'important', 30 + i * 0.01, 120).device(`O${i}`, `S${i}`, 'otn');
    if (c.roadmOf[i]) {
      b.device(`R${i}`, `S${i}`, 'roadm');
      for (let k = 0; k < c.ports[i]!; k++) b.patch(`O${i}`, `R${i}`, k === 0 ? 'OTU4' : 'OTU2');
    }
  }
  const greys: [string, number][] = [];
  for (const [x, y, km, rate, fill] of c.greys) if (x % n !== y % n) greys.push([b.grey(`O${x % n}`, `O${y % n}`, km, rate), fill]);
  for (const [x, y, km] of c.spans)
    if (x % n !== y % n && c.roadmOf[x % n] && c.roadmOf[y % n]) spans.push(b.span(`R${x % n}`, `R${y % n}`, km));
  const topology = b.build();
  const graph = PceGraph.build(topology);
  const ledger = ledgerForGraph(graph, 2);
  for (const [id, fill] of greys) {
    const slots = Math.min(fill, graph.fixedLinkSlots.get(id)!);
    if (slots > 0) ledger.reserve('bg', { start: 0, end: null }, [{ kind: 'slots', link: id, slots }]);
  }
  const seen = new Set<string>();
  for (const [i, ch] of c.used) {
    const f = spans[i % Math.max(1, spans.length)];
    if (f === undefined || seen.has(`${f}#${ch}`)) continue;
    seen.add(`${f}#${ch}`);
    ledger.reserve('bg', { start: 0, end: null }, [{ kind: 'channel', fibre: f, channel: ch }]);
  }
  if (c.busyPort !== undefined && c.roadmOf[c.busyPort % n])
    ledger.reserve('bg', { start: 0, end: null }, [{ kind: 'port', device: `O${c.busyPort % n}`, port: 'line-1' }]);
  return { topology, graph, ledger, n };
}
