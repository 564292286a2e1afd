import type { TimeWindow } from '@milli/core';

/** Who holds one tributary slot of an OTU link, when, and how. */
export interface SlotEntry {
  reservation: string;
  owner: string;
  window: TimeWindow;
  /** `odu`: the slot belongs to one line's ODU; `osu`: the slot is an OSU-carrying ODU0 shared by OSU lines. */
  kind: 'odu' | 'osu';
  /** OSU lines: their bandwidth inside the shared ODU0. */
  kbps: number;
  /** OSU lines in a shared ODU0: their OSU id inside it (absent for an OSU pool that takes whole slots). */
  osuId?: number;
}

/**
 * What all the entries of a slot add up to, as `SlotHolding.standing` hands it out: only for a window that every
 * entry overlaps and holds to its end, so that the total is the peak and the OSU ids in use are all of them.
 */
export interface StandingSlot {
  /** The entries' bandwidth, as a scan adding them in the order they came would total it. */
  kbps: number;
  /** Some entry's bandwidth is negative: the total is then not the peak. */
  negative: boolean;
  /** Entries no OSU can share the slot with: an ODU's, or an OSU pool's without an OSU id. */
  unshared: number;
  /** Some entry carries OSU (the slot is an OSU-carrying ODU0). */
  osu: boolean;
  owners(): Iterable<string>;
  osuIdUsed(id: number): boolean;
  lowestFreeOsuId(): number;
}

/**
 * The entries holding one slot of a link, with counts of them kept up to date on every add and removal. A booking
 * asks the same busy slots of a DC link again and again, each time for an open-ended window starting now, over
 * permanent lines' entries: the counts answer that without visiting the entries, and a removal costs the removed
 * entries only. Entries are kept by reservation (a reservation's entries on a slot come in one go, so the order of
 * the whole is still the order they came in).
 */
export class SlotHolding implements StandingSlot {
  private readonly byReservation = new Map<string, SlotEntry[]>();
  private ordered: SlotEntry[] | undefined = [];
  private count = 0;
  /** Entries with an end, entries with a fractional or negative bandwidth. */
  private ending = 0;
  private fractional = 0;
  private negatives = 0;
  private osuEntries = 0;
  /** The latest start among the entries; undefined after the entry that had it left, until asked again. */
  private latest: number | undefined = Number.NEGATIVE_INFINITY;
  /** The bandwidth total; undefined when a removal could not take its part off exactly (fractions), until asked. */
  private total: number | undefined = 0;
  private readonly osuIds = new Map<number, number>();
  private readonly ownerCounts = new Map<string, number>();
  private lowestFree: number | undefined = 1;
  unshared = 0;

  get size(): number {
    return this.count;
  }

  /** Every entry, in the order they came. */
  get entries(): readonly SlotEntry[] {
    this.ordered ??= [...this.byReservation.values()].flat();
    return this.ordered;
  }

  get negative(): boolean {
    return this.negatives > 0;
  }

  get osu(): boolean {
    return this.osuEntries > 0;
  }

  get kbps(): number {
    if (this.total === undefined) {
      let total = 0;
      for (const e of this.entries) total += e.kbps;
      this.total = total;
    }
    return this.total;
  }

  owners(): Iterable<string> {
    return this.ownerCounts.keys();
  }

  osuIdUsed(id: number): boolean {
    return this.osuIds.has(id);
  }

  lowestFreeOsuId(): number {
    if (this.lowestFree === undefined) {
      let id = 1;
      while (this.osuIds.has(id)) id++;
      this.lowestFree = id;
    }
    return this.lowestFree;
  }

  add(entry: SlotEntry): void {
    const mine = this.byReservation.get(entry.reservation);
    if (mine === undefined) this.byReservation.set(entry.reservation, [entry]);
    else mine.push(entry);
    this.ordered?.push(entry);
    this.count++;
    if (entry.window.end !== null) this.ending++;
    if (!Number.isInteger(entry.kbps)) this.fractional++;
    if (entry.kbps < 0) this.negatives++;
    if (entry.kind === 'osu') this.osuEntries++;
    if (entry.kind !== 'osu' || entry.osuId === undefined) this.unshared++;
    if (this.latest !== undefined && entry.window.start > this.latest) this.latest = entry.window.start;
    if (this.total !== undefined) this.total += entry.kbps;
    if (entry.osuId !== undefined) {
      bump(this.osuIds, entry.osuId, 1);
      if (entry.osuId === this.lowestFree) this.lowestFree = undefined;
    }
    bump(this.ownerCounts, entry.owner, 1);
  }

  /** Drops the reservation's entries; true when it had some here. */
  remove(reservation: string): boolean {
    const gone = this.byReservation.get(reservation);
    if (gone === undefined) return false;
    this.byReservation.delete(reservation);
    this.ordered = undefined;
    // A whole-number total loses whole numbers exactly; with fractions about, only a fresh sum in order is the same.
    if (this.fractional > 0) this.total = undefined;
    for (const entry of gone) {
      this.count--;
      if (entry.window.end !== null) this.ending--;
      if (!Number.isInteger(entry.kbps)) this.fractional--;
      if (entry.kbps < 0) this.negatives--;
      if (entry.kind === 'osu') this.osuEntries--;
      if (entry.kind !== 'osu' || entry.osuId === undefined) this.unshared--;
      if (entry.window.start === this.latest) this.latest = undefined;
      if (this.total !== undefined) this.total -= entry.kbps;
      if (entry.osuId !== undefined && bump(this.osuIds, entry.osuId, -1) === 0 && this.lowestFree !== undefined) {
        this.lowestFree = Math.min(this.lowestFree, entry.osuId);
      }
      bump(this.ownerCounts, entry.owner, -1);
    }
    return true;
  }

  /**
   * This slot's totals when there are entries, all open-ended, and all started before `window` ends: each then
   * overlaps the window and holds to its end. Undefined otherwise, and the caller looks at the entries themselves.
   */
  standing(window: TimeWindow): StandingSlot | undefined {
    if (this.count === 0 || this.ending > 0) return undefined;
    if (window.end !== null && window.end <= this.latestStart()) return undefined;
    return this;
  }

  private latestStart(): number {
    if (this.latest === undefined) {
      let latest = Number.NEGATIVE_INFINITY;
      for (const e of this.entries) if (e.window.start > latest) latest = e.window.start;
      this.latest = latest;
    }
    return this.latest;
  }
}

/** Adds `by` to the key's count, dropping the key at zero; the new count. */
function bump<K>(counts: Map<K, number>, key: K, by: number): number {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
  return n;
}
