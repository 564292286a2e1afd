import { describe, expect, it } from 'vitest';
import { computePath, ledgerForGraph, PceGraph } from '../../src/index';
import { createContext } from '../../src/computePath';
import { chainOf } from '../../src/search/label';
import { constrainedSearch } from '../../src/search/search';
import { TopologyBuilder } from '../support';

/**
 * A case the multi-layer pair property test found (fast-check seed -1087948867): three OTN switches O0..O2, each
 * patched twice (OTU4 line-1, OTU2 line-2) into its ROADM R0..R2; a grey OTU2 link O1–O0 (2 km); spans R1–R0 (F-8),
 * R2–R0 (F-9, channel 2 used) and a second R0–R1 (F-10, channel 1 used); O2's line-1 port busy. O2 is reached
 * only through R2, F-9 and the cord F-6 into its line-2 port.
 */
function scene() {
  const b = new TopologyBuilder();
  for (let i = 0; i < 3; i++) {
    b.site(`S${i}`, 'important', 30 + i * 0.01, 120)
      .device(`O${i}`, `S${i}`, 'otn')
      .device(`R${i}`, `S${i}`, 'roadm');
    b.patch(`O${i}`, `R${i}`, 'OTU4');
    b.patch(`O${i}`, `R${i}`, 'OTU2');
  }
  const grey = b.grey('O1', 'O0', 2, 'OTU2');
  const r1r0 = b.span('R1', 'R0', 1);
  const r2r0 = b.span('R2', 'R0', 1);
  const r0r1 = b.span('R0', 'R1', 1);
  const graph = PceGraph.build(b.build());
  const ledger = ledgerForGraph(graph, 2);
  const always = { start: 0, end: null };
  ledger.reserve('bg', always, [{ kind: 'channel', fibre: r2r0, channel: 2 }]);
  ledger.reserve('bg', always, [{ kind: 'channel', fibre: r0r1, channel: 1 }]);
  ledger.reserve('busy', always, [{ kind: 'port', device: 'O2', port: 'line-1' }]);
  return { graph, ledger, grey, r1r0, r2r0, r0r1 };
}

const request = {
  from: 'O1',
  to: 'O2',
  bandwidthKbps: 500_000,
  layer: 'odu' as const,
  objective: 'latency' as const,
  alternatives: 0,
};

describe('grooming regressions', () => {
  it('does not let a label that crossed a ROADM inside a lightpath hide a path that starts a lightpath there', () => {
    // Without F-8 the only route is O1 –grey– O0, then a new lightpath O0 → R0 → R2 → O2. The label that reaches O0
    // by a lightpath O1 → R1 → R0 → O0 is cheaper at O0, but it has used R0 and cannot go on: it must not prune.
    const { graph, ledger, grey, r1r0, r2r0 } = scene();
    const result = computePath(graph, ledger, { ...request, protection: 'none', exclude: { links: [r1r0] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.working.devices).toEqual(['O1', 'O0', 'R0', 'R2', 'O2']);
    expect(result.working.fibres).toEqual([grey, 'F-1', r2r0, 'F-6']);
    expect(result.working.newLightpaths).toBe(1);
    // The same through the search the pair methods use, with the working path's first cord and span excluded.
    const { ctx } = createContext(graph, ledger, { ...request, protection: 'link' });
    const found = constrainedSearch(ctx, { fibres: new Set(['F-3', r1r0]) });
    expect(found).not.toBeNull();
    expect(chainOf(found!).map((l) => graph.nodes[l.node]!.id)).toEqual(['O1', 'O0', 'R0', 'R2', 'O2']);
    expect(found!.lat).toBeCloseTo(result.working.latency.totalUs, 9);
  });

  it('refuses link protection when both paths would need a lightpath on the only free line port of the target', () => {
    const { graph, ledger, r2r0 } = scene();
    // Each path alone exists: O1 → R1 → R0 → R2 → O2 (one new lightpath) and O1 → O0 → R0 → R2 → O2.
    const alone = computePath(graph, ledger, { ...request, protection: 'none' });
    expect(alone.ok).toBe(true);
    // As a pair they would share the tail R0 → R2 → O2, i.e. two lightpaths ending on O2/line-2 (and both on the
    // one channel F-9 has free): not reservable, so there is no pair.
    const result = computePath(graph, ledger, { ...request, protection: 'link' }, { maxPairCandidates: 100_000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('PCE_NO_DISJOINT_PAIR');
    expect(String(result.failure.evidence.reason)).toContain('O2/line-2');
    expect(result.failure.evidence.sharedTails).toEqual([
      { endpoint: 'O2', devices: ['O2', 'R2', 'R0'], fibres: ['F-6', r2r0], srlgs: [], reason: 'single-homed' },
    ]);
    // Freeing O2's other port removes the tail, and F-9 then is a shared span: still no link-disjoint pair.
    ledger.releaseOwner('busy');
    const free = computePath(graph, ledger, { ...request, protection: 'link' });
    expect(free.ok).toBe(false);
  });

  it('sees a groomed link once it is booked, in later windows too, and no longer once it is released', () => {
    // The search edges of groomed links are reused between requests while the ledger lists the same links.
    const { graph, ledger } = scene();
    const ask = (start: number, end: number | null = null) =>
      computePath(graph, ledger, { ...request, bandwidthKbps: 100_000, protection: 'none', window: { start, end } });
    const first = ask(10);
    if (!first.ok) throw new Error(`no first path: ${first.failure.code}`);
    expect(first.working.newLightpaths).toBe(1);
    const booked = ledger.reserve('line-1', first.request.window, first.working.reservation);
    for (const start of [20, 30]) {
      const next = ask(start);
      if (!next.ok) throw new Error(`no path at ${start}: ${next.failure.code}`);
      expect(next.working.newLightpaths).toBe(0);
      expect(next.working.hops.some((h) => h.kind === 'otu-link')).toBe(true);
    }
    // Before the link's window it does not exist: a window there grooms a lightpath of its own.
    const earlier = ask(5, 10);
    if (!earlier.ok) throw new Error(`no earlier path: ${earlier.failure.code}`);
    expect(earlier.working.newLightpaths).toBe(1);
    expect(earlier.working.hops.some((h) => h.kind === 'otu-link')).toBe(false);
    ledger.release(booked.id);
    const after = ask(40);
    if (!after.ok) throw new Error(`no path after release: ${after.failure.code}`);
    expect(after.working.newLightpaths).toBe(1);
    expect(after.working.hops.some((h) => h.kind === 'otu-link')).toBe(false);
  });
});
