import { MilliError } from '@milli/core';
import type { TimeWindow } from '@milli/intent';

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

export interface TimedAmount {
  window: TimeWindow;
  amount: number;
}

/**
 * The highest total of concurrent amounts at any instant inside `window`: a sweep over the starts and ends
 * of the entries that overlap it. Additive resources (slots, OSU bandwidth) are free when peak + demand fits.
 */
export function peakUsage(entries: Iterable<TimedAmount>, window: TimeWindow): number {
  const events: [number, number][] = [];
  for (const e of entries) {
    if (!overlaps(e.window, window)) continue;
    events.push([Math.max(e.window.start, window.start), e.amount]);
    if (e.window.end !== null && (window.end === null || e.window.end < window.end)) events.push([e.window.end, -e.amount]);
  }
  // Ends sort before starts at the same instant: half-open windows that touch do not overlap.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    if (current > peak) peak = current;
  }
  return peak;
}
