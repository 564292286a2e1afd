import fc from 'fast-check';
import { generateMetro } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { computePath, emptyWork, ledgerForGraph, PceGraph, type PathRequest, type PceOptions } from '../../src/index';
import { caseArb as opticalCaseArb, pendantCaseArb, TopologyBuilder } from '../support';
import { build, caseArb, requestArb } from './multilayerCases';

/**
 * A search computes `reachBounds` (the least latency to the target over the edges it may use) once it has expanded
 * as many labels as the graph has nodes, and then drops labels that cannot reach the target within the bound.
 * The answers must not change (compared with pruning from the first label and with never pruning, on random
 * networks the brute-force tests also cover), and a target that capacity cuts off must cost linear work, not the
 * exponential growth of labels that crossed different ROADMs (the metro case that took minutes).
 */
const NEVER = Number.POSITIVE_INFINITY;

function both(run: (options: PceOptions) => unknown) {
  const work = emptyWork();
  const eager = run({ reachBoundsAfter: 1, work });
  const never = run({ reachBoundsAfter: NEVER });
  expect(eager).toEqual(never);
  return work.pruned > 0;
}

describe('pruning by reach bounds keeps every answer', () => {
  it('OTN and grooming, single paths with alternatives and disjoint pairs: the same result pruned from the first label or never', () => {
    const seen: Record<string, number> = {};
    let pruned = 0;
    const kinds = fc.constantFrom('none' as const, 'none' as const, 'link' as const, 'node' as const, 'srlg' as const);
    fc.assert(
      fc.property(caseArb, requestArb, kinds, (c, r, protection) => {
        const { graph, ledger, n } = build(protection === 'none' ? c : { ...c, ports: c.ports.map((p) => p + 1) });
        const request: PathRequest = {
          from: `O${r.a % n}`,
          to: `O${(r.a + 1 + (r.b % (n - 1))) % n}`,
          bandwidthKbps: r.bw,
          layer: r.layer,
          protection,
          objective: protection === 'none' ? r.objective : 'latency',
          alternatives: r.a % 3,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
        };
        let key = '';
        if (
          both((options) => {
            const result = computePath(graph, ledger, request, { ...options, grooming: r.grooming });
            key = result.ok ? 'ok' : result.failure.code;
            return result;
          })
        )
          pruned++;
        seen[key] = (seen[key] ?? 0) + 1;
      }),
      { numRuns: 600 },
    );
    console.log('OTN outcomes:', JSON.stringify(seen), `reach bound pruned labels in ${pruned} cases`);
    expect(pruned).toBeGreaterThan(100);
    for (const k of ['ok', 'PCE_NO_CAPACITY', 'PCE_LATENCY_BOUND', 'PCE_NO_DISJOINT_PAIR']) expect(seen[k] ?? 0, k).toBeGreaterThan(0);
  });

  it('wavelength with exclusions and includes: the same result pruned from the first label or never', () => {
    let pruned = 0;
    const requestArb = fc.record({
      a: fc.nat(9),
      b: fc.nat(9),
      bound: fc.option(fc.integer({ min: 20, max: 500 }), { nil: undefined }),
      protection: fc.constantFrom('none' as const, 'srlg' as const, 'node' as const),
      excludeNode: fc.option(fc.nat(9), { nil: undefined }),
      excludeSrlg: fc.option(fc.constantFrom('s1', 's2', 's3'), { nil: undefined }),
      includeNode: fc.option(fc.nat(9), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.oneof(opticalCaseArb, pendantCaseArb), requestArb, (c, r) => {
        const devices = c.topology.devices.map((d) => d.id);
        const from = devices[r.a % devices.length]!;
        const to = devices.filter((d) => d !== from)[r.b % (devices.length - 1)]!;
        const pick = (i: number | undefined) => (i === undefined ? undefined : devices[i % devices.length]);
        const exclude = pick(r.excludeNode);
        const include = r.protection === 'none' ? pick(r.includeNode) : undefined;
        if (exclude === from || exclude === to || (include !== undefined && include === exclude)) return;
        const request: PathRequest = {
          from,
          to,
          bandwidthKbps: 100_000_000,
          layer: 'wavelength',
          protection: r.protection,
          objective: 'latency',
          alternatives: 1,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
          exclude: { nodes: exclude ? [exclude] : [], srlgs: r.excludeSrlg ? [r.excludeSrlg] : [] },
          ...(include ? { include: { nodes: [include] } } : {}),
        };
        if (both((options) => computePath(c.graph, c.ledger, request, options))) pruned++;
      }),
      { numRuns: 400 },
    );
    expect(pruned).toBeGreaterThan(50);
  });
});

/**
 * A k×k grid of ROADMs, an OTN switch patched into each, and the target OTN switch hanging on one grey OTU2 link
 * from the far corner, booked full. No path exists; without reach bounds the search proves it by growing every
 * label that crossed a different set of ROADMs (work grows about tenfold per grid size).
 */
function cutOffGrid(k: number) {
  const b = new TopologyBuilder();
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      b.site(`S${r}${c}`, 'important', 30 + r * 0.01, 120 + c * 0.01)
        .device(`R${r}${c}`, `S${r}${c}`, 'roadm')
        .device(`O${r}${c}`, `S${r}${c}`, 'otn');
      b.patch(`O${r}${c}`, `R${r}${c}`);
      b.patch(`O${r}${c}`, `R${r}${c}`, 'OTU2');
    }
  }
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      if (c + 1 < k) b.span(`R${r}${c}`, `R${r}${c + 1}`, 10 + ((r * 7 + c * 3) % 5));
      if (r + 1 < k) b.span(`R${r}${c}`, `R${r + 1}${c}`, 10 + ((r * 3 + c * 5) % 5));
    }
  }
  b.site('T', 'access', 31, 121).device('OT', 'T', 'otn');
  const tail = b.grey(`O${k - 1}${k - 1}`, 'OT', 5, 'OTU2');
  const graph = PceGraph.build(b.build());
  const ledger = ledgerForGraph(graph);
  ledger.reserve('full', { start: 0, end: null }, [{ kind: 'slots', link: tail, slots: 8 }]);
  const request: PathRequest = {
    from: 'O00',
    to: 'OT',
    bandwidthKbps: 10_000_000,
    maxLatencyUs: 100_000,
    layer: 'odu',
    protection: 'none',
    objective: 'latency',
    alternatives: 0,
  };
  return { graph, ledger, request, tail };
}

