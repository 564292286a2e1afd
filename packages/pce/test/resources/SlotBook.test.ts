import { overlaps, type TimeWindow } from '@milli/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOT_KBPS } from '../../src/index';
import { type OsuPlacement, type SlotEntry, SlotBook } from '../../src/resources/SlotBook';
import { windowArb } from './windowArb';

// The slot book keeps a summary per slot (kept up to date on add, rebuilt after a removal) and answers from it when
// every entry holds throughout the asked window. These tests hold it to the definitions, computed from a flat list
// of every entry ever added and not removed: a slot is free when nothing overlapping the window holds it; an OSU
// fits when the bandwidth in use at every instant of the window leaves room, and takes the lowest id not in use.

interface Held {
  link: string;
  slot: number;
  entry: SlotEntry;
}

class Oracle {
  held: Held[] = [];

  at(link: string, slot: number, window: TimeWindow): SlotEntry[] {
    return this.held.filter((h) => h.link === link && h.slot === slot && overlaps(h.entry.window, window)).map((h) => h.entry);
  }

  free(link: string, slot: number, window: TimeWindow): boolean {
    return this.at(link, slot, window).length === 0;
  }

  freeSlots(link: string, capacity: number, window: TimeWindow, count: number): number[] | undefined {
    const free = range(capacity).filter((s) => this.free(link, s, window));
    return free.length >= count ? free.slice(0, count) : undefined;
  }

  osuId(link: string, slot: number, window: TimeWindow, kbps: number, wanted?: number): number | undefined {
    const here = this.at(link, slot, window);
    if (here.some((e) => e.kind !== 'osu' || e.osuId === undefined)) return undefined;
    // The peak is reached at the window's start or where some entry starts inside it.
    const instants = [window.start, ...here.map((e) => e.window.start).filter((t) => t > window.start)];
    const inUse = (t: number) =>
      here.filter((e) => e.window.start <= t && (e.window.end === null || e.window.end > t)).reduce((sum, e) => sum + e.kbps, 0);
    if (Math.max(...instants.map(inUse)) + kbps > SLOT_KBPS) return undefined;
    const used = new Set(here.map((e) => e.osuId));
    if (wanted !== undefined) return used.has(wanted) ? undefined : wanted;
    let id = 1;
    while (used.has(id)) id++;
    return id;
  }

  placeOsu(link: string, capacity: number, window: TimeWindow, kbps: number, wanted?: OsuPlacement): OsuPlacement | undefined {
    if (wanted !== undefined) {
      if (wanted.slot < 1 || wanted.slot > capacity) return undefined;
      const osuId = this.osuId(link, wanted.slot, window, kbps, wanted.osuId);
      return osuId === undefined ? undefined : { slot: wanted.slot, osuId };
    }
    const heldSlots = [...new Set(this.held.filter((h) => h.link === link).map((h) => h.slot))].sort((a, b) => a - b);
    for (const slot of heldSlots) {
      if (slot > capacity || this.free(link, slot, window)) continue;
      const osuId = this.osuId(link, slot, window, kbps);
      if (osuId !== undefined) return { slot, osuId };
    }
    const fresh = range(capacity).find((s) => this.free(link, s, window));
    return fresh === undefined ? undefined : { slot: fresh, osuId: 1 };
  }

  osuSlotsIn(link: string, window: TimeWindow): number {
    const slots = new Set(
      this.held.filter((h) => h.link === link && h.entry.kind === 'osu' && overlaps(h.entry.window, window)).map((h) => h.slot),
    );
    return slots.size;
  }

