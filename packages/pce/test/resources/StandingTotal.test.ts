import type { TimeWindow } from '@milli/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peakUsage } from '../../src/index';
import { TimedAmounts } from '../../src/resources/StandingTotal';
import { windowArb } from './windowArb';

// TimedAmounts answers the peak over a window from counts kept on add and removal when they tell, and sweeps
// otherwise: either way it must be exactly what peakUsage finds over the same entries, to the last bit.

interface Amount {
  reservation: string;
  window: TimeWindow;
  amount: number;
}

// Whole numbers mostly (slots, kbps); fractions whose sums depend on the order they are added in; a negative one.
const amountArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(1, 2, 8, 100_000, 625_000) },
  { weight: 2, arbitrary: fc.constantFrom(0.1, 0.2, 0.7, 1e-9, 3.3) },
  { weight: 1, arbitrary: fc.constant(-2) },
);
const stepArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), window: windowArb, amount: amountArb, twice: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
);

describe('TimedAmounts', () => {
  it('finds the peak peakUsage finds, through adds and removals, for windows ending or not', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const amounts = new TimedAmounts<Amount>();
        let mirror: Amount[] = [];
        const live: string[] = [];
        for (const [n, step] of steps.entries()) {
          if (step.op === 'add') {
            const reservation = `res-${n}`;
            // A reservation may hold two amounts (two items on one link).
            for (const _ of step.twice ? [1, 2] : [1]) {
              const entry = { reservation, window: step.window, amount: step.amount };
              amounts.add(entry);
              mirror.push(entry);
            }
            live.push(reservation);
          } else if (live.length > 0) {
            const [reservation] = live.splice(step.pick % live.length, 1);
            expect(amounts.remove(reservation!)).toBe(mirror.every((e) => e.reservation === reservation));
            mirror = mirror.filter((e) => e.reservation !== reservation);
          }
          expect(amounts.entries).toEqual(mirror);
          for (const start of [0, 15, 35]) {
            for (const end of [null, start + 10]) expect(amounts.peak({ start, end })).toBe(peakUsage(mirror, { start, end }));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('sums open-ended amounts that start inside the window, and drops what a removed reservation held', () => {
    const amounts = new TimedAmounts<Amount>();
    amounts.add({ reservation: 'a', window: { start: 0, end: null }, amount: 3 });
    amounts.add({ reservation: 'b', window: { start: 50, end: null }, amount: 4 });
    expect(amounts.peak({ start: 10, end: null })).toBe(7);
    expect(amounts.peak({ start: 10, end: 50 })).toBe(3);
    amounts.add({ reservation: 'c', window: { start: 0, end: 20 }, amount: 5 });
    expect(amounts.peak({ start: 10, end: null })).toBe(8);
    expect(amounts.peak({ start: 20, end: null })).toBe(7);
    expect(amounts.remove('c')).toBe(false);
    expect(amounts.remove('b')).toBe(false);
    expect(amounts.peak({ start: 10, end: null })).toBe(3);
    expect(amounts.remove('a')).toBe(true);
    expect(amounts.peak({ start: 10, end: null })).toBe(0);
  });
});
