import { MilliError } from '@milli/core';
import type { DeviceLocks } from '../DeviceLocks';
import type { InstallOutcome } from '../LineInstaller';
import type { GroupJob } from './GroupJob';
import type { RoundResult } from './runGroupRound';

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
   */
  gatherMs?: number;
  /** Runs one round, its devices held. */
  round(jobs: readonly GroupJob[], persistId: string, devices: ReadonlySet<string>): Promise<RoundResult>;
}

interface Waiting {
  jobs: GroupJob[];
  /** A bisected or blamed group runs as its own round, never merged with others. */
  alone: boolean;
}

/** A round's devices, held a moment after it for the lines that replace its own (see GroupCommitOptions.gatherMs). */
interface Gather {
  devices: ReadonlySet<string>;
  /** Lines waiting on them that end the gather early: as many as the round carried. */
  want: number;
  timer: NodeJS.Timeout;
}

interface Forming {
  devices: Set<string>;
  jobs: GroupJob[];
}

/**
 * Group commit for line transactions. While a round holds some devices, every job that arrives wanting any of them
 * waits; when the round ends, the waiting jobs go together as the next round: one network transaction for all of
 * them instead of one each, queued behind each other on the same DC devices. Jobs on devices nobody holds start at
 * once. Jobs are taken in arrival order: one that must wait blocks its devices for later arrivals too, so nobody
 * is overtaken forever. Retries go first.
 *
 * Under steady load the lines a round settles are replaced by new ones that are still being compiled when it ends:
 * starting the next round at once with the few already waiting makes rounds alternate between few lines and many
 * (each as long as the other on the network). A short gather after a round of several lines lets the new ones join.
 */
export class GroupCommit {
  private pending: Waiting[] = [];
  private readonly busy = new Set<string>();
  private readonly gathering = new Map<string, Gather>();
  private readonly waiters = new Map<GroupJob, { resolve(o: InstallOutcome): void; reject(e: unknown): void }>();
  private readonly attempts = new Map<GroupJob, number>();
  private pumping = false;

  constructor(private readonly options: GroupCommitOptions) {}

  /** Resolves with the job's own outcome once a round settled it. */
  submit(job: GroupJob): Promise<InstallOutcome> {
    return new Promise((resolve, reject) => {
      this.waiters.set(job, { resolve, reject });
      this.pending.push({ jobs: [job], alone: this.options.maxLines <= 1 });
      this.gatheredEnough(job.devices);
      this.schedule();
    });
  }

  /** Jobs waiting or in a round now. */
  get inFlight(): number {
    return this.waiters.size;
  }

