import { MilliError } from '@milli/core';
import type { TimeWindow } from '@milli/core';
import { type ChannelMask, MAX_CHANNELS } from './channelMask';
import { type LinkUsage, type OtuLinkRecord, type OtuLinkSpec, osuSlots, type Reservation, type ReservationItem, SLOT_KBPS } from './items';
import type { ResourceBook, ResourceView } from './ResourceView';
import { covers, overlaps, validateWindow } from '@milli/core';
import { ChannelBook, type Entry } from './ChannelBook';
import { SlotBook } from './SlotBook';
import { TimedAmounts } from './StandingTotal';

export interface LedgerCapacity {
  /** Channels per optical span (96 on the C-band 50 GHz grid). */
  channels: number;
  /** Tributary slots of a fixed OTU link (a grey fibre between OTN ports), undefined when the id is no such link. */
  linkSlots(link: string): number | undefined;
}

/**
 * The in-memory, time-aware ledger of what is in use: channels per optical span, line ports, tributary slots
 * and OSU bandwidth per OTU link, and the OTU links that grooming created. Every entry has an owner (intent id)
 * and a window; queries answer "free throughout window W". `reserve` is all-or-nothing and never double-books.
 */
export class ResourceLedger implements ResourceView, ResourceBook {
  readonly channels: number;
  private readonly capacity: LedgerCapacity;
  private readonly reservationsById = new Map<string, Reservation>();
  /** The same reservations per owner, in the order they were made: a cut's bookings ask an owner's again and again. */
  private readonly byOwner = new Map<string, Map<string, Reservation>>();
  private readonly spans: ChannelBook;
  /** Slots and OSU bandwidth per link (`slots:` / `osu:` + link id), with their standing totals. */
  private readonly additive = new Map<string, TimedAmounts<Entry>>();
  private readonly ports = new Map<string, Entry[]>();
  private readonly links = new Map<string, OtuLinkRecord>();
  /** `links` by id, kept until a link comes or goes: every path search and every booked hop lists them. */
  private linksById: OtuLinkRecord[] | undefined;
  /**
   * `linkUsage` per link for the window last asked: a path search asks about the same links again and again, and
   * on a DC's links, where every line's slots and OSU entries sit, each answer sweeps them all. Dropped whenever
   * the link's entries change.
   */
  private readonly usageMemo = new Map<string, { key: string; usage: LinkUsage }>();
  private readonly slotBook = new SlotBook();
  private sequence = 0;

  constructor(capacity: LedgerCapacity) {
    if (!Number.isInteger(capacity.channels) || capacity.channels < 1 || capacity.channels > MAX_CHANNELS) {
      throw new MilliError('RESOURCE_INVALID', `channels per span must be 1..${MAX_CHANNELS}`, { channels: capacity.channels });
    }
    this.channels = capacity.channels;
    this.spans = new ChannelBook(capacity.channels);
    this.capacity = capacity;
  }

  freeChannels(fibre: string, window: TimeWindow): ChannelMask {
    return this.spans.free(fibre, window);
  }

  linkUsage(link: string, window: TimeWindow): LinkUsage {
    const key = `${window.start}:${window.end}`;
    const memo = this.usageMemo.get(link);
    if (memo !== undefined && memo.key === key) return { ...memo.usage };
    const usage = this.usageNow(link, window);
    this.usageMemo.set(link, { key, usage });
    return { ...usage };
  }

  private usageNow(link: string, window: TimeWindow): LinkUsage {
    const osuKbpsUsed = this.additive.get(`osu:${link}`)?.peak(window) ?? 0;
    // OSU lines fill ODU0s first fit: when they need more ODU0s than their bandwidth in whole slots, the
    // difference is slots no one else can use, so it counts as used.
    const fragmentation = Math.max(0, this.slotBook.osuSlotsIn(link, window) - osuSlots(osuKbpsUsed));
    return { slotsUsed: (this.additive.get(`slots:${link}`)?.peak(window) ?? 0) + fragmentation, osuKbpsUsed };
  }

  /** The first of `candidates` (in the order given) free throughout the window: how add/drop and client ports are numbered. */
  freePort(device: string, candidates: readonly string[], window: TimeWindow): string | undefined {
    return candidates.find((port) => this.portFree(device, port, window));
  }