describe('a target that capacity cuts off costs linear work', () => {
  it('on a grid of ROADMs: the same reason, each search stops within about a Dijkstra of labels', () => {
    const { graph, ledger, request, tail } = cutOffGrid(5);
    const work = emptyWork();
    const pruned = computePath(graph, ledger, request, { work });
    const old = emptyWork();
    const plain = computePath(graph, ledger, request, { work: old, reachBoundsAfter: NEVER });
    expect(pruned).toEqual(plain);
    expect(pruned.ok).toBe(false);
    if (pruned.ok) return;
    expect(pruned.failure.code).toBe('PCE_NO_CAPACITY');
    expect(pruned.failure.evidence.links).toEqual([{ link: tail, capacitySlots: 8, slotsUsed: 8, osuKbpsUsed: 0, osuSlotsUsed: 0 }]);
    // Each search expands at most the node count before its reach bound, then nothing that cannot reach the target.
    expect(work.reachBounds).toBeGreaterThan(0);
    expect(work.popped).toBeLessThanOrEqual(work.searches * graph.nodes.length);
    expect(old.popped).toBeGreaterThan(20 * work.popped);
  });

  it('stays linear in the size of the grid', () => {
    const popped = [4, 5, 6, 7].map((k) => {
      const { graph, ledger, request } = cutOffGrid(k);
      const work = emptyWork();
      const result = computePath(graph, ledger, request, { work });
      expect(result.ok).toBe(false);
      expect(work.popped).toBeLessThanOrEqual(work.searches * graph.nodes.length);
      return work.popped;
    });
    // 2k² + 1 nodes: the work follows the node count (grid 7 has 3× the nodes of grid 4).
    expect(popped[3]!).toBeLessThan(4 * popped[0]!);
  });

  it('the metro request that took minutes: a 10G ODU to a park whose only line is booked full', () => {
    // The generated metro where it was seen; P-132's CPE has one OTU2 line, and a 10G service from it fills it.
    const metro = generateMetro({ dcs: 6, important: 30, access: 300, parks: 800, radiusKm: 50, seed: 'equiv' });
    const graph = PceGraph.build(metro);
    const ledger = ledgerForGraph(graph);
    const ask = (from: string, to: string, maxLatencyUs: number): PathRequest => ({
      from,
      to,
      bandwidthKbps: 10_000_000,
      maxLatencyUs,
      layer: 'auto',
      protection: 'none',
      objective: 'latency',
      alternatives: 0,
    });
    const first = computePath(graph, ledger, ask('P-132', 'AP-140', 2000));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    ledger.reserve('first', first.request.window, first.working.reservation);
    const work = emptyWork();
    const result = computePath(graph, ledger, ask('P-162', 'P-132', 500), { work });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Over the bound even with every resource free; with the resources as booked, no path at all.
    expect(result.failure.code).toBe('PCE_LATENCY_BOUND');
    expect(result.failure.evidence.bestUs).toBeGreaterThan(500);
    expect(result.failure.evidence.bestWithFreeResourcesUs).toBeNull();
    expect(work.popped).toBeLessThanOrEqual(work.searches * graph.nodes.length);
  });
});
