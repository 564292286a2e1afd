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

  it('packs OSU bandwidth into whole slots shared with ODUs', () => {
    const l = ledger();
    l.reserve('odu', forever, [{ kind: 'slots', link: 'OTU-2', slots: 6 }]);
    // 2 slots left = 2.5 Gbit/s of OSU
    l.reserve('osu-1', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 2_000_000 }]);
    expect(code(() => l.reserve('osu-2', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 600_000 }]))).toBe('RESOURCE_CONFLICT');
    expect(() => l.reserve('osu-2', forever, [{ kind: 'osu', link: 'OTU-2', kbps: 500_000 }])).not.toThrow();
    expect(l.linkUsage('OTU-2', forever)).toEqual({ slotsUsed: 6, osuKbpsUsed: 2_500_000 });
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
    expect(l.linkCapacity(link.id, { start: 10, end: 20 })).toBe(80);
    expect(l.linkCapacity(link.id, { start: 10, end: 2000 })).toBeUndefined();
    const rider = l.reserve('second', { start: 0, end: 500 }, [{ kind: 'slots', link: link.id, slots: 8 }]);
    expect(code(() => l.release(made.id))).toBe('RESOURCE_IN_USE');
    expect(code(() => l.reserve('third', { start: 0, end: 2000 }, [{ kind: 'slots', link: link.id, slots: 1 }]))).toBe('RESOURCE_CONFLICT');
    l.release(rider.id);
    l.release(made.id);
    expect(l.otuLinks({ start: 0, end: 1000 })).toEqual([]);
  });

  it('releaseOwner frees everything an owner holds', () => {
    const l = ledger();
    l.reserve('owner', forever, [{ kind: 'otu-link', link }]);
    l.reserve('owner', forever, [{ kind: 'slots', link: link.id, slots: 80 }]);
    expect(l.releaseOwner('owner')).toHaveLength(2);
    expect(l.reservations()).toHaveLength(0);
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