  /** Owners whose reservations take slots or OSU bandwidth on a link, in the window or (without one) at any time. */
  linkOwners(link: string, window?: TimeWindow): string[] {
    return this.slotBook.owners(link, window);
  }

  linkCapacity(link: string, window: TimeWindow): number | undefined {
    const record = this.links.get(link);
    if (record !== undefined) return covers(record.window, window) ? record.link.slots : undefined;
    return this.capacity.linkSlots(link);
  }

  portFree(device: string, port: string, window: TimeWindow): boolean {
    return !(this.ports.get(`${device}/${port}`) ?? []).some((e) => overlaps(e.window, window));
  }

  otuLinks(window: TimeWindow): OtuLinkRecord[] {
    this.linksById ??= [...this.links.values()].sort((x, y) => (x.link.id < y.link.id ? -1 : 1));
    return this.linksById.filter((r) => covers(r.window, window));
  }

  /** The groomed OTU link `id` when it exists throughout the window (what `otuLinks(window)` lists under that id). */
  otuLink(id: string, window: TimeWindow): OtuLinkRecord | undefined {
    const record = this.links.get(id);
    return record !== undefined && covers(record.window, window) ? record : undefined;
  }

  reserve(owner: string, window: TimeWindow, items: ReservationItem[]): Reservation {
    validateWindow(window, `reservation for '${owner}'`);
    if (typeof owner !== 'string' || owner.length === 0) {
      throw new MilliError('RESOURCE_INVALID', 'a reservation needs an owner (the intent id)', { owner });
    }
    const newLinks = new Map<string, OtuLinkSpec>();
    items.forEach((item, index) => {
      if (item.kind === 'otu-link') newLinks.set(item.link.id, item.link);
      this.checkItem(item, index, owner);
    });
    this.checkConflicts(owner, window, items, newLinks);
    const reservation: Reservation = {
      id: `res-${this.sequence + 1}`,
      owner,
      window: { ...window },
      items: items.map((i) => structuredClone(i)),
    };
    this.number(reservation, newLinks);
    this.sequence++;
    for (const item of reservation.items) this.apply(reservation, item);
    this.reservationsById.set(reservation.id, reservation);
    const mine = this.byOwner.get(owner);
    if (mine === undefined) this.byOwner.set(owner, new Map([[reservation.id, reservation]]));
    else mine.set(reservation.id, reservation);
    return reservation;
  }

  release(id: string): Reservation {
    const reservation = this.reservationsById.get(id);
    if (reservation === undefined) throw new MilliError('RESOURCE_NOT_FOUND', `no reservation '${id}'`, { reservation: id });
    for (const item of reservation.items) {
      if (item.kind !== 'otu-link') continue;
      const users = [
        ...(this.additive.get(`slots:${item.link.id}`)?.entries ?? []),
        ...(this.additive.get(`osu:${item.link.id}`)?.entries ?? []),
      ].filter((e) => e.reservation !== id);
      if (users.length > 0) {
        throw new MilliError('RESOURCE_IN_USE', `OTU link '${item.link.id}' still carries other reservations`, {
          reservation: id,
          link: item.link.id,
          usedBy: [...new Set(users.map((u) => u.owner))].sort(),
        });
      }
    }
    for (const item of reservation.items) this.unapply(reservation, item);
    for (const item of reservation.items) {
      if (item.kind !== 'slots' && item.kind !== 'osu') continue;
      this.slotBook.remove(item.link, id);
      this.usageMemo.delete(item.link);
    }
    this.reservationsById.delete(id);
    const mine = this.byOwner.get(reservation.owner);
    mine?.delete(id);
    if (mine?.size === 0) this.byOwner.delete(reservation.owner);
    return reservation;
  }

  /** Releases every reservation of an owner, newest first (so links it created go after the traffic on them). */
  releaseOwner(owner: string): Reservation[] {
    const mine = this.reservations(owner).reverse();
    return mine.map((r) => this.release(r.id));
  }

  reservations(owner?: string): Reservation[] {
    if (owner === undefined) return [...this.reservationsById.values()];
    return [...(this.byOwner.get(owner)?.values() ?? [])];
  }

