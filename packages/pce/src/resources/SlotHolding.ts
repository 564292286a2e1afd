import type { TimeWindow } from '@milli/core';
import { StandingTotal } from './StandingTotal';

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
 * The entries holding one slot of a link, with counts of them kept up to date on every add and removal. A booking
 * asks the same busy slots of a DC link again and again, each time for an open-ended window starting now, over
 * permanent lines' entries: the counts answer that without visiting the entries, and a removal costs the removed
 * entries only. Entries are kept by reservation (a reservation's entries on a slot come in one go, so the order of
 * the whole is still the order they came in).
 */
export class SlotHolding {
  private readonly byReservation = new Map<string, SlotEntry[]>();
  private ordered: SlotEntry[] | undefined = [];
  private readonly kbps = new StandingTotal(() => this.entries.map((e) => ({ window: e.window, amount: e.kbps })));
  private count = 0;
  private osuEntries = 0;
  private readonly osuIds = new Map<number, number>();
  private readonly ownerCounts = new Map<string, number>();
  private lowestFree: number | undefined = 1;
  /** Entries no OSU can share the slot with: an ODU's, or an OSU pool's without an OSU id. */
  unshared = 0;

  get size(): number {
    return this.count;
  }

  /** Every entry, in the order they came. */
  get entries(): readonly SlotEntry[] {
    this.ordered ??= [...this.byReservation.values()].flat();
    return this.ordered;
  }

  /** Some entry carries OSU (the slot is an OSU-carrying ODU0). */
  get osu(): boolean {
    return this.osuEntries > 0;
  }

  /** Every entry overlaps `window` and holds to its end: the counts below are then those of the window. */
  holdsThrough(window: TimeWindow): boolean {
    return this.kbps.allHoldThrough(window);
  }

  /** The peak OSU bandwidth over the window as peakUsage finds it, when the counts tell (see StandingTotal.peak). */
  peakKbps(window: TimeWindow): number | undefined {
    return this.kbps.peak(window);
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
    this.kbps.add(entry.window, entry.kbps);
    if (entry.kind === 'osu') this.osuEntries++;
    if (entry.kind !== 'osu' || entry.osuId === undefined) this.unshared++;
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
    for (const entry of gone) {
      this.count--;
      this.kbps.remove(entry.window, entry.kbps);
      if (entry.kind === 'osu') this.osuEntries--;
      if (entry.kind !== 'osu' || entry.osuId === undefined) this.unshared--;
      if (entry.osuId !== undefined && bump(this.osuIds, entry.osuId, -1) === 0 && this.lowestFree !== undefined) {
        this.lowestFree = Math.min(this.lowestFree, entry.osuId);
      }
      bump(this.ownerCounts, entry.owner, -1);
    }
    return true;
  }
}

/** Adds `by` to the key's count, dropping the key at zero; the new count. */
function bump<K>(counts: Map<K, number>, key: K, by: number): number {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
  return n;
}
