import type { TimeWindow } from '@milli/core';
import fc from 'fast-check';

/**
 * Windows for the ledger's property tests: starts on a coarse grid so that windows meet and overlap often, mostly
 * open-ended (permanent lines, which the ledger's counts answer for), some that end (answered from the entries).
 */
export const windowArb: fc.Arbitrary<TimeWindow> = fc
  .tuple(
    fc.constantFrom(0, 10, 20, 30),
    fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(5, 15, 40) }),
  )
  .map(([start, length]): TimeWindow => ({ start, end: length === null ? null : start + length }));