  private checkItem(item: ReservationItem, index: number, owner: string): void {
    const bad = (what: string): never => {
      throw new MilliError('RESOURCE_INVALID', `reservation item ${index} (${item.kind}) for '${owner}': ${what}`, { owner, index, item });
    };
    switch (item.kind) {
      case 'channel':
        if (!Number.isInteger(item.channel) || item.channel < 1 || item.channel > this.channels) bad(`channel must be 1..${this.channels}`);
        if (!item.fibre) bad('fibre id missing');
        break;
      case 'port':
        if (!item.device || !item.port) bad('device and port are required');
        break;
      case 'slots':
        if (!Number.isInteger(item.slots) || item.slots < 1) bad('slots must be a positive integer');
        break;
      case 'osu':
        if (!Number.isFinite(item.kbps) || item.kbps <= 0) bad('kbps must be positive');
        break;
      case 'otu-link':
        if (!item.link.id || !Number.isInteger(item.link.slots) || item.link.slots < 1) bad('link needs an id and a positive slot count');
        if (this.links.has(item.link.id)) bad(`OTU link '${item.link.id}' already exists`);
        break;
    }
  }

  private checkConflicts(owner: string, window: TimeWindow, items: ReservationItem[], newLinks: Map<string, OtuLinkSpec>): void {
    const conflict = (message: string, context: Record<string, unknown>): never => {
      throw new MilliError('RESOURCE_CONFLICT', message, { owner, window, ...context });
    };
    const exclusive = new Set<string>();
    const slotDemand = new Map<string, number>();
    const osuDemand = new Map<string, number>();
    for (const item of items) {
      if (item.kind === 'channel') {
        const key = `${item.fibre}#${item.channel}`;
        if (exclusive.has(key))
          conflict(`channel ${item.channel} on '${item.fibre}' appears twice`, { fibre: item.fibre, channel: item.channel });
        exclusive.add(key);
        const holders = this.spans.holders(item.fibre, item.channel, window);
        if (holders.length > 0) {
          conflict(`channel ${item.channel} on '${item.fibre}' is already reserved in that window`, {
            fibre: item.fibre,
            channel: item.channel,
            heldBy: holders.map((h) => ({ owner: h.owner, reservation: h.reservation, window: h.window })),
          });
        }
      } else if (item.kind === 'port') {
        const key = `${item.device}/${item.port}`;
        if (exclusive.has(key)) conflict(`port '${key}' appears twice`, { port: key });
        exclusive.add(key);
        const holders = (this.ports.get(key) ?? []).filter((e) => overlaps(e.window, window));
        if (holders.length > 0)
          conflict(`port '${key}' is already reserved in that window`, { port: key, heldBy: holders.map((h) => h.owner) });
      } else if (item.kind === 'slots') {
        slotDemand.set(item.link, (slotDemand.get(item.link) ?? 0) + item.slots);
      } else if (item.kind === 'osu') {
        osuDemand.set(item.link, (osuDemand.get(item.link) ?? 0) + item.kbps);
      }
    }
    for (const link of [...new Set([...slotDemand.keys(), ...osuDemand.keys()])].sort()) {
      const capacity = newLinks.get(link)?.slots ?? this.linkCapacity(link, window);
      if (capacity === undefined) conflict(`link '${link}' is unknown or does not exist throughout the window`, { link });
    }
  }