  /** Forms rounds on the next turn of the event loop, so that jobs arriving together are taken together. */
  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      this.pump();
    });
  }

  private pump(): void {
    const blocked = new Set([...this.busy, ...this.gathering.keys()]);
    const forming: Forming[] = [];
    const rounds: Forming[] = [];
    const still: Waiting[] = [];
    for (const waiting of this.pending) {
      const devices = new Set(waiting.jobs.flatMap((j) => j.devices));
      const overlaps = (f: Forming) => [...devices].some((d) => f.devices.has(d));
      const joinable = forming.filter(overlaps);
      const size = joinable.reduce((n, f) => n + f.jobs.length, waiting.jobs.length);
      const free = ![...devices].some((d) => blocked.has(d));
      const limit = this.limit([waiting.jobs, ...joinable.map((f) => f.jobs)].flat());
      if (!free || (waiting.alone && joinable.length > 0) || (!waiting.alone && size > limit && joinable.length > 0)) {
        still.push(waiting);
        for (const d of devices) blocked.add(d);
        continue;
      }
      if (waiting.alone) {
        rounds.push({ devices, jobs: waiting.jobs });
        for (const d of devices) blocked.add(d);
        continue;
      }
      const merged: Forming = { devices, jobs: [] };
      for (const f of joinable) {
        forming.splice(forming.indexOf(f), 1);
        for (const d of f.devices) merged.devices.add(d);
        merged.jobs.push(...f.jobs);
      }
      merged.jobs.push(...waiting.jobs);
      forming.push(merged);
    }
    this.pending = still;
    for (const round of [...rounds, ...forming]) this.start(round);
  }

  /** How many lines a round of these jobs may hold. */
  private limit(jobs: readonly GroupJob[]): number {
    const { maxLines, maxMoves } = this.options;
    return maxLines > 1 && maxMoves !== undefined && jobs.every((j) => j.move) ? Math.max(maxLines, maxMoves) : maxLines;
  }

  private start(round: Forming): void {
    for (const d of round.devices) this.busy.add(d);
    const [leader] = round.jobs;
    const tries = this.attempts.get(leader!) ?? 0;
    // Unique per round: a job leads at most one round per attempt; its first is its own transaction id.
    const persistId = tries === 0 ? leader!.tx.id : `${leader!.tx.id}~${tries + 1}`;
    this.options.locks
      .run([...round.devices], () => this.options.round(round.jobs, persistId, round.devices))
      .then(
        (result) => this.settle(round.jobs, result),
        (error: unknown) => {
          for (const job of round.jobs) this.finish(job, { error });
        },
      )
      .finally(() => {
        for (const d of round.devices) this.busy.delete(d);
        this.gatherAfter(round);
        this.schedule();
      });
  }

  /**
   * Holds a finished round's devices for gatherMs unless as many lines as it carried wait for them. Not after a round
   * that retries its own lines, nor after moves (lines cut together are all waiting already: none is on its way).
   */
  private gatherAfter(round: Forming): void {
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs <= 0 || round.jobs.length < 2 || round.jobs.some((j) => j.move)) return;
    const retrying = this.pending.some((w) => w.jobs.some((j) => round.jobs.includes(j)));
    const want = Math.min(round.jobs.length, this.options.maxLines);
    if (retrying || this.waitingOn(round.devices) >= want) return;
    const gather: Gather = { devices: round.devices, want, timer: setTimeout(() => this.release(gather), gatherMs) };
    for (const d of round.devices) this.gathering.set(d, gather);
  }

  /** Ends the gathers on these devices that have as many lines waiting as they want. */
  private gatheredEnough(devices: readonly string[]): void {
    if (this.gathering.size === 0) return;
    const gathers = new Set(devices.map((d) => this.gathering.get(d)).filter((g) => g !== undefined));
    for (const gather of gathers) if (this.waitingOn(gather.devices) >= gather.want) this.release(gather);
  }

  private release(gather: Gather): void {
    clearTimeout(gather.timer);
    for (const d of gather.devices) if (this.gathering.get(d) === gather) this.gathering.delete(d);
    this.schedule();
  }

  /** Lines waiting that want any of these devices. */
  private waitingOn(devices: ReadonlySet<string>): number {
    let n = 0;
    for (const waiting of this.pending) if (waiting.jobs.some((j) => j.devices.some((d) => devices.has(d)))) n += waiting.jobs.length;
    return n;
  }

  private settle(jobs: readonly GroupJob[], result: RoundResult): void {
    for (const [job, settled] of result.settled) this.finish(job, settled);
    const again: Waiting[] = [];
    for (const group of result.retry) {
      for (const job of group.jobs) this.attempts.set(job, (this.attempts.get(job) ?? 0) + 1);
      const worn = group.jobs.filter((j) => (this.attempts.get(j) ?? 0) >= (this.options.maxAttempts ?? 6));
      const fresh = group.jobs.filter((j) => !worn.includes(j));
      for (const job of worn) again.push({ jobs: [job], alone: true });
      if (fresh.length > 0) again.push({ jobs: fresh, alone: group.alone || this.options.maxLines <= 1 });
    }
    // A job neither settled nor sent again would wait forever: that is a bug, and it is answered as one.
    const placed = new Set([...result.settled.keys(), ...again.flatMap((w) => w.jobs)]);
    for (const job of jobs)
      if (!placed.has(job))
        this.finish(job, { error: new MilliError('INTERNAL', `line ${job.line} was dropped by its round`, { line: job.line }) });
    this.pending = [...again, ...this.pending];
  }

  private finish(job: GroupJob, settled: { outcome: InstallOutcome } | { error: unknown }): void {
    const waiter = this.waiters.get(job);
    this.waiters.delete(job);
    this.attempts.delete(job);
    if (!waiter) return;
    if ('outcome' in settled) waiter.resolve(settled.outcome);
    else waiter.reject(settled.error);
  }
}
