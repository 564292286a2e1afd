import { join } from 'node:path';
import { type PathRequest, PceGraph, type ResourceLedger, computePath, ledgerForGraph } from '@milli/pce';
import { TopologyIndex, loadTopology } from '@milli/topology';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ReservedLine,
  bookReserved,
  diffItems,
  itemIdentity,
  lightpathOwner,
  planLine,
  releaseReservations,
  reserveLine,
} from '../../src/index';

// Re-protection's booking without devices (metro-small): a 1+1 line's surviving leg booked again with the numbers it
// holds beside a new leg, and what that does to the plan: the surviving leg's entries unchanged, the new leg under
// the cut leg's letter, the group pointing to it.
const METRO_SMALL = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
const topology = await loadTopology(METRO_SMALL);
const index = new TopologyIndex(topology);
const graph = PceGraph.build(topology);
let ledger: ResourceLedger;
beforeEach(() => {
  ledger = ledgerForGraph(graph);
});

const base = { maxLatencyUs: 1000, objective: 'latency', alternatives: 0 } as const;

function reserveProtected(line: string, request: Pick<PathRequest, 'from' | 'to' | 'bandwidthKbps' | 'layer'>): ReservedLine {
  const result = computePath(graph, ledger, { ...base, ...request, protection: 'srlg' });
  if (!result.ok) throw new Error(result.failure.message);
  return reserveLine(index, ledger, { line, result, window: result.request.window });
}

/** The working leg is cut at `cut`: the line's reservation goes, and a new leg avoiding the surviving one is booked beside it. */
function reprotect(old: ReservedLine, request: Pick<PathRequest, 'from' | 'to' | 'bandwidthKbps' | 'layer'>, cut: string): ReservedLine {
  const [lost, kept] = old.paths;
  const shared = kept!.path.fibres.filter((f) => lost!.path.fibres.includes(f));
  ledger.releaseOwner(old.line);
  const exclude = { links: [...kept!.path.fibres.filter((f) => !shared.includes(f)), cut] };
  const found = computePath(graph, ledger, { ...base, ...request, protection: 'none', exclude });
  if (!found.ok) throw new Error(found.failure.message);
  return reserveLine(index, ledger, {
    line: old.line,
    result: { ...found, working: kept!.path, protection: found.working, alternatives: [] },
    window: old.window,
    keep: { path: kept!, lightpaths: old.lightpaths.filter((l) => l.role === 'protection'), ...(old.client ? { client: old.client } : {}) },
  });
}

/**
 * A protected park line P-7 → dc-north re-protected after a cut on a patch cord of its working leg's lightpath (the
 * park's ring and dc-north's ROADM leave no other way around).
 */
function reprotectPark(line: string): { old: ReservedLine; cut: string; next: ReservedLine } {
  const request = { from: 'P-7', to: 'dc-north', bandwidthKbps: 100_000, layer: 'osu' } as const;
  const old = reserveProtected(line, request);
  const isPatch = (f: string) => [index.fibre(f).a.port, index.fibre(f).b.port].some((p) => p.startsWith('ad-'));
  const cut = old.paths[0]!.path.fibres.find((f) => isPatch(f) && !old.paths[1]!.path.fibres.includes(f))!;
  return { old, cut, next: reprotect(old, request, cut) };
}

describe('reserveLine with a kept leg', () => {
  it('a protected park line: the surviving leg keeps its numbers and entries, the new leg takes the w letter and the group', () => {
    const { old, cut, next } = reprotectPark('L-1');

    expect(next.paths.map((p) => [p.role, p.leg])).toEqual([
      ['working', 'p'],
      ['protection', 'w'],
    ]);
    expect(next.paths[0]!.hops).toEqual(old.paths[1]!.hops);
    expect(next.client).toEqual(old.client);
    expect(next.paths[1]!.path.fibres).not.toContain(cut);

    const before = planLine(index, old);
    const after = planLine(index, next);
    const diff = diffItems(before, after);
    const kept = new Set(diff.kept.map(itemIdentity));
    // Every entry of the surviving leg (but the group, which now protects with the new leg) stays as it is.
    for (const item of before.filter((i) => i.path === 'protection' && !i.layer.endsWith('protection-group'))) {
      expect(kept.has(itemIdentity(item)), itemIdentity(item)).toBe(true);
    }
    const groups = after.filter((i) => i.layer === 'osu-protection-group');
    expect(groups.map((g) => g.name)).toEqual(['L-1-pg-w', 'L-1-pg-w']);
    // The client connections now ride the surviving leg: its first OSU at the park, its last at the DC.
    const connection = after.find((i) => i.layer === 'osu-connection' && i.device === old.client!.head.device)!;
    expect(connection).toMatchObject({ name: 'L-1-w', osuId: old.paths[1]!.hops.find((h) => h.osu)!.osu!.osuId });
    // The ledger holds the line under one reservation again.
    expect(ledger.reservations('L-1')).toHaveLength(1);
  });

  it('a protected DC interconnect: the kept leg keeps its add/drop ports and transponders; the new one gets others', () => {
    const request = { from: 'dc-north', to: 'dc-south', bandwidthKbps: 100_000_000, layer: 'wavelength' } as const;
    const old = reserveProtected('L-2', request);
    // A span in the middle of the working leg: its first span and the core still reach dc-south without the
    // protection leg's fibres.
    const cut = old.paths[0]!.path.fibres[1]!;
    const next = reprotect(old, request, cut);
    expect(next.paths[0]!.addDrop).toEqual(old.paths[1]!.addDrop);
    expect(next.paths[1]!.addDrop!.head.transponder).not.toEqual(next.paths[0]!.addDrop!.head.transponder);
    const after = planLine(index, next);
    const kept = new Set(diffItems(planLine(index, old), after).kept.map(itemIdentity));
    for (const item of planLine(index, old).filter((i) => i.path === 'protection')) expect(kept.has(itemIdentity(item))).toBe(true);
    expect(after.filter((i) => i.path === 'protection').every((i) => i.name === 'L-2-w')).toBe(true);
  });
});

describe('bookReserved', () => {
  it('books a re-protected line again exactly as it was numbered: its lightpaths, channels, OSU ids and client VLANs', () => {
    const { next: reserved } = reprotectPark('L-3');
    const owners = [...reserved.lightpaths.map((l) => lightpathOwner(l.link.id)), 'L-3'];
    const held = () => owners.map((o) => ledger.reservations(o).map((r) => r.items));
    const before = held();
    expect(before.every((r) => r.length === 1)).toBe(true);

    releaseReservations(ledger, reserved);
    expect(held().every((r) => r.length === 0)).toBe(true);
    bookReserved(index, ledger, reserved);
    expect(held()).toEqual(before);
    // Booked twice, it is refused as a whole: nothing of the second attempt stays.
    expect(() => bookReserved(index, ledger, reserved)).toThrow();
    expect(held()).toEqual(before);
  });
});
