import { overlaps, type TimeWindow } from '@milli/core';
import { SLOT_KBPS } from './items';
import { peakUsage } from './window';

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

export interface OsuPlacement {
  slot: number;
  osuId: number;
}

/**
 * Numbered tributary slots per OTU link, over time. An ODU takes whole slots, lowest free first; an OSU line of at
 * most one slot's rate (1.25 Gbit/s) goes into an OSU-carrying ODU0 that already holds OSUs in the window and has
 * room (the lowest such slot), else into a fresh ODU0 on the lowest free slot, and takes the lowest OSU id free
 * there. A slot is free in a window when nothing that overlaps the window holds it.
 */
export class SlotBook {
  private readonly byLink = new Map<string, Map<number, SlotEntry[]>>();

  /**
   * The `count` lowest slots free throughout `window`; with `wanted`, those (all must be free) and, when fewer than
   * `count`, the lowest free others besides (how an ODUflex grows and keeps its slots). Undefined when short.
   */
  freeSlots(link: string, capacity: number, window: TimeWindow, count: number, wanted?: readonly number[]): number[] | undefined {
    if (wanted !== undefined) {
      const free = (s: number) => Number.isInteger(s) && s >= 1 && s <= capacity && this.slotFree(link, s, window);
      if (wanted.length > count || new Set(wanted).size !== wanted.length || !wanted.every(free)) return undefined;
      const found = [...wanted];
      for (let s = 1; s <= capacity && found.length < count; s++) if (!found.includes(s) && free(s)) found.push(s);
      return found.length === count ? found.sort((a, b) => a - b) : undefined;
    }
    const found: number[] = [];
    for (let s = 1; s <= capacity && found.length < count; s++) if (this.slotFree(link, s, window)) found.push(s);
    return found.length === count ? found : undefined;
  }

  /** Where an OSU line of `kbps` (≤ one slot) goes: an ODU0 with room first, else a fresh one; undefined when full. */
  placeOsu(link: string, capacity: number, window: TimeWindow, kbps: number, wanted?: OsuPlacement): OsuPlacement | undefined {
    const fits = (slot: number): number | undefined => {
      // One pass over the slot's entries without copying them: a busy DC link's first slots are full, and each
      // booking of a cut's hundreds asks them all again. The total is the peak when every entry holds at the
      // window's start (peakUsage's common case); otherwise peakUsage sweeps.
      const list = this.byLink.get(link)?.get(slot) ?? [];
      let total = 0;
      let allAtStart = true;
      for (const e of list) {
        if (!overlaps(e.window, window)) continue;
        if (e.kind !== 'osu' || e.osuId === undefined) return undefined;
        total += e.kbps;
        if (e.kbps < 0 || e.window.start > window.start || (e.window.end !== null && e.window.end <= window.start)) allAtStart = false;
      }
      const peak = allAtStart
        ? total
        : peakUsage(
            this.holders(link, slot, window).map((e) => ({ window: e.window, amount: e.kbps })),
            window,
          );
      if (peak + kbps > SLOT_KBPS) return undefined;
      const used = new Set<number | undefined>();
      for (const e of list) if (overlaps(e.window, window)) used.add(e.osuId);
      if (wanted !== undefined) return used.has(wanted.osuId) ? undefined : wanted.osuId;
      let id = 1;
      while (used.has(id)) id++;
      return id;
    };
    if (wanted !== undefined) {
      if (wanted.slot < 1 || wanted.slot > capacity) return undefined;
      const osuId = fits(wanted.slot);
      return osuId === undefined ? undefined : { slot: wanted.slot, osuId };
    }
    for (const slot of this.slotsHeld(link)) {
      if (slot > capacity || this.slotFree(link, slot, window)) continue;
      const osuId = fits(slot);
      if (osuId !== undefined) return { slot, osuId };
    }
    for (let slot = 1; slot <= capacity; slot++) if (this.slotFree(link, slot, window)) return { slot, osuId: 1 };
    return undefined;
  }

  add(link: string, slot: number, entry: SlotEntry): void {
    let slots = this.byLink.get(link);
    if (slots === undefined) {
      slots = new Map();
      this.byLink.set(link, slots);
    }
    const list = slots.get(slot);
    if (list === undefined) slots.set(slot, [entry]);
    else list.push(entry);
  }

  /** Drops every entry of a reservation on a link. */
  remove(link: string, reservation: string): void {
    const slots = this.byLink.get(link);
    if (slots === undefined) return;
    for (const [slot, list] of slots) {
      if (!list.some((e) => e.reservation === reservation)) continue;
      const kept = list.filter((e) => e.reservation !== reservation);
      if (kept.length === 0) slots.delete(slot);
      else slots.set(slot, kept);
    }
    if (slots.size === 0) this.byLink.delete(link);
  }

  /**
   * Slots holding OSUs at some time inside the window (each is one ODU0 on the devices). Asked for every DC link a
   * path search weighs, after every booking: counted in place, without copying or sorting the link's entries.
   */
  osuSlotsIn(link: string, window: TimeWindow): number {
    let n = 0;
    for (const list of this.byLink.get(link)?.values() ?? []) if (list.some((e) => e.kind === 'osu' && overlaps(e.window, window))) n++;
    return n;
  }

  /** Owners holding any slot of the link, in the window or (without one) at any time. */
  owners(link: string, window?: TimeWindow): string[] {
    const out = new Set<string>();
    for (const list of this.byLink.get(link)?.values() ?? []) {
      for (const e of list) if (window === undefined || overlaps(e.window, window)) out.add(e.owner);
    }
    return [...out].sort();
  }

  /** Entries of the slot whose window overlaps `window`. */
  holders(link: string, slot: number, window: TimeWindow): SlotEntry[] {
    return (this.byLink.get(link)?.get(slot) ?? []).filter((e) => overlaps(e.window, window));
  }

  private slotFree(link: string, slot: number, window: TimeWindow): boolean {
    return !(this.byLink.get(link)?.get(slot) ?? []).some((e) => overlaps(e.window, window));
  }

  private slotsHeld(link: string): number[] {
    return [...(this.byLink.get(link)?.keys() ?? [])].sort((a, b) => a - b);
  }
}
