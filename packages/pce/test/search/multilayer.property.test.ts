import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePath } from '../../src/index';
import { createContext } from '../../src/computePath';
import { chainOf, complete, edgeAllowed, extend, type Label, onPath, primary, startLabel } from '../../src/search/label';
import type { Relaxation, SearchContext } from '../../src/search/SearchContext';
import { forcedTails } from '../../src/pairs/sharedTails';
import { build, caseArb, requestArb } from './multilayerCases';

/** Every complete device-simple path under the transition rule, by exhaustive depth-first search. */
function exhaustive(ctx: SearchContext, relax: Relaxation): Label[] {
  const out: Label[] = [];
  const walk = (l: Label) => {
    if (complete(ctx, l)) {
      out.push(l);
      return;
    }
    if (l.node === ctx.target) return;
    for (const e of ctx.edgesFrom(l.node)) {
      if (!edgeAllowed(ctx, e, {}) || onPath(l, e.to)) continue;
      const next = extend(ctx, l, e, relax, 0);
      if (next !== null) walk(next);
    }
  };
  walk(startLabel(ctx, 0));
  return out;
}

/**
 * The OTN layers with grooming against exhaustive search: small random networks of OTN switches joined by grey OTU
 * links (OTU2/OTU4, partly filled) and by ROADMs they are patched into (2 channels per span, partly used). Every
 * device-simple path is enumerated with the same transition rule; the PCE's search (A*, bound pruning, dominance)
 * must match the exhaustive optimum, and its reason must match what the exhaustive search finds under each relaxation.
 */
