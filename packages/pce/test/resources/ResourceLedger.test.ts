import { isMilliError } from '@milli/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChannels, hasChannel, peakUsage, ResourceLedger } from '../../src/index';

const ledger = () => new ResourceLedger({ channels: 8, linkSlots: (l) => ({ 'OTU-A': 80, 'OTU-2': 8 })[l] });
const forever = { start: 0, end: null };

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isMilliError(e) ? e.code : 'not-a-milli-error';
  }
  return undefined;
}

describe('ResourceLedger channels', () => {
  it('frees a channel only outside the windows that hold it', () => {
    const l = ledger();
    l.reserve('job-1', { start: 100, end: 200 }, [{ kind: 'channel', fibre: 'F-1', channel: 3 }]);
    expect(hasChannel(l.freeChannels('F-1', { start: 150, end: 160 }), 3)).toBe(false);
    expect(hasChannel(l.freeChannels('F-1', { start: 0, end: 100 }), 3)).toBe(true);
    expect(hasChannel(l.freeChannels('F-1', { start: 200, end: null }), 3)).toBe(true);
    expect(hasChannel(l.freeChannels('F-1', { start: 199, end: 201 }), 3)).toBe(false);
    expect(countChannels(l.freeChannels('F-1', forever))).toBe(7);
    expect(countChannels(l.freeChannels('F-2', forever))).toBe(8);
  });

  it('refuses a double booking with RESOURCE_CONFLICT naming the holder, and books back-to-back windows', () => {
    const l = ledger();
    l.reserve('intent-a', { start: 0, end: 100 }, [{ kind: 'channel', fibre: 'F-1', channel: 1 }]);
    let error: unknown;
    try {
      l.reserve('intent-b', { start: 50, end: 60 }, [{ kind: 'channel', fibre: 'F-1', channel: 1 }]);
    } catch (e) {
      error = e;
    }
    expect(isMilliError(error, 'RESOURCE_CONFLICT')).toBe(true);
    expect(JSON.stringify((error as { context: unknown }).context)).toContain('intent-a');
    expect(() => l.reserve('intent-b', { start: 100, end: 200 }, [{ kind: 'channel', fibre: 'F-1', channel: 1 }])).not.toThrow();
  });

  it('is all-or-nothing: a conflicting item leaves nothing of the reservation behind', () => {
    const l = ledger();
    l.reserve('a', forever, [{ kind: 'port', device: 'X', port: 'line-1' }]);
    expect(
      code(() =>
        l.reserve('b', forever, [
          { kind: 'channel', fibre: 'F-9', channel: 2 },
          { kind: 'slots', link: 'OTU-A', slots: 10 },
          { kind: 'port', device: 'X', port: 'line-1' },
        ]),
      ),
    ).toBe('RESOURCE_CONFLICT');
    expect(hasChannel(l.freeChannels('F-9', forever), 2)).toBe(true);
    expect(l.linkUsage('OTU-A', forever).slotsUsed).toBe(0);
    expect(l.reservations('b')).toHaveLength(0);
  });

  it('memoised masks follow reserve and release', () => {
    const l = ledger();
    expect(countChannels(l.freeChannels('F-1', forever))).toBe(8);
    const r = l.reserve('a', forever, [{ kind: 'channel', fibre: 'F-1', channel: 8 }]);
    expect(hasChannel(l.freeChannels('F-1', forever), 8)).toBe(false);
    l.release(r.id);
    expect(hasChannel(l.freeChannels('F-1', forever), 8)).toBe(true);
  });
});