  /**
   * Gives every slots and OSU item its tributary slot numbers (and OSU id), item after item so that items of one
   * reservation on one link (a protected line's two paths on a shared tail) see each other. All or nothing: a
   * link without room throws RESOURCE_CONFLICT and leaves no number behind.
   */
  private number(reservation: Reservation, newLinks: Map<string, OtuLinkSpec>): void {
    const { id, owner, window } = reservation;
    const touched = new Set<string>();
    const fail = (message: string, context: Record<string, unknown>): never => {
      for (const link of touched) {
        this.slotBook.remove(link, id);
        this.usageMemo.delete(link);
      }
      throw new MilliError('RESOURCE_CONFLICT', message, { owner, window, ...context });
    };
    const capacityOf = (link: string) => (newLinks.get(link)?.slots ?? this.linkCapacity(link, window)) as number;
    for (const item of reservation.items) {
      if (item.kind !== 'slots' && item.kind !== 'osu') continue;
      touched.add(item.link);
      this.usageMemo.delete(item.link);
      const capacity = capacityOf(item.link);
      const entry = { reservation: id, owner, window: reservation.window };
      if (item.kind === 'osu' && item.kbps <= SLOT_KBPS) {
        const asked =
          item.numbers?.[0] !== undefined && item.osuId !== undefined ? { slot: item.numbers[0], osuId: item.osuId } : undefined;
        const placed = this.slotBook.placeOsu(item.link, capacity, window, item.kbps, asked);
        if (placed === undefined) {
          fail(
            `link '${item.link}' has no room for ${item.kbps} kbit/s of OSU${asked ? ` at slot ${asked.slot}, OSU id ${asked.osuId}` : ''}`,
            {
              link: item.link,
              capacity,
              osuKbpsAsked: item.kbps,
            },
          );
        }
        const { slot, osuId } = placed as { slot: number; osuId: number };
        this.slotBook.add(item.link, slot, { ...entry, kind: 'osu', kbps: item.kbps, osuId });
        item.numbers = [slot];
        item.osuId = osuId;
        continue;
      }
      const count = item.kind === 'slots' ? item.slots : osuSlots(item.kbps);
      const slots = this.slotBook.freeSlots(item.link, capacity, window, count, item.numbers);
      if (slots === undefined) {
        fail(
          `link '${item.link}' lacks capacity: ${item.numbers ? `slots ${item.numbers.join(',')} are not all free` : `no ${count} free tributary slots of ${capacity}`} in the window`,
          { link: item.link, capacity, slotsAsked: count },
        );
      }
      for (const slot of slots as number[]) {
        this.slotBook.add(item.link, slot, {
          ...entry,
          kind: item.kind === 'slots' ? 'odu' : 'osu',
          kbps: item.kind === 'osu' ? SLOT_KBPS : 0,
        });
      }
      item.numbers = slots as number[];
    }
  }

  private apply(r: Reservation, item: ReservationItem): void {
    const entry = (amount: number): Entry => ({ reservation: r.id, owner: r.owner, window: r.window, amount });
    switch (item.kind) {
      case 'channel': {
        this.spans.add(item.fibre, item.channel, entry(1));
        break;
      }
      case 'port':
        pushTo(this.ports, `${item.device}/${item.port}`, entry(1));
        break;
      case 'slots':
        this.addAmount(`slots:${item.link}`, entry(item.slots));
        this.usageMemo.delete(item.link);
        break;
      case 'osu':
        this.addAmount(`osu:${item.link}`, entry(item.kbps));
        this.usageMemo.delete(item.link);
        break;
      case 'otu-link':
        this.links.set(item.link.id, { link: item.link, window: r.window, reservation: r.id });
        this.linksById = undefined;
        break;
    }
  }

  private addAmount(key: string, entry: Entry): void {
    let amounts = this.additive.get(key);
    if (amounts === undefined) {
      amounts = new TimedAmounts();
      this.additive.set(key, amounts);
    }
    amounts.add(entry);
  }

  private removeAmounts(key: string, reservation: string): void {
    if (this.additive.get(key)?.remove(reservation)) this.additive.delete(key);
  }

  private unapply(r: Reservation, item: ReservationItem): void {
    switch (item.kind) {
      case 'channel':
        this.spans.remove(item.fibre, item.channel, r.id);
        break;
      case 'port':
        removeFrom(this.ports, `${item.device}/${item.port}`, r.id);
        break;
      case 'slots':
        this.removeAmounts(`slots:${item.link}`, r.id);
        this.usageMemo.delete(item.link);
        break;
      case 'osu':
        this.removeAmounts(`osu:${item.link}`, r.id);
        this.usageMemo.delete(item.link);
        break;
      case 'otu-link':
        this.links.delete(item.link.id);
        this.linksById = undefined;
        break;
    }
  }
}

function pushTo<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}

function removeFrom<K>(map: Map<K, Entry[]> | undefined, key: K, reservation: string): void {
  const list = map?.get(key);
  if (list === undefined || map === undefined) return;
  const kept = list.filter((e) => e.reservation !== reservation);
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
}
