import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/computePath';
import { minCostPair } from '../../src/pairs/minCostPair';
import { forcedTails } from '../../src/pairs/sharedTails';
import { allSimplePaths, disjointOutside } from '../oracles';
import { EPS, pathFacts, pendantCaseArb } from '../support';

/**
 * The pair search's lower bound against brute force: the two-path min-cost flow (A* pass with goal-directed
 * potentials, then the residual pass) must cost exactly the least link- (node-) disjoint pair of simple paths
 * outside the forced tails when there is no bound, and with a bound lie between the unbounded optimum and the
 * best pair within the bound. A bound that came out too high would let the pair search stop early on a worse pair.
 */
const requestArb = fc.record({
  a: fc.nat(8),
  b: fc.nat(8),
  bound: fc.option(fc.integer({ min: 30, max: 600 }), { nil: undefined }),
  node: fc.boolean(),
});

describe('min-cost flow lower bound against brute force', () => {
  it('equals the best disjoint pair without a bound and stays below the best pair within one', () => {
    let compared = 0;
    fc.assert(
      fc.property(pendantCaseArb, requestArb, (c, r) => {
        const devices = c.topology.devices.map((d) => d.id);
        const pool = [...c.ends, ...devices];
        const from = pool[r.a % pool.length]!;
        const others = pool.filter((d) => d !== from);
        const to = others[r.b % others.length]!;
        const request = {
          from,
          to,
          bandwidthKbps: 100_000_000,
          layer: 'wavelength' as const,
          protection: r.node ? ('node' as const) : ('link' as const),
          objective: 'latency' as const,
          alternatives: 0,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
        };
        const { ctx } = createContext(c.graph, c.ledger, request);
        const tails = forcedTails(ctx);
        const srlgsOf = (f: string) => c.topology.fibres.find((x) => x.id === f)!.srlgs;
        if (tails.blocked) return;
        const flow = minCostPair(ctx, r.node, tails);
        const paths = allSimplePaths(c.topology, from, to, () => true).map((p) => ({ p, lat: pathFacts(c, p).latency }));
        // Pairs must take the tails (forced on usable spans); pairs that do not are not pairs of the request.
        const tailFibres = [...(tails.source?.edges ?? []), ...(tails.target?.edges ?? [])].map((e) => e.id);
        const candidates = paths.filter((x) => tailFibres.every((f) => x.p.fibres.includes(f)));
        const shared = {
          blocked: false,
          fibres: new Set(tailFibres),
          devices: new Set([...tails.nodes].map((i) => c.graph.nodes[i]!.id)),
          srlgs: new Set<string>(),
          tails: [],
        };
        let unbounded = Number.POSITIVE_INFINITY;
        let bounded = Number.POSITIVE_INFINITY;
        const bound = r.bound ?? Number.POSITIVE_INFINITY;
        for (let i = 0; i < candidates.length; i++)
          for (let j = i + 1; j < candidates.length; j++) {
            const x = candidates[i]!;
            const y = candidates[j]!;
            if (!disjointOutside(r.node ? 'node' : 'link', shared, srlgsOf, x.p, y.p)) continue;
            unbounded = Math.min(unbounded, x.lat + y.lat);
            if (x.lat <= bound + EPS && y.lat <= bound + EPS) bounded = Math.min(bounded, x.lat + y.lat);
          }
        if (r.bound === undefined) {
          if (!Number.isFinite(unbounded)) expect(flow).toBeNull();
          else {
            expect(flow).not.toBeNull();
            expect(flow!.cost).toBeCloseTo(unbounded, 6);
            compared++;
          }
        } else if (Number.isFinite(bounded)) {
          expect(flow).not.toBeNull();
          expect(flow!.cost).toBeLessThanOrEqual(bounded + EPS);
          expect(flow!.cost).toBeGreaterThanOrEqual(unbounded - EPS);
          compared++;
        }
      }),
      { numRuns: 600 },
    );
    console.log(`flow bound compared with brute force on ${compared} of 600 cases`);
    expect(compared).toBeGreaterThan(50);
  });
});
