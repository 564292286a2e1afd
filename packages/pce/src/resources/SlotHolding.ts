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
 * What every entry of a slot adds up to. It answers for a window only when every entry overlaps it and holds to its
 * end (see `SlotHolding.standing`): then the total is the peak and the OSU ids in use are all of them.
 */
export interface SlotSummary {
  /** The latest start among the entries: a window ending after it overlaps every open-ended entry. */
  latestStart: number;
  /** Every entry is open-ended (a permanent line's booking). */
  openEnded: boolean;
  /** The entries' bandwidth, summed in the order they were added (so the float total is the one a scan would make). */
  kbps: number;
  /** Some entry's bandwidth is negative: the total is then not the peak. */
  negative: boolean;
  /** Entries no OSU can share the slot with: an ODU's, or an OSU pool's without an OSU id. */
  unshared: number;
  /** Some entry carries OSU (the slot is an OSU-carrying ODU0). */
  osu: boolean;
  osuIds: Set<number>;
  owners: Set<string>;
  /** The lowest OSU id not in `osuIds`, once asked (dropped when an add takes it). */
  lowestFreeId: number | undefined;
}

/**
 * The entries holding one slot of a link, with their summary kept beside them. A booking asks the same busy slots of
 * a DC link again and again, each time for an open-ended window starting now, of permanent lines' entries; the
 * summary answers that without visiting them. An add folds into it; a removal drops it, rebuilt when next asked.
 */
export class SlotHolding {
  private readonly list: SlotEntry[] = [];
  private summary: SlotSummary | undefined = emptySummary();

  get entries(): readonly SlotEntry[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  add(entry: SlotEntry): void {
    this.list.push(entry);
    if (this.summary !== undefined) fold(this.summary, entry);
  }

  /** Drops the reservation's entries; true when it had some here. */
  remove(reservation: string): boolean {
    let kept = 0;
    for (const e of this.list) if (e.reservation !== reservation) this.list[kept++] = e;
    if (kept === this.list.length) return false;
    this.list.length = kept;
    this.summary = undefined;
    return true;
  }

  /**
   * The summary when there are entries, all open-ended, and all started before `window` ends: each then overlaps the
   * window and holds to its end, so together they are the peak (when none is negative) and every OSU id is in use.
   * Undefined otherwise, and the caller looks at the entries themselves.
   */
  standing(window: TimeWindow): SlotSummary | undefined {
    if (this.list.length === 0) return undefined;
    const summary = this.summarised();
    if (!summary.openEnded || (window.end !== null && window.end <= summary.latestStart)) return undefined;
    return summary;
  }

  private summarised(): SlotSummary {
    if (this.summary === undefined) {
      const summary = emptySummary();
      for (const e of this.list) fold(summary, e);
      this.summary = summary;
    }
    return this.summary;
  }
}

/** The lowest OSU id the summary's entries leave free. */
export function lowestFreeOsuId(summary: SlotSummary): number {
  if (summary.lowestFreeId === undefined) {
    let id = 1;
    while (summary.osuIds.has(id)) id++;
    summary.lowestFreeId = id;
  }
  return summary.lowestFreeId;
}

function emptySummary(): SlotSummary {
  return {
    latestStart: Number.NEGATIVE_INFINITY,
    openEnded: true,
    kbps: 0,
    negative: false,
    unshared: 0,
    osu: false,
    osuIds: new Set(),
    owners: new Set(),
    lowestFreeId: 1,
  };
}

function fold(summary: SlotSummary, e: SlotEntry): void {
  if (e.window.start > summary.latestStart) summary.latestStart = e.window.start;
  if (e.window.end !== null) summary.openEnded = false;
  summary.kbps += e.kbps;
  if (e.kbps < 0) summary.negative = true;
  if (e.kind !== 'osu' || e.osuId === undefined) summary.unshared++;
  if (e.kind === 'osu') summary.osu = true;
  if (e.osuId !== undefined) {
    summary.osuIds.add(e.osuId);
    if (e.osuId === summary.lowestFreeId) summary.lowestFreeId = undefined;
  }
  summary.owners.add(e.owner);
}
