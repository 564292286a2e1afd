import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePath } from '../../src/index';
import { allSimplePaths } from './bruteForce';
import { type Case, caseArb, EPS, pathFacts } from './randomOptical';

/**
 * Disjoint pairs against brute force: every pair of simple paths that each have a free channel and meet the bound,
 * disjoint in the requested sense (links: no shared fibre; nodes: no shared inner device nor fibre; SRLG: no
 * shared SRLG nor fibre), and the pair with the least total latency. The PCE must find a pair of that total
 * (and claim optimality), or report PCE_NO_DISJOINT_PAIR / the single-path reason exactly when none exists.
 */
const requestArb = fc.record({
  a: fc.nat(6),
  b: fc.nat(6),
  bound: fc.option(fc.integer({ min: 30, max: 600 }), { nil: undefined }),
  kind: fc.constantFrom('link' as const, 'node' as const, 'srlg' as const),
});

function disjoint(
  c: Case,
  kind: 'link' | 'node' | 'srlg',
  x: { devices: string[]; fibres: string[] },
  y: { devices: string[]; fibres: string[] },
): boolean {
  if (x.fibres.some((f) => y.fibres.includes(f))) return false;
  if (kind === 'node') {
    const inner = new Set(x.devices.slice(1, -1));
    if (y.devices.slice(1, -1).some((d) => inner.has(d))) return false;
  }
  if (kind === 'srlg') {
    const a = pathFacts(c, x).srlgs;
    for (const s of pathFacts(c, y).srlgs) if (a.has(s)) return false;
  }
  return true;
}

describe('disjoint pairs against brute force', () => {
  it('finds the least-latency disjoint pair within the bound, or says there is none', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(caseArb, requestArb, (c, r) => {
        const n = c.topology.devices.length;
        const from = `R${r.a % n}`;
        const to = `R${(r.a + 1 + (r.b % (n - 1))) % n}`;
        const bound = r.bound ?? Number.POSITIVE_INFINITY;
        const result = computePath(
          c.graph,
          c.ledger,
          {
            from,
            to,
            bandwidthKbps: 100_000_000,
            layer: 'wavelength',
            protection: r.kind,
            objective: 'latency',
            alternatives: 0,
            ...(r.bound ? { maxLatencyUs: r.bound } : {}),
          },
          { maxPairCandidates: 10_000 },
        );
        const feasible = allSimplePaths(c.topology, from, to, () => true)
          .map((p) => ({ p, ...pathFacts(c, p) }))
          .filter((f) => f.channel !== undefined && f.latency <= bound + EPS);
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < feasible.length; i++)
          for (let j = i + 1; j < feasible.length; j++)
            if (disjoint(c, r.kind, feasible[i]!.p, feasible[j]!.p)) best = Math.min(best, feasible[i]!.latency + feasible[j]!.latency);
        const key = result.ok ? `ok-${r.kind}` : result.failure.code;
        seen[key] = (seen[key] ?? 0) + 1;
        if (!Number.isFinite(best)) {
          expect(result.ok).toBe(false);
          if (!result.ok && feasible.length > 0) expect(result.failure.code).toBe('PCE_NO_DISJOINT_PAIR');
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const w = result.working;
        const p = result.protection!;
        expect(result.pairGuarantee).toBe('optimal');
        expect(w.latency.totalUs + p.latency.totalUs).toBeCloseTo(best, 6);
        expect(disjoint(c, r.kind, w, p)).toBe(true);
        expect(w.latency.totalUs).toBeLessThanOrEqual(bound + EPS);
        expect(p.latency.totalUs).toBeLessThanOrEqual(bound + EPS);
        expect(w.latency.totalUs).toBeLessThanOrEqual(p.latency.totalUs + EPS);
        for (const path of [w, p]) expect(pathFacts(c, path).channel).toBeDefined();
      }),
      { numRuns: 500 },
    );
    console.log('pair outcomes over 500 random cases:', JSON.stringify(seen));
    for (const k of ['ok-link', 'ok-node', 'ok-srlg', 'PCE_NO_DISJOINT_PAIR']) expect(seen[k] ?? 0, k).toBeGreaterThan(0);
  });
});
