/**
 * Times in intents, parsed by hand in one pass (no regular expressions) and resolved against a `now` that the
 * caller passes in, so that parsing stays pure and a test can pin the clock.
 * - `now`;
 * - an ISO 8601 date-time with a zone: `2026-12-01T06:00Z`, `2026-12-01T06:00:30+08:00`;
 * - a time of day `HH:MM` with an optional zone (`20:00`, `20:00+08:00`); without one, the caller's UTC offset
 *   (default UTC). A time of day means its next occurrence: at or after `now` for a start, after the start for an end.
 */
export type TimeSpec =
  | { kind: 'now' }
  | { kind: 'absolute'; epochMs: number }
  | { kind: 'time-of-day'; minutes: number; offsetMinutes: number | undefined };

const DAY_MS = 86_400_000;

/** The spec, or a sentence saying what is wrong with the text. */
export function parseTimeSpec(text: string): TimeSpec | string {
  if (text.toLowerCase() === 'now') return { kind: 'now' };
  const r = new Reader(text);
  if (text.length >= 10 && text.charCodeAt(4) === 45 /* - */) {
    const year = r.digits(4);
    const month = r.char('-') ? r.digits(2) : undefined;
    const day = r.char('-') ? r.digits(2) : undefined;
    if (year === undefined || month === undefined || day === undefined) return 'write a date-time as 2026-12-01T06:00Z';
    if (!r.char('T') && !r.char('t')) return "a date needs a time: write e.g. '2026-12-01T06:00Z'";
    const clock = readClock(r);
    if (typeof clock === 'string') return clock;
    const offset = readZone(r);
    if (typeof offset === 'string') return offset;
    if (offset === undefined) return "it has no zone: add 'Z' (UTC) or an offset such as '+08:00'";
    if (!r.done()) return 'unexpected characters after the zone';
    const midnight = Date.UTC(year, month - 1, day);
    const check = new Date(midnight);
    if (month < 1 || month > 12 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return 'no such date';
    return { kind: 'absolute', epochMs: midnight + clock.ms - offset * 60_000 };
  }
  const clock = readClock(r);
  if (typeof clock === 'string') return `${clock}; write a time as HH:MM, or a date-time such as 2026-12-01T06:00Z, or 'now'`;
  if (clock.ms % 60_000 !== 0) return 'a time of day is HH:MM; for seconds use a full date-time';
  const offset = readZone(r);
  if (typeof offset === 'string') return offset;
  if (!r.done()) return 'unexpected characters after the time';
  return { kind: 'time-of-day', minutes: clock.ms / 60_000, offsetMinutes: offset };
}

/** The instant a spec names, given the moment it is measured from; strict: a time of day must fall after `anchor`. */
export function resolveTime(spec: TimeSpec, anchor: number, now: number, defaultOffsetMinutes: number, strict: boolean): number {
  if (spec.kind === 'now') return now;
  if (spec.kind === 'absolute') return spec.epochMs;
  const offsetMs = (spec.offsetMinutes ?? defaultOffsetMinutes) * 60_000;
  // Midnight of the anchor's local day, then the time of day on it; step a day if it is already past.
  const localMidnight = Math.floor((anchor + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  let candidate = localMidnight + spec.minutes * 60_000;
  while (candidate < anchor || (strict && candidate === anchor)) candidate += DAY_MS;
  return candidate;
}

function readClock(r: Reader): { ms: number } | string {
  const hours = r.digits(2);
  if (hours === undefined || !r.char(':')) return 'not a time';
  const minutes = r.digits(2);
  if (minutes === undefined) return 'not a time';
  let seconds = 0;
  let millis = 0;
  if (r.char(':')) {
    const s = r.digits(2);
    if (s === undefined) return 'seconds need two digits';
    seconds = s;
    if (r.char('.')) {
      const fraction = r.fraction();
      if (fraction === undefined) return 'a fraction of a second needs digits';
      millis = fraction;
    }
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return 'hours run 00-23, minutes and seconds 00-59';
  return { ms: ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis };
}

/** Minutes east of UTC, undefined when no zone is written, or a complaint. */
function readZone(r: Reader): number | undefined | string {
  if (r.char('Z') || r.char('z')) return 0;
  const sign = r.char('+') ? 1 : r.char('-') ? -1 : 0;
  if (sign === 0) return undefined;
  const hours = r.digits(2);
  if (hours === undefined || !r.char(':')) return 'write a zone offset as +08:00';
  const minutes = r.digits(2);
  if (minutes === undefined || hours > 14 || minutes > 59) return 'write a zone offset as +08:00 (at most ±14:00)';
  return sign * (hours * 60 + minutes);
}

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i === this.text.length;
  }

  char(c: string): boolean {
    if (this.text[this.i] === c) {
      this.i++;
      return true;
    }
    return false;
  }

  digits(count: number): number | undefined {
    let value = 0;
    for (let k = 0; k < count; k++) {
      const code = this.text.charCodeAt(this.i + k);
      if (!(code >= 48 && code <= 57)) return undefined;
      value = value * 10 + (code - 48);
    }
    this.i += count;
    return value;
  }

  /** Up to three digits of milliseconds; further digits are read and dropped. */
  fraction(): number | undefined {
    const start = this.i;
    let value = 0;
    while (this.i < this.text.length) {
      const code = this.text.charCodeAt(this.i);
      if (!(code >= 48 && code <= 57)) break;
      if (this.i - start < 3) value = value * 10 + (code - 48);
      this.i++;
    }
    const length = this.i - start;
    if (length === 0) return undefined;
    return length >= 3 ? value : value * 10 ** (3 - length);
  }
}

/** A calendar date `YYYY-MM-DD` as days since the epoch (a local day), or a complaint. */
export function parseDate(text: string): number | string {
  const r = new Reader(text);
  const year = r.digits(4);
  const month = r.char('-') ? r.digits(2) : undefined;
  const day = r.char('-') ? r.digits(2) : undefined;
  if (year === undefined || month === undefined || day === undefined || !r.done()) return 'write a date as YYYY-MM-DD, e.g. 2027-06-30';
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (month < 1 || month > 12 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return 'no such date';
  return midnight / DAY_MS;
}

/** A zone `Z`, `UTC` or `+08:00` as minutes east of UTC, or a complaint. */
export function parseZone(text: string): number | string {
  if (text.toUpperCase() === 'UTC') return 0;
  const r = new Reader(text);
  const offset = readZone(r);
  if (offset === undefined || typeof offset === 'string' || !r.done()) return "write a zone as 'Z' or an offset such as '+08:00'";
  return offset;
}