describe('ResourceLedger slots and OSU bandwidth', () => {
  it('adds slots up to the link capacity at the peak of the window', () => {
    const l = ledger();
    l.reserve('a', { start: 0, end: 100 }, [{ kind: 'slots', link: 'OTU-A', slots: 50 }]);
    l.reserve('b', { start: 100, end: 200 }, [{ kind: 'slots', link: 'OTU-A', slots: 50 }]);
    expect(l.linkUsage('OTU-A', { start: 0, end: 200 }).slotsUsed).toBe(50);
    expect(code(() => l.reserve('c', { start: 90, end: 110 }, [{ kind: 'slots', link: 'OTU-A', slots: 31 }]))).toBe('RESOURCE_CONFLICT');
    expect(() => l.reserve('c', { start: 90, end: 110 }, [{ kind: 'slots', link: 'OTU-A', slots: 30 }])).not.toThrow();
  });

  it('memoised link usage follows reserve, release and a refused reservation, per window asked', () => {
    const l = ledger();
    const usage = () => l.linkUsage('OTU-2', forever);
    expect(usage()).toEqual({ slotsUsed: 0, osuKbpsUsed: 0 });
    const odu = l.reserve('odu', forever, [{ kind: 'slots', link: 'OTU-2', slots: 6 }]);
    expect(usage()).toEqual({ slotsUsed: 6, osuKbpsUsed: 0 });
    // Two OSU lines share one ODU0 (slot 7): their bandwidth is counted as OSU, their ODU0 as no extra slot.
    const osu = [1, 2].map((n) => l.reserve(`osu-${n}`, forever, [{ kind: 'osu', link: 'OTU-2', kbps: 200_000 }]));
    expect(usage()).toEqual({ slotsUsed: 6, osuKbpsUsed: 400_000 });
    expect(l.linkUsage('OTU-2', { start: 0, end: 10 })).toEqual({ slotsUsed: 6, osuKbpsUsed: 400_000 });
    // Refused (3 slots do not fit in the one slot left beside the ODU0): nothing changes.
    expect(code(() => l.reserve('too-big', forever, [{ kind: 'slots', link: 'OTU-2', slots: 3 }]))).toBe('RESOURCE_CONFLICT');
    expect(usage()).toEqual({ slotsUsed: 6, osuKbpsUsed: 400_000 });
    l.release(osu[0]!.id);
    expect(usage()).toEqual({ slotsUsed: 6, osuKbpsUsed: 200_000 });
    l.release(osu[1]!.id);
    l.release(odu.id);
    expect(usage()).toEqual({ slotsUsed: 0, osuKbpsUsed: 0 });
    // What the caller does with an answer does not change the next one.
    const answer = usage();
    answer.slotsUsed = 99;
    expect(usage().slotsUsed).toBe(0);
  });

  it('packs OSU lines into shared ODU0 slots beside ODUs, and counts a pool above one slot as whole slots', () => {
    const l = ledger();
    l.reserve('odu', forever, [{ kind: 'slots', link: 'OTU-2', slots: 6 }]);
    // Two slots left: one ODU0 takes 1.25 Gbit/s of OSU lines, the other a 1 Gbit/s line and a 200 Mbit/s one.
    l.reserve('osu-1', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 1_000_000 }]);
    l.reserve('osu-2', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 1_000_000 }]);
    expect(code(() => l.reserve('osu-3', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 300_000 }]))).toBe('RESOURCE_CONFLICT');
    const small = l.reserve('osu-3', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 200_000 }]);
    expect(small.items[0]).toMatchObject({ numbers: [7], osuId: 2 });
    expect(l.linkUsage('OTU-2', forever)).toEqual({ slotsUsed: 6, osuKbpsUsed: 2_200_000 });
    const pool = new ResourceLedger({ channels: 8, linkSlots: () => 8 });
    expect(pool.reserve('big', forever, [{ kind: 'osu', link: 'L', kbps: 2_000_000 }]).items[0]).toMatchObject({ numbers: [1, 2] });
    expect(pool.reserve('line', forever, [{ kind: 'osu', link: 'L', kbps: 2_000 }]).items[0]).toMatchObject({ numbers: [3], osuId: 1 });
  });

  it('rejects unknown links, bad items and bad windows with typed errors', () => {
    const l = ledger();
    expect(code(() => l.reserve('a', forever, [{ kind: 'slots', link: 'nope', slots: 1 }]))).toBe('RESOURCE_CONFLICT');
    expect(code(() => l.reserve('a', forever, [{ kind: 'channel', fibre: 'F-1', channel: 9 }]))).toBe('RESOURCE_INVALID');
    expect(code(() => l.reserve('a', { start: 10, end: 10 }, []))).toBe('RESOURCE_INVALID');
    expect(code(() => l.reserve('', forever, []))).toBe('RESOURCE_INVALID');
    expect(code(() => l.release('res-404'))).toBe('RESOURCE_NOT_FOUND');
  });
});

