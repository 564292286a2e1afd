import type { TimeWindow } from '@milli/core';

/**
 * When a scheduled connection is up: on the chosen local days, from a local time of day for a duration (which
 * may cross midnight), in a fixed UTC offset, from `firstStart` on and before `until`. A one-shot window is a
 * recurrence with `count: 1`. Plain data, so the controller's scheduler can keep it and ask for occurrences.
 */
export interface Recurrence {
  /** ISO weekdays (1 = Monday … 7 = Sunday) an occurrence may start on, in local time; all seven for every day. */
  weekdays: number[];
  /** Local minutes after midnight at which each occurrence starts. */
  startMinute: number;
  /** Minutes each occurrence lasts (1 to 1440); past midnight it ends on the next day. */
  durationMinutes: number;
  /** The zone, minutes east of UTC. */
  offsetMinutes: number;
  /** Epoch ms: no occurrence starts before this. */
  firstStart: number;
  /** Epoch ms: no occurrence starts at or after this; null when it never ends. */
  until: number | null;
  /** At most this many occurrences (1 for a one-shot window); absent for a recurrence. */
  count?: number;
}

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The weekday of a local day (days since the epoch, local): 1970-01-01 was a Thursday. */
export function isoWeekday(localDay: number): number {
  return ((((localDay + 3) % 7) + 7) % 7) + 1;
}

/** The local day (days since the epoch) an instant falls on. */
export function localDayOf(epochMs: number, offsetMinutes: number): number {
  return Math.floor((epochMs + offsetMinutes * MINUTE_MS) / DAY_MS);
}

/** Epoch ms of a local day's midnight. */
export function localMidnight(localDay: number, offsetMinutes: number): number {
  return localDay * DAY_MS - offsetMinutes * MINUTE_MS;
}

/**
 * The occurrences of `recurrence` that overlap `[from, to)`, in order. Occurrences are counted from `firstStart`,
 * so a `count` holds whatever range is asked for.
 */
export function occurrencesBetween(recurrence: Recurrence, from: number, to: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  if (!(to > from) || recurrence.weekdays.length === 0) return out;
  const durationMs = recurrence.durationMinutes * MINUTE_MS;
  const allowed = new Set(recurrence.weekdays);
  // Counted recurrences are walked from their first day; others from the first day that can still reach `from`.
  const counted = recurrence.count !== undefined;
  const walkFrom = counted ? recurrence.firstStart : Math.max(recurrence.firstStart, from - durationMs);
  let seen = 0;
  for (let day = localDayOf(walkFrom, recurrence.offsetMinutes) - 1; ; day++) {
    const start = localMidnight(day, recurrence.offsetMinutes) + recurrence.startMinute * MINUTE_MS;
    if (start >= to) break;
    if (recurrence.until !== null && start >= recurrence.until) break;
    if (start < recurrence.firstStart || !allowed.has(isoWeekday(day))) continue;
    if (counted && seen >= recurrence.count!) break;
    seen++;
    const end = start + durationMs;
    if (end > from) out.push({ start, end });
  }
  return out;
}
