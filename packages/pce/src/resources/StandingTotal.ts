import type { TimeWindow } from '@milli/core';
import { peakUsage, type TimedAmount } from './window';

/**
 * Counts kept over a set of timed amounts, up to date on every add and removal, that answer the usual question
 * about them without visiting them: the peak over a window from now on when every amount is a permanent booking
 * (open-ended, none negative, all started before the window ends). Each then overlaps the window and holds to its
 * end, so the peak is their total. A cut's hundreds of bookings ask this of a DC link's entries again and again,
 * each for a window starting at its own now.
 */
export class StandingTotal {
  private count = 0;
  private ending = 0;
  private fractional = 0;
  private negatives = 0;
  /** The latest start; undefined after the amount that had it left, until asked again. */
  private latest: number | undefined = Number.NEGATIVE_INFINITY;
  /** The sum in the order the amounts came; undefined when a removal could not take its part off exactly. */
  private sum: number | undefined = 0;

  /** `all` lists the amounts in the order they came (read only to rebuild what a removal invalidated). */
  constructor(private readonly all: () => Iterable<TimedAmount>) {}

  add(window: TimeWindow, amount: number): void {
    this.count++;
    if (window.end !== null) this.ending++;
    if (!Number.isInteger(amount)) this.fractional++;
    if (amount < 0) this.negatives++;
    if (this.latest !== undefined && window.start > this.latest) this.latest = window.start;
    if (this.sum !== undefined) this.sum += amount;
  }

  remove(window: TimeWindow, amount: number): void {
    // Whole numbers come off a whole-number sum exactly; with fractions about, only a fresh sum in order is the same.
    if (this.fractional > 0) this.sum = undefined;
    else if (this.sum !== undefined) this.sum -= amount;
    this.count--;
    if (window.end !== null) this.ending--;
    if (!Number.isInteger(amount)) this.fractional--;
    if (amount < 0) this.negatives--;
    if (window.start === this.latest) this.latest = undefined;
  }

  /** Every amount overlaps `window` and holds to its end (some amount there, all open-ended, started before it ends). */
  allHoldThrough(window: TimeWindow): boolean {
    return this.count > 0 && this.ending === 0 && (window.end === null || window.end > this.latestStart());
  }

  /**
   * The peak over `window` exactly as `peakUsage` would find it, or undefined when the counts cannot tell (some
   * amount ends or is negative, or starts after the window ends; or fractions that peakUsage would add up in
   * another order than they came).
   */
  peak(window: TimeWindow): number | undefined {
    if (this.count === 0) return 0;
    if (this.negatives > 0 || !this.allHoldThrough(window)) return undefined;
    // Amounts starting inside the window are summed by peakUsage's sweep in time order: the same total only when
    // the sum is exact (whole numbers).
    if (this.fractional > 0 && this.latestStart() > window.start) return undefined;
    if (this.sum === undefined) {
      let sum = 0;
      for (const e of this.all()) sum += e.amount;
      this.sum = sum;
    }
    return this.sum;
  }

  private latestStart(): number {
    if (this.latest === undefined) {
      let latest = Number.NEGATIVE_INFINITY;
      for (const e of this.all()) if (e.window.start > latest) latest = e.window.start;
      this.latest = latest;
    }
    return this.latest;
  }
}

/** Timed amounts of reservations, in the order they came, with their standing total. */
export class TimedAmounts<E extends TimedAmount & { reservation: string }> {
  private list: E[] = [];
  private readonly total = new StandingTotal(() => this.list);

  get entries(): readonly E[] {
    return this.list;
  }

  add(entry: E): void {
    this.list.push(entry);
    this.total.add(entry.window, entry.amount);
  }

  /** Drops the reservation's amounts; true when none are left. */
  remove(reservation: string): boolean {
    const kept: E[] = [];
    for (const e of this.list) {
      if (e.reservation === reservation) this.total.remove(e.window, e.amount);
      else kept.push(e);
    }
    this.list = kept;
    return kept.length === 0;
  }

  /** The peak over the window, as `peakUsage` finds it (from the counts when they tell). */
  peak(window: TimeWindow): number {
    return this.total.peak(window) ?? peakUsage(this.list, window);
  }
}
