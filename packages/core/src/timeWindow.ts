import { MilliError } from './MilliError';

/** A half-open time window in epoch milliseconds; `end: null` means open-ended (a permanent line). */
export interface TimeWindow {
  start: number;
  end: number | null;
}

/** Windows are half-open [start, end) in epoch ms; `end: null` is open-ended. */

export function validateWindow(window: TimeWindow, where: string): void {
  const { start, end } = window;
  if (!Number.isFinite(start) || (end !== null && (!Number.isFinite(end) || end <= start))) {
    throw new MilliError('RESOURCE_INVALID', `${where}: time window must have a finite start and an end after it (or null)`, {
      where,
      window,
    });
  }
}

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  const aEndsAfterBStarts = a.end === null || a.end > b.start;
  const bEndsAfterAStarts = b.end === null || b.end > a.start;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/** True when `outer` covers every instant of `inner`. */
export function covers(outer: TimeWindow, inner: TimeWindow): boolean {
  if (outer.start > inner.start) return false;
  if (outer.end === null) return true;
  return inner.end !== null && inner.end <= outer.end;
}
