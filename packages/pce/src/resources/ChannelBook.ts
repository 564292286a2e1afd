import { overlaps, type TimeWindow } from '@milli/core';
import { type ChannelMask, clearChannel, fullMask } from './channelMask';

/** One holder of a resource in the ledger: a reservation's share of it (1 for exclusive ones) over its window. */
export interface Entry {
  reservation: string;
  owner: string;
  window: TimeWindow;
  amount: number;
}

/**
 * Media channels per optical span, over time: who holds each, and the channels free throughout a window. A path
 * search asks each span it crosses once per request; a cut's bookings each ask with their own window from now on.
 * When every holder of a span is open-ended (permanent lines), any window that ends after the latest of them started
 * finds all of them: the free channels are then kept per span until a holder comes or goes.
 */
export class ChannelBook {
  private readonly byFibre = new Map<string, Map<number, Entry[]>>();
  /** The free channels for the window last asked, per span. */
  private readonly memo = new Map<string, { start: number; end: number | null; mask: ChannelMask }>();
  /** Per span: the channels no holder takes, when every holder is open-ended (null when some holder ends). */
  private readonly standing = new Map<string, { mask: ChannelMask; latestStart: number } | null>();

  constructor(private readonly channels: number) {}

  /** The channels free throughout the window on the span (a fresh copy, the caller may change it). */
  free(fibre: string, window: TimeWindow): ChannelMask {
    const memo = this.memo.get(fibre);
    if (memo !== undefined && memo.start === window.start && memo.end === window.end) return [...memo.mask];
    const standing = this.standingOf(fibre);
    let mask: ChannelMask;
    if (standing !== null && (window.end === null || window.end > standing.latestStart)) mask = [...standing.mask];
    else {
      mask = fullMask(this.channels);
      for (const [channel, entries] of this.byFibre.get(fibre) ?? []) {
        if (entries.some((e) => overlaps(e.window, window))) clearChannel(mask, channel);
      }
    }
    this.memo.set(fibre, { start: window.start, end: window.end, mask });
    return [...mask];
  }

  /** Holders of the channel on the span whose window overlaps `window`. */
  holders(fibre: string, channel: number, window: TimeWindow): Entry[] {
    return (this.byFibre.get(fibre)?.get(channel) ?? []).filter((e) => overlaps(e.window, window));
  }

  add(fibre: string, channel: number, entry: Entry): void {
    let byChannel = this.byFibre.get(fibre);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.byFibre.set(fibre, byChannel);
    }
    const list = byChannel.get(channel);
    if (list === undefined) byChannel.set(channel, [entry]);
    else list.push(entry);
    this.changed(fibre);
  }

  /** Drops the reservation's holding of the channel on the span. */
  remove(fibre: string, channel: number, reservation: string): void {
    const byChannel = this.byFibre.get(fibre);
    const list = byChannel?.get(channel);
    if (byChannel === undefined || list === undefined) return;
    const kept = list.filter((e) => e.reservation !== reservation);
    if (kept.length === 0) byChannel.delete(channel);
    else byChannel.set(channel, kept);
    this.changed(fibre);
  }

  private changed(fibre: string): void {
    this.memo.delete(fibre);
    this.standing.delete(fibre);
  }

  private standingOf(fibre: string): { mask: ChannelMask; latestStart: number } | null {
    const known = this.standing.get(fibre);
    if (known !== undefined) return known;
    const mask = fullMask(this.channels);
    let latestStart = Number.NEGATIVE_INFINITY;
    let result: { mask: ChannelMask; latestStart: number } | null = { mask, latestStart };
    for (const [channel, entries] of this.byFibre.get(fibre) ?? []) {
      if (entries.some((e) => e.window.end !== null)) {
        result = null;
        break;
      }
      for (const e of entries) if (e.window.start > latestStart) latestStart = e.window.start;
      clearChannel(mask, channel);
    }
    if (result !== null) result.latestStart = latestStart;
    this.standing.set(fibre, result);
    return result;
  }
}
