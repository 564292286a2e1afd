import { MilliError, systemClock } from '@milli/core';
import type { InstallOutcome } from '../LineInstaller';
import { DevicesLeft, knownRound } from './DevicesLeft';
import type { GroupCommitOptions, OpenRound } from './GroupCommitOptions';
import type { GroupJob } from './GroupJob';
import type { RenderedRound, RoundResult } from './runGroupRound';

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
  /** Formed around a round already lined up (see `form`'s seeds): the jobs it does not hold yet join it. */
  follower?: LinedUp;
}

/**
 * A round formed behind one on the network, rendered meanwhile, and taking the lines that come for its devices until
 * that one is over (see GroupCommitOptions.stages).
 */
interface LinedUp {
  round: Forming;
  persistId: string;
  open: OpenRound;
  /** DeviceLocks.taken of each of its devices when it took it: one taken since by anyone else means render again. */
  taken: Map<string, number>;
}

/** A round on the network: its change sets, and the rounds lined up behind it. */
interface Sending {
  rendered: RenderedRound;
  followers: LinedUp[];
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
 * With `stages`, the next round is lined up behind the one on the network and takes every line that comes meanwhile
 * (rendered as it comes); the gather is that round filling once the one before ended.
 */
export class GroupCommit {
  private pending: Waiting[] = [];
  private readonly busy = new Set<string>();
  private readonly gathering = new Map<string, Gather>();
  private readonly waiters = new Map<GroupJob, { resolve(o: InstallOutcome): void; reject(e: unknown): void }>();
  private readonly attempts = new Map<GroupJob, number>();
  private pumping = false;
  /** Rounds on the network now (their change sets rendered), and the rounds lined up behind each. */
  private readonly sending = new Map<Forming, Sending>();
  /** What our last committed round on each device left there (no read while nobody else held it since). */
  private readonly left: DevicesLeft;
  /** Rounds lined up behind one that ended, waiting for lines to join them (see `fill`). */
  private readonly filling = new Set<{ enough(): boolean; done(): void }>();

  constructor(private readonly options: GroupCommitOptions) {
    this.left = new DevicesLeft(options.locks);
    if (!options.round && !options.stages) throw new MilliError('INTERNAL', 'a group commit needs a round or its stages', {});
  }

  /** Resolves with the job's own outcome once a round settled it. */
  submit(job: GroupJob): Promise<InstallOutcome> {
    return new Promise((resolve, reject) => {
      this.waiters.set(job, { resolve, reject });
      this.pending.push({ jobs: [job], alone: this.options.maxLines <= 1 });
      this.gatheredEnough(job.devices);
      this.schedule();
    });
  }

  private now(): number {
    return (this.options.clock ?? systemClock).now();
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
    const { rounds, still } = this.form((d) => blocked.has(d), true);
    this.pending = still;
    for (const round of rounds) this.start(round);
    // Lines that arrived while a round is on the network join the round lined up behind it (or line up one).
    for (const [round, sending] of this.sending) this.lineUpBehind(round, sending);
    for (const filling of [...this.filling]) if (filling.enough()) filling.done();
  }

  /**
   * Rounds from the waiting jobs, in arrival order, none on a device `blocked` says is taken: a job that must wait
   * blocks its devices for later arrivals too. Jobs that go alone are taken only with `alone`. `seeds` (copies of
   * rounds lined up, each naming its `follower`) are rounds forming already: jobs join them as they would join each
   * other, but a job that would merge two of them waits.
   */
  private form(blocked: (device: string) => boolean, alone: boolean, seeds: Forming[] = []): { rounds: Forming[]; still: Waiting[] } {
    const waitedFor = new Set<string>();
    const taken = (d: string) => waitedFor.has(d) || blocked(d);
    const forming: Forming[] = [...seeds];
    const rounds: Forming[] = [];
    const still: Waiting[] = [];
    for (const waiting of this.pending) {
      const devices = new Set(waiting.jobs.flatMap((j) => j.devices));
      const overlaps = (f: Forming) => [...devices].some((d) => f.devices.has(d));
      const joinable = forming.filter(overlaps);
      const seeded = joinable.filter((f) => f.follower);
      const size = joinable.reduce((n, f) => n + f.jobs.length, waiting.jobs.length);
      const free = ![...devices].some(taken);
      const limit = this.limit([waiting.jobs, ...joinable.map((f) => f.jobs)].flat());
      if (
        !free ||
        seeded.length > 1 ||
        (waiting.alone && (!alone || joinable.length > 0)) ||
        (!waiting.alone && size > limit && joinable.length > 0)
      ) {
        still.push(waiting);
        for (const d of devices) waitedFor.add(d);
        continue;
      }
      if (waiting.alone) {
        rounds.push({ devices, jobs: waiting.jobs });
        for (const d of devices) waitedFor.add(d);
        continue;
      }
      // Into the round lined up, if it joins one: its jobs stay first, in the order they render.
      const [seed] = seeded;
      const merged: Forming = seed ?? { devices, jobs: [] };
      for (const d of devices) merged.devices.add(d);
      for (const f of joinable) {
        if (f === seed) continue;
        forming.splice(forming.indexOf(f), 1);
        for (const d of f.devices) merged.devices.add(d);
        merged.jobs.push(...f.jobs);
      }
      merged.jobs.push(...waiting.jobs);
      if (!seed) forming.push(merged);
    }
    return { rounds: [...rounds, ...forming], still };
  }

