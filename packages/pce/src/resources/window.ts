import { overlaps, type TimeWindow } from '@milli/core';

export interface TimedAmount {
  window: TimeWindow;
  amount: number;
}

/**
 * The highest total of concurrent amounts at any instant inside `window`: a sweep over the starts and ends
 * of the entries that overlap it. Additive resources (slots, OSU bandwidth) are free when peak + demand fits.
 */
export function peakUsage(entries: Iterable<TimedAmount>, window: TimeWindow): number {
  // Usually every entry overlapping the window holds at its first instant (bookings from the past on): the total is
  // then the peak, found without sorting (asked for every DC link and slot a path search weighs, on every booking).
  let total = 0;
  let allAtStart = true;
  for (const e of entries) {
    if (!overlaps(e.window, window)) continue;
    total += e.amount;
    if (e.amount < 0 || e.window.start > window.start || (e.window.end !== null && e.window.end <= window.start)) allAtStart = false;
  }
  if (allAtStart) return total;
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