describe('ResourceLedger groomed OTU links', () => {
  const link = {
    id: 'otu:A/line-1~B/line-1',
    a: { device: 'A', port: 'line-1' },
    b: { device: 'B', port: 'line-1' },
    slots: 80,
    channel: 1,
    fibres: ['F-1'],
    devices: [],
    latencyUs: 10,
  };

  it('creates a link with its reservation, carries traffic on it, and refuses to release it under traffic', () => {
    const l = ledger();
    const made = l.reserve('first', { start: 0, end: 1000 }, [
      { kind: 'otu-link', link },
      { kind: 'osu', link: link.id, kbps: 100_000 },
    ]);
    expect(l.otuLinks({ start: 0, end: 1000 }).map((r) => r.link.id)).toEqual([link.id]);
    expect(l.otuLinks({ start: 0, end: null })).toEqual([]);
    expect(l.otuLink(link.id, { start: 10, end: 20 })?.reservation).toBe(made.id);
    expect(l.otuLink(link.id, { start: 0, end: null })).toBeUndefined();
    expect(l.otuLink('OTU-none', { start: 10, end: 20 })).toBeUndefined();
    expect(l.linkCapacity(link.id, { start: 10, end: 20 })).toBe(80);
    expect(l.linkCapacity(link.id, { start: 10, end: 2000 })).toBeUndefined();
    const rider = l.reserve('second', { start: 0, end: 500 }, [{ kind: 'slots', link: link.id, slots: 8 }]);
    expect(code(() => l.release(made.id))).toBe('RESOURCE_IN_USE');
    expect(code(() => l.reserve('third', { start: 0, end: 2000 }, [{ kind: 'slots', link: link.id, slots: 1 }]))).toBe('RESOURCE_CONFLICT');
    l.release(rider.id);
    l.release(made.id);
    expect(l.otuLinks({ start: 0, end: 1000 })).toEqual([]);
    expect(l.otuLink(link.id, { start: 10, end: 20 })).toBeUndefined();
  });

  it('releaseOwner frees everything an owner holds', () => {
    const l = ledger();
    l.reserve('owner', forever, [{ kind: 'otu-link', link }]);
    l.reserve('owner', forever, [{ kind: 'slots', link: link.id, slots: 80 }]);
    expect(l.releaseOwner('owner')).toHaveLength(2);
    expect(l.reservations()).toHaveLength(0);
  });

  it("lists an owner's reservations in the order they were made, and releaseOwner goes newest first", () => {
    const l = ledger();
    const port = (owner: string, n: number) => l.reserve(owner, forever, [{ kind: 'port', device: 'D', port: `${owner}-${n}` }]).id;
    const [a1, b1, a2, b2, a3] = [port('a', 1), port('b', 1), port('a', 2), port('b', 2), port('a', 3)];
    l.release(a2);
    const a4 = port('a', 4);
    expect(l.reservations('a').map((r) => r.id)).toEqual([a1, a3, a4]);
    expect(l.reservations().map((r) => r.id)).toEqual([a1, b1, b2, a3, a4]);
    expect(l.releaseOwner('a').map((r) => r.id)).toEqual([a4, a3, a1]);
    expect(l.reservations('a')).toEqual([]);
    expect(l.reservations().map((r) => r.id)).toEqual([b1, b2]);
    // A refused reservation leaves nothing under its owner.
    expect(() =>
      l.reserve('c', forever, [
        { kind: 'port', device: 'D', port: 'p1' },
        { kind: 'port', device: 'D', port: 'p1' },
      ]),
    ).toThrow();
    expect(l.reservations('c')).toEqual([]);
  });
});