describe('OTN and grooming PCE against exhaustive search', () => {
  it('matches the exhaustive optimum and reason', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(caseArb, requestArb, (c, r) => {
        const { graph, ledger, n } = build(c);
        const from = `O${r.a % n}`;
        const to = `O${(r.a + 1 + (r.b % (n - 1))) % n}`;
        const request = {
          from,
          to,
          bandwidthKbps: r.bw,
          layer: r.layer,
          protection: 'none' as const,
          objective: r.objective,
          alternatives: 0,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
        };
        const options = { grooming: r.grooming };
        const result = computePath(graph, ledger, request, options);
        const { ctx } = createContext(graph, ledger, request, options);
        const strict = exhaustive(ctx, { masks: false, capacity: false, bound: false });
        const key = result.ok ? (result.working.newLightpaths > 0 ? 'ok-groomed' : 'ok') : result.failure.code;
        seen[key] = (seen[key] ?? 0) + 1;
        if (strict.length === 0) {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          const none = (relax: Relaxation) => exhaustive(ctx, relax).length === 0;
          const expected = none({ masks: true, capacity: true, bound: true })
            ? 'PCE_NO_ROUTE'
            : none({ masks: true, capacity: true, bound: false })
              ? 'PCE_LATENCY_BOUND'
              : none({ masks: true, capacity: false, bound: false })
                ? 'PCE_NO_CAPACITY'
                : 'PCE_NO_SPECTRUM';
          expect(result.failure.code).toBe(expected);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const best = Math.min(...strict.map((l) => primary(ctx, l)));
        const got =
          r.objective === 'latency'
            ? result.working.latency.totalUs
            : r.objective === 'hops'
              ? result.working.hopCount
              : result.working.resourceUnits;
        expect(got).toBeCloseTo(best, 6);
        if (r.bound) expect(result.working.latency.totalUs).toBeLessThanOrEqual(r.bound);
        // What the path takes can really be reserved, all at once.
        expect(() => ledger.reserve('check', result.request.window, result.working.reservation)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    console.log('multi-layer outcomes over 500 random cases:', JSON.stringify(seen));
    for (const k of ['ok', 'ok-groomed', 'PCE_NO_ROUTE', 'PCE_LATENCY_BOUND', 'PCE_NO_CAPACITY', 'PCE_NO_SPECTRUM'])
      expect(seen[k] ?? 0, k).toBeGreaterThan(0);
  });
});

/** Fibres, inner devices and SRLGs of a complete label, read off its chain (independent of the PCE's own checks). */
function elements(ctx: SearchContext, l: Label) {
  const chain = chainOf(l);
  const fibres = new Set(chain.slice(1).flatMap((x) => x.edge!.fibres));
  const inner = new Set<number>();
  chain.forEach((x, i) => {
    if (i > 0 && i < chain.length - 1) inner.add(x.node);
    for (const n of x.edge?.inner ?? []) inner.add(n);
  });
  const srlgs = new Set([...fibres].flatMap((f) => ctx.graph.fibreSrlgs.get(f) ?? []));
  return { fibres, inner, srlgs };
}

describe('OTN and grooming disjoint pairs against exhaustive search', () => {
  it('finds the least-latency disjoint pair, patch-cord twins and all', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(caseArb, requestArb, fc.constantFrom('link' as const, 'node' as const, 'srlg' as const), (c, r, kind) => {
        const { graph, ledger, n } = build({ ...c, ports: c.ports.map((p) => p + 1) });
        const from = `O${r.a % n}`;
        const to = `O${(r.a + 1 + (r.b % (n - 1))) % n}`;
        const request = {
          from,
          to,
          bandwidthKbps: r.bw,
          layer: r.layer,
          protection: kind,
          objective: 'latency' as const,
          alternatives: 0,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
        };
        const result = computePath(graph, ledger, request, { grooming: r.grooming, maxPairCandidates: 100_000 });
        const { ctx } = createContext(graph, ledger, request, { grooming: r.grooming });
        // Forced tails of single-homed endpoints: every path takes them (checked here), so the pair may share them.
        const tails = forcedTails(ctx);
        const tailFibres = new Set([tails.source, tails.target].flatMap((t) => t?.edges.flatMap((e) => e.fibres) ?? []));
        const paths = exhaustive(ctx, { masks: false, capacity: false, bound: false }).map((l) => {
          const x = elements(ctx, l);
          for (const f of tailFibres) expect(x.fibres.has(f)).toBe(true);
          return {
            l,
            // Patch cords: an OTN line port carries one lightpath, and two disjoint paths cannot share a lightpath,
            // so no pair may hold the same cord, not even in a shared tail.
            patches: new Set(
              chainOf(l)
                .slice(1)
                .filter((y) => y.edge!.kind === 'enter' || y.edge!.kind === 'exit')
                .map((y) => y.edge!.id),
            ),
            fibres: new Set([...x.fibres].filter((f) => !tailFibres.has(f))),
            inner: new Set([...x.inner].filter((d) => !tails.nodes.has(d))),
            srlgs: new Set(
              [...x.fibres]
                .filter((f) => !tailFibres.has(f))
                .flatMap((f) => ctx.graph.fibreSrlgs.get(f) ?? [])
                .filter((g) => !tails.srlgs.has(g)),
            ),
          };
        });
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < paths.length && !tails.blocked; i++) {
          for (let j = i + 1; j < paths.length; j++) {
            const a = paths[i]!;
            const b = paths[j]!;
            if ([...a.fibres].some((f) => b.fibres.has(f))) continue;
            if ([...a.patches].some((f) => b.patches.has(f))) continue;
            if (kind === 'node' && [...a.inner].some((x) => b.inner.has(x))) continue;
            if (kind === 'srlg' && [...a.srlgs].some((x) => b.srlgs.has(x))) continue;
            best = Math.min(best, a.l.lat + b.l.lat);
          }
        }
        const key = result.ok ? (tailFibres.size > 0 ? 'pair-tail' : 'pair') : result.failure.code;
        seen[key] = (seen[key] ?? 0) + 1;
        if (!Number.isFinite(best)) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.pairGuarantee).toBe('optimal');
        expect(result.working.latency.totalUs + result.protection!.latency.totalUs).toBeCloseTo(best, 6);
      }),
      { numRuns: 300 },
    );
    console.log('multi-layer pair outcomes over 300 random cases:', JSON.stringify(seen));
    expect(seen.pair ?? 0).toBeGreaterThan(0);
  });
});