  owners(link: string, window?: TimeWindow): string[] {
    const owners = this.held
      .filter((h) => h.link === link && (window === undefined || overlaps(h.entry.window, window)))
      .map((h) => h.entry.owner);
    return [...new Set(owners)].sort();
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

const CAPACITY = 4;
const LINKS = ['L1', 'L2'];
const open = (start: number): TimeWindow => ({ start, end: null });

const kbpsArb = fc.constantFrom(100_000, 250_000, 400_000, 625_000, 1_250_000);

type Step =
  | { op: 'place'; link: string; window: TimeWindow; kbps: number; wanted?: OsuPlacement }
  | { op: 'odu'; link: string; window: TimeWindow; count: number }
  | { op: 'pool'; link: string; window: TimeWindow; kbps: number }
  | { op: 'remove'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('place' as const),
      link: fc.constantFrom(...LINKS),
      window: windowArb,
      kbps: kbpsArb,
      wanted: fc.option(fc.record({ slot: fc.integer({ min: 0, max: CAPACITY + 1 }), osuId: fc.integer({ min: 1, max: 4 }) }), {
        nil: undefined,
        freq: 4,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('odu' as const),
      link: fc.constantFrom(...LINKS),
      window: windowArb,
      count: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    // A pool's slot counts a whole slot's rate in the ledger; 0 as well, so that the lack of an OSU id alone must keep OSUs out.
    arbitrary: fc.record({
      op: fc.constant('pool' as const),
      link: fc.constantFrom(...LINKS),
      window: windowArb,
      kbps: fc.constantFrom(0, SLOT_KBPS),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
);

/** Applies one step to both, as the ledger would (an entry per slot placed), and checks they agree on every answer. */
function step(book: SlotBook, oracle: Oracle, s: Step, n: number, live: { reservation: string; link: string }[]): void {
  const add = (link: string, slot: number, entry: SlotEntry) => {
    book.add(link, slot, entry);
    oracle.held.push({ link, slot, entry });
  };
  const entry = (window: TimeWindow) => ({ reservation: `res-${n}`, owner: `owner-${n % 3}`, window });
  if (s.op === 'remove') {
    if (live.length === 0) return;
    const [{ reservation, link }] = live.splice(s.pick % live.length, 1) as [{ reservation: string; link: string }];
    book.remove(link, reservation);
    oracle.held = oracle.held.filter((h) => h.link !== link || h.entry.reservation !== reservation);
    return;
  }
  live.push({ reservation: `res-${n}`, link: s.link });
  if (s.op === 'place') {
    const placed = book.placeOsu(s.link, CAPACITY, s.window, s.kbps, s.wanted);
    expect(placed).toEqual(oracle.placeOsu(s.link, CAPACITY, s.window, s.kbps, s.wanted));
    if (placed !== undefined) add(s.link, placed.slot, { ...entry(s.window), kind: 'osu', kbps: s.kbps, osuId: placed.osuId });
  } else if (s.op === 'odu') {
    const slots = book.freeSlots(s.link, CAPACITY, s.window, s.count);
    expect(slots).toEqual(oracle.freeSlots(s.link, CAPACITY, s.window, s.count));
    for (const slot of slots ?? []) add(s.link, slot, { ...entry(s.window), kind: 'odu', kbps: 0 });
  } else {
    // An OSU pool above one slot's rate takes whole slots without OSU ids: no OSU line may share them.
    for (const slot of book.freeSlots(s.link, CAPACITY, s.window, 1) ?? [])
      add(s.link, slot, { ...entry(s.window), kind: 'osu', kbps: s.kbps });
  }
}

function agreeEverywhere(book: SlotBook, oracle: Oracle): void {
  for (const link of LINKS) {
    expect(book.owners(link)).toEqual(oracle.owners(link));
    for (const start of [0, 10, 25, 35]) {
      for (const end of [null, start + 5, start + 20]) {
        const window = { start, end };
        expect(book.osuSlotsIn(link, window)).toBe(oracle.osuSlotsIn(link, window));
        expect(book.owners(link, window)).toEqual(oracle.owners(link, window));
        expect(book.freeSlots(link, CAPACITY, window, 1)).toEqual(oracle.freeSlots(link, CAPACITY, window, 1));
        for (const kbps of [100_000, 900_000])
          expect(book.placeOsu(link, CAPACITY, window, kbps)).toEqual(oracle.placeOsu(link, CAPACITY, window, kbps));
        for (const slot of range(CAPACITY)) expect(book.holders(link, slot, window)).toEqual(oracle.at(link, slot, window));
      }
    }
  }
}

describe('SlotBook', () => {
  it('numbers OSU lines, ODUs and OSU pools as the definitions do, through adds and removals in any windows', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const book = new SlotBook();
        const oracle = new Oracle();
        const live: { reservation: string; link: string }[] = [];
        for (const [n, s] of steps.entries()) {
          step(book, oracle, s, n, live);
          for (const link of LINKS)
            expect(book.placeOsu(link, CAPACITY, open(35), 300_000)).toEqual(oracle.placeOsu(link, CAPACITY, open(35), 300_000));
        }
        agreeEverywhere(book, oracle);
      }),
      { numRuns: 300 },
    );
  });

  it('fills the lowest ODU0 with room, then a fresh slot, and gives back a removed line its OSU id', () => {
    const book = new SlotBook();
    const place = (owner: string, start: number, kbps: number) => {
      const placed = book.placeOsu('L', 2, open(start), kbps);
      if (placed !== undefined)
        book.add('L', placed.slot, { reservation: owner, owner, window: open(start), kind: 'osu', kbps, osuId: placed.osuId });
      return placed;
    };
    expect(place('a', 0, 625_000)).toEqual({ slot: 1, osuId: 1 });
    expect(place('b', 1, 625_000)).toEqual({ slot: 1, osuId: 2 });
    expect(place('c', 2, 100_000)).toEqual({ slot: 2, osuId: 1 });
    book.remove('L', 'a');
    // Slot 1 has room again, and id 1 is free there: the summary was rebuilt after the removal.
    expect(place('d', 3, 100_000)).toEqual({ slot: 1, osuId: 1 });
    expect(place('e', 4, 500_000)).toEqual({ slot: 1, osuId: 3 });
    expect(place('f', 5, 100_000)).toEqual({ slot: 2, osuId: 2 });
    expect(place('g', 6, 1_250_000)).toBeUndefined();
    expect(book.owners('L', open(10))).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  it('sees room a line leaves when its window ends, and no room for a window that starts before a later booking', () => {
    const book = new SlotBook();
    book.add('L', 1, { reservation: 'r1', owner: 'a', window: { start: 0, end: 100 }, kind: 'osu', kbps: 1_000_000, osuId: 1 });
    book.add('L', 1, { reservation: 'r2', owner: 'b', window: open(50), kind: 'osu', kbps: 200_000, osuId: 2 });
    // From 100 on only r2 holds slot 1; from 60 on both do; from 0 r2 starts inside the window and the peak counts it.
    expect(book.placeOsu('L', 1, open(100), 1_000_000)).toEqual({ slot: 1, osuId: 1 });
    expect(book.placeOsu('L', 1, open(60), 100_000)).toBeUndefined();
    expect(book.placeOsu('L', 1, { start: 0, end: 50 }, 250_000)).toEqual({ slot: 1, osuId: 2 });
    expect(book.placeOsu('L', 1, open(0), 100_000)).toBeUndefined();
    book.remove('L', 'r1');
    expect(book.placeOsu('L', 1, open(0), 100_000)).toEqual({ slot: 1, osuId: 1 });
    expect(book.osuSlotsIn('L', { start: 0, end: 50 })).toBe(0);
    expect(book.osuSlotsIn('L', open(0))).toBe(1);
  });

  it('places a wanted OSU id only where it is free and the slot has room, even on a slot nothing holds', () => {
    const book = new SlotBook();
    book.add('L', 2, { reservation: 'r1', owner: 'a', window: open(0), kind: 'osu', kbps: 600_000, osuId: 3 });
    expect(book.placeOsu('L', 4, open(5), 600_000, { slot: 2, osuId: 3 })).toBeUndefined();
    expect(book.placeOsu('L', 4, open(5), 600_000, { slot: 2, osuId: 1 })).toEqual({ slot: 2, osuId: 1 });
    expect(book.placeOsu('L', 4, open(5), 700_000, { slot: 2, osuId: 1 })).toBeUndefined();
    expect(book.placeOsu('L', 4, open(5), 100_000, { slot: 4, osuId: 7 })).toEqual({ slot: 4, osuId: 7 });
    expect(book.placeOsu('L', 4, open(5), 100_000, { slot: 5, osuId: 1 })).toBeUndefined();
    book.add('L', 3, { reservation: 'r2', owner: 'b', window: open(0), kind: 'odu', kbps: 0 });
    expect(book.placeOsu('L', 4, open(5), 100_000, { slot: 3, osuId: 1 })).toBeUndefined();
    // The slot list is kept sorted across adds: slot 1 is free, slot 2 has room, slot 3 is an ODU's.
    expect(book.placeOsu('L', 4, open(5), 100_000)).toEqual({ slot: 2, osuId: 1 });
    book.remove('L', 'r1');
    expect(book.placeOsu('L', 4, open(5), 100_000)).toEqual({ slot: 1, osuId: 1 });
    expect(book.freeSlots('L', 4, open(5), 3)).toEqual([1, 2, 4]);
    book.remove('L', 'r2');
    expect(book.owners('L')).toEqual([]);
  });
});