describe('peakUsage', () => {
  it('equals a brute-force maximum over every instant', () => {
    const windowArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }));
    fc.assert(
      fc.property(fc.array(fc.tuple(windowArb, fc.integer({ min: 1, max: 9 })), { maxLength: 8 }), windowArb, (entries, [qs, ql]) => {
        const items = entries.map(([[s, len], amount]) => ({ window: { start: s, end: len === null ? null : s + len }, amount }));
        const q = { start: qs, end: ql === null ? null : qs + ql };
        let brute = 0;
        for (let t = q.start; t < (q.end ?? 80); t++) {
          const at = items
            .filter((i) => i.window.start <= t && (i.window.end === null || t < i.window.end))
            .reduce((a, i) => a + i.amount, 0);
          brute = Math.max(brute, at);
        }
        expect(peakUsage(items, q)).toBe(brute);
      }),
    );
  });
});

describe('ResourceLedger never double-books (random reservations)', () => {
  it('holds every channel at most once at every instant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 3 })), {
          maxLength: 25,
        }),
        (ops) => {
          const l = ledger();
          ops.forEach(([start, len, channel], i) => {
            try {
              l.reserve(`o${i}`, { start, end: start + len }, [{ kind: 'channel', fibre: 'F', channel }]);
            } catch (e) {
              if (!isMilliError(e, 'RESOURCE_CONFLICT')) throw e;
            }
          });
          for (let t = 0; t < 31; t++) {
            for (let c = 1; c <= 3; c++) {
              const holders = l
                .reservations()
                .filter(
                  (r) =>
                    r.window.start <= t &&
                    (r.window.end === null || t < r.window.end) &&
                    r.items.some((x) => x.kind === 'channel' && x.channel === c),
                );
              expect(holders.length).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });
});

