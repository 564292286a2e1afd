import { overlaps, type TimeWindow } from '@milli/core';
import { SLOT_KBPS } from './items';
import { type SlotEntry, SlotHolding } from './SlotHolding';
import { peakUsage } from './window';

export type { SlotEntry } from './SlotHolding';

export interface OsuPlacement {
  slot: number;
  osuId: number;
}

/** One link's held slots, the same slots in ascending order (built when asked after a change), and where each reservation sits. */
interface LinkSlots {
  bySlot: Map<number, SlotHolding>;
  ascending: number[] | undefined;
  slotsOf: Map<string, Set<number>>;
}

/**
 * Numbered tributary slots per OTU link, over time. An ODU takes whole slots, lowest free first; an OSU line of at
 * most one slot's rate (1.25 Gbit/s) goes into an OSU-carrying ODU0 that already holds OSUs in the window and has
 * room (the lowest such slot), else into a fresh ODU0 on the lowest free slot, and takes the lowest OSU id free
 * there. A slot is free in a window when nothing that overlaps the window holds it.
 *
 * A cut's hundreds of bookings ask a DC link's busy slots again and again, each for a window from now on: every
 * slot keeps counts of its entries (SlotHolding) that answer such a window without visiting them; windows they
 * cannot answer (some entry ends, or starts after the window ends) are answered from the entries as before.
 */
export class SlotBook {
  private readonly byLink = new Map<string, LinkSlots>();

  /**
   * The `count` lowest slots free throughout `window`; with `wanted`, those (all must be free) and, when fewer than
   * `count`, the lowest free others besides (how an ODUflex grows and keeps its slots). Undefined when short.
   */
  freeSlots(link: string, capacity: number, window: TimeWindow, count: number, wanted?: readonly number[]): number[] | undefined {
    const slots = this.byLink.get(link)?.bySlot;
    if (wanted !== undefined) {
      const free = (s: number) => Number.isInteger(s) && s >= 1 && s <= capacity && slotFree(slots?.get(s), window);
      if (wanted.length > count || new Set(wanted).size !== wanted.length || !wanted.every(free)) return undefined;
      const found = [...wanted];
      for (let s = 1; s <= capacity && found.length < count; s++) if (!found.includes(s) && free(s)) found.push(s);
      return found.length === count ? found.sort((a, b) => a - b) : undefined;
    }
    const found: number[] = [];
    for (let s = 1; s <= capacity && found.length < count; s++) if (slotFree(slots?.get(s), window)) found.push(s);
    return found.length === count ? found : undefined;
  }

  /** Where an OSU line of `kbps` (≤ one slot) goes: an ODU0 with room first, else a fresh one; undefined when full. */
  placeOsu(link: string, capacity: number, window: TimeWindow, kbps: number, wanted?: OsuPlacement): OsuPlacement | undefined {
    const held = this.byLink.get(link);
    if (wanted !== undefined) {
      if (wanted.slot < 1 || wanted.slot > capacity) return undefined;
      const osuId = osuIdFitting(held?.bySlot.get(wanted.slot), window, kbps, wanted.osuId);
      return osuId === undefined ? undefined : { slot: wanted.slot, osuId };
    }
    if (held !== undefined) {
      for (const slot of ascending(held)) {
        if (slot > capacity) break;
        const holding = held.bySlot.get(slot);
        if (slotFree(holding, window)) continue;
        const osuId = osuIdFitting(holding, window, kbps);
        if (osuId !== undefined) return { slot, osuId };
      }
    }
    for (let slot = 1; slot <= capacity; slot++) if (slotFree(held?.bySlot.get(slot), window)) return { slot, osuId: 1 };
    return undefined;
  }

  add(link: string, slot: number, entry: SlotEntry): void {
    let held = this.byLink.get(link);
    if (held === undefined) {
      held = { bySlot: new Map(), ascending: undefined, slotsOf: new Map() };
      this.byLink.set(link, held);
    }
    let holding = held.bySlot.get(slot);
    if (holding === undefined) {
      holding = new SlotHolding();
      held.bySlot.set(slot, holding);
      held.ascending = undefined;
    }
    holding.add(entry);
    const slots = held.slotsOf.get(entry.reservation);
    if (slots === undefined) held.slotsOf.set(entry.reservation, new Set([slot]));
    else slots.add(slot);
  }

