import { closest, editDistance, nearest } from '@milli/intent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Plain Levenshtein with adjacent swaps (optimal string alignment), full table: the reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('srgl', 'srlg', 3)).toBe(1);
    expect(editDistance('dc-nrth', 'dc-north', 3)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });

  it('agrees with the full table up to the limit, and reports limit + 1 beyond it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(reference(a, b), limit + 1));
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('suggestions', () => {
  it('closest: one clear winner, or nothing when it is a tie or too far', () => {
    expect(closest('dc-nrth', ['dc-north', 'dc-south'])).toBe('dc-north');
    expect(closest('DC-NORTH', ['dc-north'])).toBe('dc-north');
    expect(closest('6A', ['2A', '3A', '4A', '5A'])).toBeUndefined();
    expect(closest('zzzzzz', ['dc-north'])).toBeUndefined();
  });

  it('nearest: every equally near candidate, up to four', () => {
    expect(nearest('P-1', ['P-17', 'P-18', 'dc-north'])).toEqual(['P-17', 'P-18']);
    expect(nearest('P-1', ['P-10', 'P-11', 'P-12', 'P-13', 'P-14'])).toEqual([]);
  });
});
