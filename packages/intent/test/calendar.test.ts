import { occurrencesBetween, readIntent, type Recurrence } from '@milli/intent';
import { TopologyIndex } from '@milli/topology';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProblems, problems } from './helpers';
import { NOW, smallMetro } from './fixtures/smallMetro';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const options = { topology: smallMetro, now: NOW }; // Thursday 2026-11-26 11:00 UTC

/** The weekday (1 = Monday … 7 = Sunday) of an instant in a zone, read through Date rather than day arithmetic. */
function weekdayIn(ms: number, offsetMinutes: number): number {
  const day = new Date(ms + offsetMinutes * 60_000).getUTCDay();
  return day === 0 ? 7 : day;
}

function minuteOfDayIn(ms: number, offsetMinutes: number): number {
  const d = new Date(ms + offsetMinutes * 60_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

const recurrenceArb: fc.Arbitrary<Recurrence> = fc
  .record({
    weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    startMinute: fc.integer({ min: 0, max: 1439 }),
    durationMinutes: fc.integer({ min: 1, max: 1440 }),
    offsetMinutes: fc.integer({ min: -720, max: 840 }),
    firstStart: fc.integer({ min: NOW - 3 * DAY, max: NOW + 3 * DAY }),
    untilDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ untilDays, count, ...r }) => ({
    ...r,
    until: untilDays === undefined ? null : r.firstStart + untilDays * DAY,
    ...(count === undefined ? {} : { count }),
  }));

describe('occurrences of a recurrence', () => {
  it('are exactly the allowed local days at the local start, within the range, from firstStart and before until', () => {
    fc.assert(
      fc.property(recurrenceArb, fc.integer({ min: -2, max: 20 }), fc.integer({ min: 1, max: 20 }), (r, fromDay, days) => {
        const from = NOW + fromDay * DAY;
        const to = from + days * DAY;
        const got = occurrencesBetween(r, from, to);
        // Brute force: every minute-aligned local start on every day near the range, checked through Date.
        const want: { start: number; end: number }[] = [];
        let seen = 0;
        const firstMinute = Math.ceil(r.firstStart / 60_000) * 60_000;
        for (let t = firstMinute - (firstMinute % 60_000); t < to + DAY; t += 60_000) {
          if (minuteOfDayIn(t, r.offsetMinutes) !== r.startMinute || !r.weekdays.includes(weekdayIn(t, r.offsetMinutes))) continue;
          if (t < r.firstStart || (r.until !== null && t >= r.until) || t >= to) continue;
          if (r.count !== undefined && seen >= r.count) break;
          seen++;
          const end = t + r.durationMinutes * 60_000;
          if (end > from) want.push({ start: t, end });
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });
});

describe('connections on a calendar', () => {
  it('lists a nightly DC interconnect’s occurrences within the horizon, in the stated zone', () => {
    const text = 'connect dc dc-north to dc dc-south every day from 01:00 to 05:00 until 2027-06-30 zone +08:00';
    const { compilation } = readIntent(text, options);
    const occurrences = compilation.schedule!.occurrences;
    expect(occurrences).toHaveLength(30);
    // 01:00 at +08:00 is 17:00 UTC the day before; the first is tonight's, after now (11:00 UTC).
    expect(occurrences[0]).toEqual({ start: Date.UTC(2026, 10, 26, 17), end: Date.UTC(2026, 10, 26, 21) });
    for (const [i, o] of occurrences.entries()) expect(o.start).toBe(occurrences[0]!.start + i * DAY);
    expect(compilation.windows).toEqual(occurrences);
    expect(compilation.pathRequests[0]!.window).toEqual(occurrences[0]);
    expect(readIntent(text, { ...options, horizonMs: 7 * DAY }).compilation.schedule!.occurrences).toHaveLength(7);
  });

  it('skips the weekend for a weekday park line', () => {
    const { compilation } = readIntent('connect park P-17 to dc dc-north with 50Mbps on weekdays from 08:00 to 20:00', options);
    const occurrences = compilation.schedule!.occurrences;
    expect(occurrences.map((o) => weekdayIn(o.start, 0)).every((d) => d <= 5)).toBe(true);
    // Thursday's 08:00 has passed at 11:00: Friday the 27th first, then four full weeks to Friday 2026-12-25.
    expect(occurrences[0]!.start).toBe(Date.UTC(2026, 10, 27, 8));
    expect(occurrences).toHaveLength(21);
  });

  it('reads a one-shot window across midnight, and a dated one only when the horizon reaches it', () => {
    const tonight = readIntent('connect park P-17 to dc-north with 100Mbps from 20:00 to 06:00', options).compilation;
    expect(tonight.windows).toEqual([{ start: Date.UTC(2026, 10, 26, 20), end: Date.UTC(2026, 10, 27, 6) }]);
    const dated = 'connect dc-north to dc-south at 400G on 2027-01-15 from 09:00 to 18:00';
    // Beyond the booking horizon there is nothing to reserve: refused at compile time, naming when it would be.
    expect(compileProblems(dated)).toEqual([
      `schedule at ${dated.indexOf('2027')}: nothing can be booked: its first occurrence, 2027-01-15T09:00:00.000Z, is beyond the 30-day booking horizon; submit it within 30 days of that`,
    ]);
    expect(readIntent(dated, { ...options, horizonMs: 60 * DAY }).compilation.windows).toEqual([
      { start: Date.UTC(2027, 0, 15, 9), end: Date.UTC(2027, 0, 15, 18) },
    ]);
  });

  it('takes the topology’s zone when the intent gives none', () => {
    const eastern = new TopologyIndex({ ...smallMetro.topology, utcOffset: '+08:00' });
    const { compilation } = readIntent('连接数据中心dc-north到数据中心dc-south，每天从01:00到05:00', { topology: eastern, now: NOW });
    expect(compilation.schedule!.occurrences[0]!.start).toBe(Date.UTC(2026, 10, 26, 17));
  });

  it('refuses schedules that cannot be, naming each problem', () => {
    const both = 'connect dc-north to dc-south at 400G on 2027-01-15 every day from 01:00 to 01:00 zone +25:00';
    expect(problems(both)).toEqual([
      `date '2027-01-15' at ${both.indexOf('2027')}: a window is either on one date or 'every' day, not both`,
      `end '01:00' at ${both.lastIndexOf('01:00')}: is the start; a window needs a length (a whole day: leave out the times)`,
      `zone '+25:00' at ${both.indexOf('+25')}: write a zone as 'Z' or an offset such as '+08:00'`,
    ]);
    const once = 'connect dc-north to dc-south at 400G from 20:00 to 06:00 until 2027-06-30';
    expect(problems(once)).toEqual([
      `'until 2027-06-30' at ${once.indexOf('2027')}: ends a recurrence; add 'every day', 'on weekdays' or 'every monday'`,
    ]);
    const past = 'connect dc-north to dc-south at 400G on 2026-11-25 from 09:00 to 18:00';
    expect(problems(past)).toEqual([`window on 2026-11-25 at ${past.indexOf('2026')} has passed (now is 2026-11-26T11:00:00.000Z)`]);
  });

  it('refuses a schedule with nothing left to book, in either language', () => {
    const ended = 'connect dc-north to dc-south at 400G every day from 01:00 to 05:00 until 2026-11-26';
    expect(compileProblems(ended)).toEqual([
      `schedule at ${ended.indexOf('day from')}: nothing can be booked: it has no occurrence from now on`,
    ]);
    const zh = '连接数据中心dc-north到数据中心dc-south，速率400G，在2027-03-01从09:00到18:00';
    expect(compileProblems(zh)[0]).toMatch(/^时间安排（位置 \d+）无法预约：首次发生于 2027-03-01T09:00:00.000Z，超出 30 天的预约范围/);
  });
});