  /** Drops every entry of a reservation on a link. */
  remove(link: string, reservation: string): void {
    const held = this.byLink.get(link);
    const slots = held?.slotsOf.get(reservation);
    if (held === undefined || slots === undefined) return;
    for (const slot of slots) {
      const holding = held.bySlot.get(slot);
      if (holding === undefined || !holding.remove(reservation) || holding.size > 0) continue;
      held.bySlot.delete(slot);
      held.ascending = undefined;
    }
    held.slotsOf.delete(reservation);
    if (held.bySlot.size === 0) this.byLink.delete(link);
  }

  /**
   * Slots holding OSUs at some time inside the window (each is one ODU0 on the devices). Asked for every DC link a
   * path search weighs, after every booking: counted from each slot's summary where it answers.
   */
  osuSlotsIn(link: string, window: TimeWindow): number {
    let n = 0;
    for (const holding of this.byLink.get(link)?.bySlot.values() ?? []) {
      if (holding.holdsThrough(window) ? holding.osu : holding.entries.some((e) => e.kind === 'osu' && overlaps(e.window, window))) n++;
    }
    return n;
  }

  /** Owners holding any slot of the link, in the window or (without one) at any time. */
  owners(link: string, window?: TimeWindow): string[] {
    const out = new Set<string>();
    for (const holding of this.byLink.get(link)?.bySlot.values() ?? []) {
      if (window === undefined || holding.holdsThrough(window)) for (const owner of holding.owners()) out.add(owner);
      else for (const e of holding.entries) if (overlaps(e.window, window)) out.add(e.owner);
    }
    return [...out].sort();
  }

  /** Entries of the slot whose window overlaps `window`. */
  holders(link: string, slot: number, window: TimeWindow): SlotEntry[] {
    return holdersOf(this.byLink.get(link)?.bySlot.get(slot), window);
  }
}

function ascending(held: LinkSlots): number[] {
  held.ascending ??= [...held.bySlot.keys()].sort((a, b) => a - b);
  return held.ascending;
}

function holdersOf(holding: SlotHolding | undefined, window: TimeWindow): SlotEntry[] {
  return (holding?.entries ?? []).filter((e) => overlaps(e.window, window));
}

function slotFree(holding: SlotHolding | undefined, window: TimeWindow): boolean {
  if (holding === undefined) return true;
  return !holding.holdsThrough(window) && !holding.entries.some((e) => overlaps(e.window, window));
}

/**
 * The OSU id an OSU line of `kbps` would take in the slot throughout the window (`wanted`, or the lowest free), or
 * undefined when the slot holds an ODU, lacks room at some instant, or has `wanted` taken.
 */
function osuIdFitting(holding: SlotHolding | undefined, window: TimeWindow, kbps: number, wanted?: number): number | undefined {
  if (holding?.holdsThrough(window)) {
    // Every entry overlaps the window: its counts are the window's.
    if (holding.unshared > 0) return undefined;
    const peak = holding.peakKbps(window);
    if (peak !== undefined) {
      if (peak + kbps > SLOT_KBPS) return undefined;
      if (wanted !== undefined) return holding.osuIdUsed(wanted) ? undefined : wanted;
      return holding.lowestFreeOsuId();
    }
  }
  // Entries that end or start inside the window: the total at its first instant is the peak only when all of them
  // hold then (peakUsage's common case); otherwise peakUsage sweeps.
  const list = holding?.entries ?? [];
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
        holdersOf(holding, window).map((e) => ({ window: e.window, amount: e.kbps })),
        window,
      );
  if (peak + kbps > SLOT_KBPS) return undefined;
  const used = new Set<number | undefined>();
  for (const e of list) if (overlaps(e.window, window)) used.add(e.osuId);
  if (wanted !== undefined) return used.has(wanted) ? undefined : wanted;
  let id = 1;
  while (used.has(id)) id++;
  return id;
}
