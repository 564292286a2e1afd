import { describe, expect, it } from 'vitest';
import { RestorationTurns } from '../../src/facade/RestorationTurns';

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
});
