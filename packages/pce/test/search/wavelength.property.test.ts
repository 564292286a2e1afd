import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePath, hasChannel, PceGraph } from '../../src/index';
import { allSimplePaths } from '../oracles';
import { caseArb, EPS, pathFacts } from '../support';

/**
 * The optical layer against brute force: on small random ROADM graphs with 2 channels per span and random
 * occupancy, every simple path is enumerated and checked on its own (a channel free on every span, latency within
 * the bound, exclusions and includes), and the PCE must find the optimum under the objective, or fail exactly
 * when no path qualifies, with the right reason.
 */
const requestArb = fc.record({
  a: fc.nat(6),
  b: fc.nat(6),
  bound: fc.option(fc.integer({ min: 20, max: 500 }), { nil: undefined }),
  objective: fc.constantFrom('latency' as const, 'hops' as const, 'resources' as const),
  excludeNode: fc.option(fc.nat(6), { nil: undefined }),
  excludeSrlg: fc.option(fc.constantFrom('s1', 's2', 's3'), { nil: undefined }),
  includeNode: fc.option(fc.nat(6), { nil: undefined }),
  alternatives: fc.integer({ min: 0, max: 3 }),
});

describe('wavelength PCE against brute force', () => {
  it('is optimal, respects every constraint and says no exactly when there is none', () => {
    const seen: Record<string, number> = {};
    const tally = (k: string) => {
      seen[k] = (seen[k] ?? 0) + 1;
    };
    fc.assert(
      fc.property(caseArb, requestArb, (c, r) => {
        const n = c.topology.devices.length;
        const from = `R${r.a % n}`;
        const to = `R${(r.a + 1 + (r.b % (n - 1))) % n}`;
        const exNode = r.excludeNode === undefined ? undefined : `R${r.excludeNode % n}`;
        const inNode = r.includeNode === undefined ? undefined : `R${r.includeNode % n}`;
        if (exNode === from || exNode === to || (inNode !== undefined && inNode === exNode)) return;
        const request = {
          from,
          to,
          bandwidthKbps: 100_000_000,
          layer: 'wavelength' as const,
          protection: 'none' as const,
          objective: r.objective,
          alternatives: r.alternatives,
          ...(r.bound !== undefined ? { maxLatencyUs: r.bound } : {}),
          exclude: { nodes: exNode ? [exNode] : [], srlgs: r.excludeSrlg ? [r.excludeSrlg] : [] },
          include: { nodes: inNode ? [inNode] : [] },
        };
        const result = computePath(c.graph, c.ledger, request);
        const usable = (id: string) => !c.topology.fibres.find((f) => f.id === id)!.srlgs.includes(r.excludeSrlg ?? '-');
        const all = allSimplePaths(c.topology, from, to, usable).filter(
          (p) => (exNode === undefined || !p.devices.includes(exNode)) && (inNode === undefined || p.devices.includes(inNode)),
        );
        const facts = all.map((p) => ({ p, ...pathFacts(c, p) }));
        const bound = r.bound ?? Number.POSITIVE_INFINITY;
        const feasible = facts.filter((f) => f.channel !== undefined && f.latency <= bound + EPS);
        const score = (f: { latency: number; hops: number }) => (r.objective === 'latency' ? f.latency : f.hops);
        if (feasible.length === 0) {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          tally(result.failure.code);
          if (facts.length === 0) expect(result.failure.code).toBe('PCE_NO_ROUTE');
          else if (!facts.some((f) => f.latency <= bound + EPS)) {
            expect(result.failure.code).toBe('PCE_LATENCY_BOUND');
            expect(result.failure.evidence.bestUs as number).toBeCloseTo(Math.min(...facts.map((f) => f.latency)), 6);
          } else expect(result.failure.code).toBe('PCE_NO_SPECTRUM');
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        tally(result.alternatives.length > 0 ? 'ok-with-alternatives' : 'ok');
        const best = Math.min(...feasible.map(score));
        const w = result.working;
        const got = pathFacts(c, { devices: w.devices, fibres: w.fibres });
        expect(score(got)).toBeCloseTo(best, 6);
        expect(w.latency.totalUs).toBeCloseTo(got.latency, 6);
        expect(w.latency.totalUs).toBeLessThanOrEqual(bound + EPS);
        expect(new Set(w.devices).size).toBe(w.devices.length);
        const channel = w.hops[0]?.kind === 'span' ? w.hops[0].channel : -1;
        expect(channel).toBe(got.channel); // first fit: the lowest channel free end to end
        for (const f of w.fibres) expect(hasChannel(c.ledger.freeChannels(f, { start: 0, end: null }), channel)).toBe(true);
        if (exNode) expect(w.devices).not.toContain(exNode);
        if (inNode) expect(w.devices).toContain(inNode);
        if (r.excludeSrlg) expect(w.srlgs).not.toContain(r.excludeSrlg);
        // Alternatives: the next best distinct paths, in order.
        const sorted = feasible.map(score).sort((x, y) => x - y);
        const scores = [w, ...result.alternatives].map((p) => score(pathFacts(c, { devices: p.devices, fibres: p.fibres })));
        expect(scores.length).toBe(Math.min(sorted.length, r.alternatives + 1));
        scores.forEach((s, i) => {
          expect(s).toBeCloseTo(sorted[i]!, 6);
        });
      }),
      { numRuns: 600 },
    );
    // The generator must exercise every outcome, or the comparison proves little.
    console.log('wavelength outcomes over 600 random cases:', JSON.stringify(seen));
    for (const k of ['ok', 'ok-with-alternatives', 'PCE_NO_ROUTE', 'PCE_LATENCY_BOUND', 'PCE_NO_SPECTRUM'])
      expect(seen[k] ?? 0, k).toBeGreaterThan(0);
  });

  it('gives the same answer every time (determinism)', () => {
    fc.assert(
      fc.property(caseArb, requestArb, (c, r) => {
        const n = c.topology.devices.length;
        const from = `R${r.a % n}`;
        const to = `R${r.b % n}`;
        if (from === to) return;
        const req = {
          from,
          to,
          bandwidthKbps: 100_000_000,
          layer: 'wavelength' as const,
          protection: 'none' as const,
          objective: r.objective,
          alternatives: 2,
        };
        const again = PceGraph.build({
          ...c.topology,
          devices: [...c.topology.devices].reverse(),
          fibres: [...c.topology.fibres].reverse(),
        });
        expect(JSON.stringify(computePath(again, c.ledger, req))).toBe(JSON.stringify(computePath(c.graph, c.ledger, req)));
      }),
      { numRuns: 100 },
    );
  });
});
