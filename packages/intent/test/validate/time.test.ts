import { parseTimeSpec, resolveTime } from '@milli/intent';
import { describe, expect, it } from 'vitest';
import { NOW } from '../fixtures/smallMetro';

describe('parseTimeSpec', () => {
  it('reads ISO date-times with a zone', () => {
    expect(parseTimeSpec('2026-12-01T06:00Z')).toEqual({ kind: 'absolute', epochMs: Date.UTC(2026, 11, 1, 6, 0) });
    expect(parseTimeSpec('2026-12-01T06:00:30.25+08:00')).toEqual({ kind: 'absolute', epochMs: Date.UTC(2026, 11, 0, 22, 0, 30, 250) });
    expect(parseTimeSpec('2026-12-01t06:00-05:30')).toEqual({ kind: 'absolute', epochMs: Date.UTC(2026, 11, 1, 11, 30) });
  });

  it('reads times of day, with or without a zone, and now', () => {
    expect(parseTimeSpec('20:00')).toEqual({ kind: 'time-of-day', minutes: 1200, offsetMinutes: undefined });
    expect(parseTimeSpec('07:15+08:00')).toEqual({ kind: 'time-of-day', minutes: 435, offsetMinutes: 480 });
    expect(parseTimeSpec('NOW')).toEqual({ kind: 'now' });
  });

  it('says what is wrong with a bad time', () => {
    expect(parseTimeSpec('2026-02-30T06:00Z')).toBe('no such date');
    expect(parseTimeSpec('2026-12-01T06:00')).toMatch(/no zone/);
    expect(parseTimeSpec('2026-12-01')).toMatch(/a date needs a time/);
    expect(parseTimeSpec('24:00')).toMatch(/hours run 00-23/);
    expect(parseTimeSpec('8pm')).toMatch(/^not a time/);
    expect(parseTimeSpec('20:00+8')).toMatch(/\+08:00/);
    expect(parseTimeSpec('20:00:30')).toMatch(/full date-time/);
  });
});

describe('resolveTime', () => {
  const at = (text: string, anchor = NOW, strict = false, offset = 0) => {
    const spec = parseTimeSpec(text);
    if (typeof spec === 'string') throw new Error(spec);
    return new Date(resolveTime(spec, anchor, NOW, offset, strict)).toISOString();
  };

  it('a time of day is its next occurrence at or after the anchor', () => {
    // now is 2026-11-26 11:00 UTC
    expect(at('20:00')).toBe('2026-11-26T20:00:00.000Z');
    expect(at('06:00')).toBe('2026-11-27T06:00:00.000Z');
    expect(at('11:00')).toBe('2026-11-26T11:00:00.000Z');
    expect(at('11:00', NOW, true)).toBe('2026-11-27T11:00:00.000Z');
  });

  it("uses the time's own zone, else the caller's offset", () => {
    // 19:00 at +08:00 is 11:00 UTC: exactly now.
    expect(at('19:00+08:00')).toBe('2026-11-26T11:00:00.000Z');
    expect(at('18:00', NOW, false, 480)).toBe('2026-11-27T10:00:00.000Z');
  });

  it('an end after a late start rolls past midnight', () => {
    const start = Date.UTC(2026, 10, 26, 22, 0);
    expect(at('02:00', start, true)).toBe('2026-11-27T02:00:00.000Z');
  });
});
