import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/computePath';
import { branchOnConflicts } from '../../src/pairs/conflictBranching';
import { disjoint, disjointPair } from '../../src/pairs/disjointPair';
import { forcedTails } from '../../src/pairs/sharedTails';
import { computePath, ledgerForGraph, PceGraph } from '../../src/index';
import { caseArb, pendantCaseArb, TopologyBuilder } from '../support';

/**
 * The pair search's pruning against the plain one: branching on conflicts (with any search budget, so that the
 * hand-over to the enumeration with its best pair as the bound is exercised too) must give a pair of exactly the
 * total the unpruned enumeration proves optimal, claim optimality only when it has proven it, and find no pair
 * exactly when the enumeration finds none. (The brute-force tests check both against every pair of simple paths.)
 */
const requestArb = fc.record({
  a: fc.nat(8),
  b: fc.nat(8),
  bound: fc.option(fc.integer({ min: 30, max: 600 }), { nil: undefined }),
  kind: fc.constantFrom('link' as const, 'node' as const, 'srlg' as const),
  budget: fc.constantFrom(1, 2, 3, 5, 200),
});

describe('disjoint-pair pruning against the unpruned search', () => {
  it('branching on conflicts, cut short or not, agrees with the plain enumeration', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.oneof(caseArb, pendantCaseArb), requestArb, (c, r) => {
        const devices = c.topology.devices.map((d) => d.id);
        const pool = [...c.ends, ...devices];
        const from = pool[r.a % pool.length]!;
        const others = pool.filter((d) => d !== from);
        const to = others[r.b % others.length]!;
        const { ctx } = createContext(c.graph, c.ledger, {
          from,
          to,
          bandwidthKbps: 100_000_000,
          layer: 'wavelength',
          protection: r.kind,
          objective: 'latency',
          alternatives: 0,
          ...(r.bound ? { maxLatencyUs: r.bound } : {}),
        });
        const tails = forcedTails(ctx);
        const plain = disjointPair(ctx, r.kind, 100_000, tails, 0);
        const pruned = disjointPair(ctx, r.kind, 100_000, tails, r.budget);
        seen[plain === null ? 'none' : `pair-budget-${r.budget}`] = (seen[plain === null ? 'none' : `pair-budget-${r.budget}`] ?? 0) + 1;
        if (tails.blocked) {
          expect(plain).toBeNull();
          expect(pruned).toBeNull();
          return;
        }
        // The branching alone (no flow shortcut in front of it), with a budget or without.
        const branch = branchOnConflicts(ctx, r.kind, tails, Number.NEGATIVE_INFINITY, 100_000);
        const cut = branchOnConflicts(ctx, r.kind, tails, Number.NEGATIVE_INFINITY, r.budget);
        expect(branch.proven).toBe(true);
        if (plain === null) {
          expect(pruned).toBeNull();
          expect(branch.pair).toBeNull();
          expect(cut.pair).toBeNull();
          return;
        }
        const sum = plain.working.lat + plain.protection.lat;
        expect(branch.pair).not.toBeNull();
        expect(branch.pair!.sum).toBeCloseTo(sum, 6);
        expect(disjoint(ctx, branch.pair!.a, branch.pair!.b, r.kind, tails)).toBe(true);
        if (cut.pair !== null) {
          expect(disjoint(ctx, cut.pair.a, cut.pair.b, r.kind, tails)).toBe(true);
          if (cut.proven) expect(cut.pair.sum).toBeCloseTo(sum, 6);
          else expect(cut.pair.sum).toBeGreaterThanOrEqual(sum - 1e-6);
        } else expect(cut.proven).toBe(false);
        expect(plain.guarantee).toBe('optimal');
        expect(pruned).not.toBeNull();
        expect(pruned!.guarantee).toBe('optimal');
        expect(pruned!.working.lat + pruned!.protection.lat).toBeCloseTo(plain.working.lat + plain.protection.lat, 6);
        expect(pruned!.working.lat).toBeLessThanOrEqual(pruned!.protection.lat + 1e-9);
        expect(disjoint(ctx, pruned!.working, pruned!.protection, r.kind, tails)).toBe(true);
        expect(pruned!.working.lat).toBeLessThanOrEqual(ctx.boundUs);
        expect(pruned!.protection.lat).toBeLessThanOrEqual(ctx.boundUs);
      }),
      { numRuns: 800 },
    );
    console.log('pruned vs plain pair outcomes over 800 random cases:', JSON.stringify(seen));
    for (const b of [1, 2, 200]) expect(seen[`pair-budget-${b}`] ?? 0).toBeGreaterThan(10);
  });
});

describe('a search cut short is not a proof', () => {
  it('says a pair may still exist when the enumeration stops at its cap before finding one', () => {
    // Trap: the fewest-hops path s-a-b-t leaves no disjoint partner; the pair is s-a-c-e-t with s-d-f-b-t.
    const b = new TopologyBuilder();
    for (const x of ['s', 'a', 'b', 't', 'c', 'd', 'e', 'f']) b.site(x, 'important').device(x, x, 'roadm');
    for (const [x, y] of [
      ['s', 'a'],
      ['a', 'b'],
      ['b', 't'],
      ['a', 'c'],
      ['c', 'e'],
      ['e', 't'],
      ['s', 'd'],
      ['d', 'f'],
      ['f', 'b'],
    ] as const)
      b.span(x, y, 1);
    const g = PceGraph.build(b.build());
    const request = {
      from: 's',
      to: 't',
      bandwidthKbps: 100_000_000,
      layer: 'wavelength' as const,
      protection: 'link' as const,
      objective: 'hops' as const,
      alternatives: 0,
    };
    const capped = computePath(g, ledgerForGraph(g), request, { maxPairCandidates: 1 });
    expect(capped.ok).toBe(false);
    if (capped.ok) return;
    expect(capped.failure.code).toBe('PCE_NO_DISJOINT_PAIR');
    expect(capped.failure.evidence.proven).toBe(false);
    expect(capped.failure.message).toContain('a pair may still exist');
    const full = computePath(g, ledgerForGraph(g), request, { maxPairCandidates: 10 });
    expect(full.ok).toBe(true);
    if (full.ok) expect(full.working.hopCount + full.protection!.hopCount).toBe(8);
  });
});
