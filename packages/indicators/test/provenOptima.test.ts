import { computeIndicators } from '@milli/indicators';
import { describe, expect, it } from 'vitest';
import { dcAndTwoAccessPoints } from './support/handBuilt';

/** DC —10 km— AP-1 —10 km— AP-2, and a direct DC—AP-2 line of `directKm`. */
function triangle(directKm: number) {
  return dcAndTwoAccessPoints().otu('dc-1-otn', 'AP-2-otn', directKm).build();
}

const member = (report: ReturnType<typeof computeIndicators>, ap: string) => report.circles[0]!.members.find((m) => m.accessPoint === ap)!;

describe('circle optima proven from an earlier path, and only when they meet the lower bound', () => {
  it('proves AP-2 over AP-1 when that way is the shortest (20 km against 25 km direct)', () => {
    const r = computeIndicators({ topology: triangle(25) });
    // Three switches at 20 µs and 20 km of fibre.
    expect(member(r, 'AP-2').latencyUs).toBeCloseTo(60 + 20 * 4.897, 6);
    expect(member(r, 'AP-2').devices).toEqual(['AP-2-otn', 'AP-1-otn', 'dc-1-otn']);
    expect(r.work.provenWithoutSearch).toBe(1);
  });

  it('proves a one-link path onto the DC itself (15 km direct beats 20 km over AP-1)', () => {
    const r = computeIndicators({ topology: triangle(15) });
    expect(member(r, 'AP-2').latencyUs).toBeCloseTo(40 + 15 * 4.897, 6);
    expect(member(r, 'AP-2').devices).toEqual(['AP-2-otn', 'dc-1-otn']);
    expect(r.work.provenWithoutSearch).toBe(1);
  });

  it('searches when no known tail reaches the bound (the best way passes a switch no earlier path used)', () => {
    const topology = dcAndTwoAccessPoints()
      .site('I-1', 'important', 121.1, 31.05)
      .device('I-1-otn', 'I-1', 'otn')
      .otu('dc-1-otn', 'I-1-otn', 7)
      .otu('I-1-otn', 'AP-2-otn', 7)
      .build();
    const r = computeIndicators({ topology });
    expect(member(r, 'AP-2').latencyUs).toBeCloseTo(60 + 14 * 4.897, 6);
    expect(member(r, 'AP-2').devices).toEqual(['AP-2-otn', 'I-1-otn', 'dc-1-otn']);
    expect(r.work.provenWithoutSearch).toBe(0);
  });
});
