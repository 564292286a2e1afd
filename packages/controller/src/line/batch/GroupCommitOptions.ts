import type { Clock } from '@milli/core';
import type { DeviceChange } from '../../installer/NetworkTransaction';
import type { DeviceLocks } from '../DeviceLocks';
import type { GroupJob } from './GroupJob';
import type { RenderedRound, RoundResult } from './runGroupRound';

/**
 * A round in its two halves (renderRound, transactRound), so that the next round on a round's devices is rendered
 * while this one is on the network instead of after it.
 */
export interface RoundStages {
  render(jobs: readonly GroupJob[], devices: ReadonlySet<string>, after?: RenderedRound): Promise<RenderedRound>;
  /**
   * A round lined up behind `after` (on its way to the network): it begins where `after` ends on the devices both
   * hold, and takes lines until `after` is over.
   */
  lineUp(after: RenderedRound): OpenRound;
  transact(round: RenderedRound, persistId: string): Promise<RoundResult>;
}

/** A round still taking lines (RoundDraft): each batch added renders after the ones before. */
export interface OpenRound {
  /** `known`: devices an earlier round of ours left as these change sets say, nobody having held them since. */
  add(jobs: readonly GroupJob[], locked: ReadonlySet<string>, options?: { known?: readonly DeviceChange[] }): Promise<void>;
  /** Once every job added is rendered: the round as it goes to the network. */
  finish(): Promise<RenderedRound>;
}

export interface GroupCommitOptions {
  /** The installer's locks: a round holds every device of its jobs, so nothing else of ours touches them meanwhile. */
  locks: DeviceLocks;
  /** Lines in one network transaction at most (1: every line alone, as before group commit). */
  maxLines: number;
  /**
   * Lines in one round made only of moves (`GroupJob.move`: restorations and re-protections) at most, when above
   * `maxLines` (default: `maxLines`). The lines cut by one fibre are ready within moments of each other, and each
   * round costs the devices a fixed part (an edit-config, a validation of the whole datastore, a read-back, a
   * confirm per device) that rounds of a few hundred moves pay once instead of once per `maxLines`.
   */
  maxMoves?: number;
  /** Failed rounds a job may take part in before it is only ever run alone (default 6). */
  maxAttempts?: number;
  /**
   * After a round of several lines, how long its devices wait for lines to take the place of those it settled before
   * the next round on them starts, unless as many are already waiting (default 0: the next round starts at once).
   * With `stages`, the round lined up behind it waits so for lines to join it (`fill`), counted from when the round
   * before went on the network: lines have been joining it since then.
   */
  gatherMs?: number;
  /** Whose `now` times the rounds on the network for the gather (default: the system's). */
  clock?: Pick<Clock, 'now'>;
  /** Runs one round, its devices held (when `stages` is not given). */
  round?(jobs: readonly GroupJob[], persistId: string, devices: ReadonlySet<string>): Promise<RoundResult>;
  /**
   * Runs rounds in two halves: while a round is on the network, the lines waiting on its devices are formed into the
   * next round and rendered (its change sets on those devices beginning where this round's end, without reading
   * them), and the lines coming meanwhile join it. That round is sent once this one committed, if nobody else held
   * its devices in between; otherwise it is rendered again as any round is.
   */
  stages?: RoundStages;
}
