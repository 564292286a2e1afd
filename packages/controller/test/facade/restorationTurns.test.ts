import { maskToList, ResourceLedger } from '@milli/pce';
import { describe, expect, it } from 'vitest';
import { RestorationTurns, restorationRank } from '../../src/facade/RestorationTurns';

describe('restoration turns', () => {
  it('runs the bookings waiting together in one batch, highest rank first, arrival order within a rank', async () => {
    const turns = new RestorationTurns();
    const order: string[] = [];
    let batches = 0;
    let last = -1;
    // A pass of the event loop between two bookings would let this immediate run in between.
    const between = () => setImmediate(() => batches++);
    const line = (name: string, rank: number) =>
      turns.book(rank, () => {
        if (batches !== last) between();
        last = batches;
        order.push(name);
        return name.length;
      });
    const results = await Promise.all([line('2A-a', 2), line('5A', 5), line('3A', 3), line('2A-b', 2), line('4A', 4), line('none', 0)]);
    expect(order).toEqual(['5A', '4A', '3A', '2A-a', '2A-b', 'none']);
    expect(results).toEqual([4, 2, 2, 4, 2, 4]);
    // All six ran in the first batch, before the immediate the first one set.
    expect(batches).toBe(0);
  });

  it('a booking that throws is answered with its error; the others of its batch go on', async () => {
    const turns = new RestorationTurns();
    const failing = turns.book(3, () => {
      throw new Error('no ledger today');
    });
    const fine = turns.book(2, () => 'booked');
    await expect(failing).rejects.toThrow('no ledger today');
    await expect(fine).resolves.toBe('booked');
  });

  it('past its slice a batch gives the event loop a pass; what arrived meanwhile is sorted in by rank', async () => {
    // A slice of 0 ms: one booking per batch, so the second batch sees the 5A line that arrived during the first.
    const turns = new RestorationTurns(0);
    const order: string[] = [];
    const book = (name: string, rank: number, then?: () => void) =>
      turns.book(rank, () => {
        order.push(name);
        then?.();
      });
    const late: Promise<void>[] = [];
    await Promise.all([book('3A', 3, () => late.push(book('5A', 5))), book('2A-a', 2), book('2A-b', 2)]);
    await Promise.all(late);
    expect(order).toEqual(['3A', '5A', '2A-a', '2A-b']);
  });

  it('a cut’s lines booking the same scarce channels in one batch: the highest tiers get them, none is booked twice', async () => {
    // Two channels left on the way round; five lines of mixed tiers want one each, looking for the first free one.
    const ledger = new ResourceLedger({ channels: 2, linkSlots: () => undefined });
    const window = { start: 0, end: null };
    const turns = new RestorationTurns();
    const restore = (line: string, tier: string | undefined) =>
      turns.book(restorationRank(tier), () => {
        const [free] = maskToList(ledger.freeChannels('F-9', window));
        if (free === undefined) return `${line}: no path`;
        ledger.reserve(line, window, [{ kind: 'channel', fibre: 'F-9', channel: free }]);
        return `${line}: booked`;
      });
    const outcomes = await Promise.all([
      restore('L-2A', '2A'),
      restore('L-none', undefined),
      restore('L-5A', '5A'),
      restore('L-3A', '3A'),
      restore('L-4A', '4A'),
    ]);
    expect(outcomes).toEqual(['L-2A: no path', 'L-none: no path', 'L-5A: booked', 'L-3A: no path', 'L-4A: booked']);
    const booked = ledger.reservations();
    expect(booked.map((r) => r.owner)).toEqual(['L-5A', 'L-4A']);
    // Each on a channel of its own.
    expect(new Set(booked.map((r) => JSON.stringify(r.items))).size).toBe(2);
  });

  it('a booked line waits for every restoration that has entered to have booked, so a cut’s moves go together', async () => {
    const turns = new RestorationTurns();
    const events: string[] = [];
    const restore = async (line: string, reads: Promise<void>) => {
      const leave = turns.enter();
      try {
        await reads; // its store reads before it books
        await turns.book(0, () => events.push(`${line} booked`));
      } finally {
        leave();
        leave(); // leaving twice is harmless
      }
      await turns.allBooked();
      events.push(`${line} moves`);
    };
    let slowReadsDone: () => void = () => {};
    const slowReads = new Promise<void>((resolve) => {
      slowReadsDone = resolve;
    });
    const fast = restore('L-1', Promise.resolve());
    const slow = restore('L-2', slowReads);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['L-1 booked']);
    slowReadsDone();
    await Promise.all([fast, slow]);
    expect(events).toEqual(['L-1 booked', 'L-2 booked', 'L-1 moves', 'L-2 moves']);
    // With nobody booking, a line moves at once.
    await expect(turns.allBooked()).resolves.toBeUndefined();
  });

  it('settled waits for every move in flight, or for its bound when a move takes longer', async () => {
    const turns = new RestorationTurns();
    await turns.settled(60_000); // none in flight: at once
    let finish: () => void = () => {};
    const moving = turns.moving(
      () =>
        new Promise<string>((resolve) => {
          finish = () => resolve('moved');
        }),
    );
    const events: string[] = [];
    const settled = turns.settled(60_000).then(() => events.push('settled'));
    void turns.settled(20).then(() => events.push('bound reached'));
    await new Promise((r) => setTimeout(r, 40));
    expect(events).toEqual(['bound reached']);
    finish();
    expect(await moving).toBe('moved');
    await settled;
    expect(events).toEqual(['bound reached', 'settled']);
    // A move that fails settles too.
    await expect(turns.moving(() => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    await turns.settled(60_000);
  });
});