  /** How many lines a round of these jobs may hold. */
  private limit(jobs: readonly GroupJob[]): number {
    const { maxLines, maxMoves } = this.options;
    return maxLines > 1 && maxMoves !== undefined && jobs.every((j) => j.move) ? Math.max(maxLines, maxMoves) : maxLines;
  }

  private persistIdOf(round: Forming): string {
    const [leader] = round.jobs;
    const tries = this.attempts.get(leader!) ?? 0;
    // Unique per round: a job leads at most one round per attempt; its first is its own transaction id.
    return tries === 0 ? leader!.tx.id : `${leader!.tx.id}~${tries + 1}`;
  }

  private start(round: Forming, linedUp?: { behind: LinedUp; rendered: Promise<RenderedRound> }): void {
    for (const d of round.devices) this.busy.add(d);
    const persistId = linedUp?.behind.persistId ?? this.persistIdOf(round);
    const followers: LinedUp[] = [];
    /** When the round went on the network (its followers take lines from then on). */
    let sentAt: number | undefined;
    const run = async (): Promise<RoundResult> => {
      const { stages, locks } = this.options;
      if (!stages) return this.options.round!(round.jobs, persistId, round.devices);
      // Rendered while the round before was on the network: good if nobody but that round held its devices since.
      const taken = linedUp?.behind.taken;
      const untouched = taken && [...round.devices].every((d) => locks.taken(d) === (taken.get(d) ?? 0) + 1);
      const held = new Map([...round.devices].map((d) => [d, locks.taken(d)]));
      const rendered = untouched
        ? await linedUp.rendered
        : await stages.render(round.jobs, round.devices, knownRound(this.left.heldBy(held)));
      const sending: Sending = { rendered, followers };
      this.sending.set(round, sending);
      this.lineUpBehind(round, sending);
      sentAt = this.now();
      let committed = false;
      try {
        const result = await stages.transact(rendered, persistId);
        committed = result.committed === true;
        return result;
      } finally {
        this.left.remember(held, committed ? rendered : undefined);
      }
    };
    this.options.locks
      .run([...round.devices], run)
      .then(
        (result) => ({ result, again: this.settle(round.jobs, result) }),
        (error: unknown) => {
          for (const job of round.jobs) this.finish(job, { error });
          return { result: undefined, again: 0 };
        },
      )
      .then(async ({ result, again }) => {
        if (result?.committed && again === 0) await this.fill(round, followers, sentAt ?? this.now());
        // A round behind this one is sent as rendered only on what this one committed; otherwise its lines wait
        // again (behind this round's retries), once its rendering is over, so no two renders of a line overlap.
        // Off the network now, this round takes no more lines behind it.
        this.sending.delete(round);
        const rendered = followers.map((f) => f.open.finish());
        await Promise.all(rendered.map((r) => r.catch(() => undefined)));
        const handedOn = result?.committed ? followers : [];
        const kept = new Set(handedOn.flatMap((f) => [...f.round.devices]));
        for (const d of round.devices) if (!kept.has(d)) this.busy.delete(d);
        if (!result?.committed && followers.length > 0) {
          for (const f of followers) for (const d of f.round.devices) if (!round.devices.has(d)) this.busy.delete(d);
          this.pending.splice(again, 0, ...followers.map((f) => ({ jobs: f.round.jobs, alone: false })));
        }
        for (const [i, f] of handedOn.entries()) this.start(f.round, { behind: f, rendered: rendered[i]! });
        if (followers.length === 0 && !this.options.stages) this.gatherAfter(round);
        this.schedule();
      });
  }