describe('ResourceLedger numbering', () => {
  it('gives ODUs the lowest free tributary slots and never one slot to two lines in overlapping windows', () => {
    const l = ledger();
    const a = l.reserve('a', { start: 0, end: 100 }, [{ kind: 'slots', link: 'OTU-2', slots: 2 }]);
    const b = l.reserve('b', { start: 50, end: 150 }, [{ kind: 'slots', link: 'OTU-2', slots: 3 }]);
    const c = l.reserve('c', { start: 100, end: 200 }, [{ kind: 'slots', link: 'OTU-2', slots: 2 }]);
    expect(a.items[0]).toMatchObject({ numbers: [1, 2] });
    expect(b.items[0]).toMatchObject({ numbers: [3, 4, 5] });
    // c starts when a ends: a's slots are free again, b's are not.
    expect(c.items[0]).toMatchObject({ numbers: [1, 2] });
    l.release(a.id);
    expect(l.reserve('d', { start: 0, end: 50 }, [{ kind: 'slots', link: 'OTU-2', slots: 1 }]).items[0]).toMatchObject({ numbers: [1] });
  });

  it('honours asked-for numbers when they are free and refuses them otherwise, leaving nothing behind', () => {
    const l = ledger();
    l.reserve('a', forever, [{ kind: 'slots', link: 'OTU-2', slots: 1, numbers: [5] }]);
    expect(code(() => l.reserve('b', forever, [{ kind: 'slots', link: 'OTU-2', slots: 2, numbers: [4, 5] }]))).toBe('RESOURCE_CONFLICT');
    const osu = l.reserve('c', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 100_000, numbers: [3], osuId: 7 }]);
    expect(osu.items[0]).toMatchObject({ numbers: [3], osuId: 7 });
    expect(code(() => l.reserve('d', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 100_000, numbers: [3], osuId: 7 }]))).toBe(
      'RESOURCE_CONFLICT',
    );
    expect(l.reserve('e', forever, [{ kind: 'slots', link: 'OTU-2', slots: 2 }]).items[0]).toMatchObject({ numbers: [1, 2] });
  });

  it('numbers OSU ids per ODU0, and places both paths of a protected line on a shared tail at once', () => {
    const l = ledger();
    const both = l.reserve('protected', forever, [
      { kind: 'osu', link: 'OTU-2', kbps: 600_000 },
      { kind: 'osu', link: 'OTU-2', kbps: 600_000 },
    ]);
    expect(both.items).toMatchObject([
      { numbers: [1], osuId: 1 },
      { numbers: [1], osuId: 2 },
    ]);
    // The ODU0 on slot 1 holds 1.2 Gbit/s: the next line opens slot 2.
    expect(l.reserve('next', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 100_000 }]).items[0]).toMatchObject({ numbers: [2], osuId: 1 });
    expect(l.linkOwners('OTU-2')).toEqual(['next', 'protected']);
  });

  it('numbers ports: the first candidate free in the window', () => {
    const l = ledger();
    l.reserve('a', { start: 0, end: 100 }, [{ kind: 'port', device: 'R', port: 'ad-1' }]);
    expect(l.freePort('R', ['ad-1', 'ad-2'], { start: 50, end: 60 })).toBe('ad-2');
    expect(l.freePort('R', ['ad-1', 'ad-2'], { start: 100, end: 160 })).toBe('ad-1');
    expect(l.freePort('R', ['ad-1'], forever)).toBeUndefined();
  });

  it('never gives a slot or an OSU id twice over random reservations and releases', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('slots' as const, 'osu' as const),
            size: fc.integer({ min: 1, max: 3 }),
            kbps: fc.integer({ min: 1, max: 600 }).map((k) => k * 2000),
            start: fc.integer({ min: 0, max: 5 }),
            length: fc.integer({ min: 1, max: 5 }),
            release: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (ops) => {
          const l = ledger();
          ops.forEach((op, i) => {
            const window = { start: op.start, end: op.start + op.length };
            const item =
              op.kind === 'slots'
                ? { kind: 'slots' as const, link: 'OTU-2', slots: op.size }
                : { kind: 'osu' as const, link: 'OTU-2', kbps: op.kbps };
            try {
              const r = l.reserve(`o${i}`, window, [item]);
              if (op.release && i % 3 === 0) l.release(r.id);
            } catch (e) {
              if (!isMilliError(e) || e.code !== 'RESOURCE_CONFLICT') throw e;
            }
          });
          const held = l.reservations();
          for (let t = 0; t < 10; t++) {
            const at = held.filter((r) => r.window.start <= t && (r.window.end === null || t < r.window.end));
            const odu = at.flatMap((r) => r.items.flatMap((i) => (i.kind === 'slots' ? (i.numbers ?? []) : [])));
            const osu = at.flatMap((r) => r.items.flatMap((i) => (i.kind === 'osu' ? [i] : [])));
            expect(new Set(odu).size).toBe(odu.length);
            for (const slot of odu) expect(osu.some((o) => o.numbers?.includes(slot))).toBe(false);
            const ids = osu.map((o) => `${o.numbers?.[0]}#${o.osuId}`);
            expect(new Set(ids).size).toBe(ids.length);
            for (const slot of new Set(osu.map((o) => o.numbers?.[0]))) {
              expect(
                osu.filter((o) => o.numbers?.[0] === slot).reduce((s, o) => s + (o.kind === 'osu' ? o.kbps : 0), 0),
              ).toBeLessThanOrEqual(1_250_000);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ResourceLedger numbering for a growing ODUflex', () => {
  it('keeps the slots asked for and adds the lowest free others', () => {
    const l = ledger();
    l.reserve('other', forever, [{ kind: 'slots', link: 'OTU-2', slots: 1, numbers: [2] }]);
    const grown = l.reserve('flex', forever, [{ kind: 'slots', link: 'OTU-2', slots: 3, numbers: [5] }]);
    expect(grown.items[0]).toMatchObject({ numbers: [1, 3, 5] });
  });
});
