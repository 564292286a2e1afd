import { overlaps, type TimeWindow } from '@milli/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskToList } from '../../src/index';
import { ChannelBook, type Entry } from '../../src/resources/ChannelBook';
import { windowArb } from './windowArb';

// ChannelBook answers from the span's standing mask when every holder is open-ended and started before the window
// ends; these tests hold it to the definition: a channel is free when no holder overlapping the window takes it.

const CHANNELS = 8;
const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      fibre: fc.constantFrom('F-1', 'F-2'),
      channel: fc.integer({ min: 1, max: CHANNELS }),
      window: windowArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
);

function freeByDefinition(held: { fibre: string; channel: number; entry: Entry }[], fibre: string, window: TimeWindow): number[] {
  const taken = new Set(held.filter((h) => h.fibre === fibre && overlaps(h.entry.window, window)).map((h) => h.channel));
  return Array.from({ length: CHANNELS }, (_, i) => i + 1).filter((c) => !taken.has(c));
}

describe('ChannelBook', () => {
  it('frees exactly the channels no overlapping holder takes, through adds and removals', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const book = new ChannelBook(CHANNELS);
        let held: { fibre: string; channel: number; entry: Entry }[] = [];
        for (const [n, step] of steps.entries()) {
          if (step.op === 'add') {
            const entry = { reservation: `res-${n}`, owner: 'o', window: step.window, amount: 1 };
            book.add(step.fibre, step.channel, entry);
            held.push({ fibre: step.fibre, channel: step.channel, entry });
          } else if (held.length > 0) {
            const gone = held[step.pick % held.length]!;
            book.remove(gone.fibre, gone.channel, gone.entry.reservation);
            held = held.filter((h) => h !== gone);
          }
          for (const fibre of ['F-1', 'F-2']) {
            for (const start of [0, 15, 35]) {
              for (const end of [null, start + 10]) {
                const window = { start, end };
                const expected = freeByDefinition(held, fibre, window);
                expect(maskToList(book.free(fibre, window))).toEqual(expected);
                // Asked again (from the memo), and a caller changing its copy changes nothing.
                const again = book.free(fibre, window);
                again[0] = 0;
                expect(maskToList(book.free(fibre, window))).toEqual(expected);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