  /**
   * With the round's devices held and its change sets rendered, the lines waiting on them are formed into the next
   * round(s) and rendered behind it (their change sets there begin where this round's end); lines coming while it is
   * on the network join the round lined up behind it (up to the round's limit), each rendered as it comes, so the
   * round behind carries every line that came meanwhile and is ready when this one ends. Rounds formed so that need
   * none of its devices (nor of a round behind it) go at once, as pump would send them.
   */
  private lineUpBehind(round: Forming, sending: Sending): void {
    const { stages, locks } = this.options;
    const { rendered, followers } = sending;
    if (!stages || this.pending.length === 0 || rendered.merged.length === 0 || rendered.refused.length > 0) return;
    const behind = new Set(followers.flatMap((f) => [...f.round.devices]));
    const seeds = followers.map((f) => ({ devices: new Set(f.round.devices), jobs: [...f.round.jobs], follower: f }));
    const { rounds, still } = this.form(
      (d) => !round.devices.has(d) && !behind.has(d) && (this.busy.has(d) || this.gathering.has(d) || locks.busy(d)),
      false,
      seeds,
    );
    this.pending = still;
    for (const next of rounds) {
      const lined = next.follower ?? this.lineUp(next, round, sending);
      if (!lined) continue;
      const joining = next.jobs.filter((j) => !lined.round.jobs.includes(j));
      if (joining.length === 0) continue;
      for (const d of next.devices) {
        if (lined.round.devices.has(d)) continue;
        lined.round.devices.add(d);
        this.busy.add(d);
        lined.taken.set(d, locks.taken(d));
      }
      lined.round.jobs.push(...joining);
      // Devices nobody holds that our last round on them left as it rendered them are not read.
      const known = this.left.free(next.devices);
      // Awaited (through finish) by whoever sends the round or puts its lines back; never left rejected meanwhile.
      lined.open.add(joining, lined.round.devices, { known }).catch(() => undefined);
    }
  }

  /** A new round lined up behind `round` for jobs that need its devices; jobs that do not go at once (none then). */
  private lineUp(next: Forming, round: Forming, sending: Sending): LinedUp | undefined {
    if (![...next.devices].some((d) => round.devices.has(d))) {
      this.start(next);
      return undefined;
    }
    const lined: LinedUp = {
      round: { devices: new Set(), jobs: [] },
      persistId: this.persistIdOf(next),
      open: this.options.stages!.lineUp(sending.rendered),
      taken: new Map(),
    };
    sending.followers.push(lined);
    return lined;
  }

  /**
   * After a round of several lines that committed, the rounds lined up behind it wait for lines to join them, unless
   * as many as it carried have (not behind moves: lines cut together are all waiting already), until gatherMs after
   * it went on the network (`sentAt`). Each round then carries about what the one before did, instead of a round of
   * the few lines that came during a short one being as costly to the devices (a validation of each one's whole
   * datastore) as a full one. Behind a round that was on the network longer, the lines waiting have gathered for as
   * long already: holding them more would leave the devices idle and add to the wait of the lines that waited the
   * longest (those that came during a long round), and the round after would carry more, and be longer, again.
   */
  private fill(round: Forming, followers: readonly LinedUp[], sentAt: number): Promise<void> {
    const gatherMs = (this.options.gatherMs ?? 0) - (this.now() - sentAt);
    const want = Math.min(round.jobs.length, this.options.maxLines);
    const enough = () => followers.reduce((n, f) => n + f.round.jobs.length, 0) >= want;
    if (gatherMs <= 0 || followers.length === 0 || round.jobs.some((j) => j.move) || enough()) return Promise.resolve();
    return new Promise((resolve) => {
      const filling = {
        enough,
        done: () => {
          clearTimeout(timer);
          this.filling.delete(filling);
          resolve();
        },
      };
      const timer = setTimeout(filling.done, gatherMs);
      this.filling.add(filling);
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

  /** Settles a round's jobs and puts those going again first in line; returns how many waitings it put there. */
  private settle(jobs: readonly GroupJob[], result: RoundResult): number {
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
    return again.length;
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
