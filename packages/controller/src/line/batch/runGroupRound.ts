import { type Logger, MilliError } from '@milli/core';
import { type DeviceChange, type DeviceFailure, runNetworkTransaction, type TransactionOutcome } from '../../installer/NetworkTransaction';
import type { PlannedItem } from '../../installer/plan/PlannedItem';
import type { DriverSource } from '../../installer/plan/renderChanges';
import type { Difference } from '../../installer/verifyItems';
import type { InstallOutcome } from '../LineInstaller';
import { recordsOf } from '../recoverTransaction';
import type { GroupJob, RenderedJob } from './GroupJob';
import { type Blame, type Isolation, isolateFailure } from './isolateFailure';
import { RoundDraft } from './RoundDraft';

export interface RoundParts {
  drivers: DriverSource;
  confirmTimeoutS: number;
  /** Reads the devices back: each difference from the plan, once signal-only ones had `settleMs` (`settledDifferences`). */
  readBack(present: readonly PlannedItem[], absent: readonly PlannedItem[], settleMs: number): Promise<Difference[]>;
  /**
   * The devices validate every edit before it takes effect (a candidate's validate before the commit, a running
   * datastore's edit-config test-then-set), with the same modules: a round of several lines then sends its joined
   * change sets without validating them here first, which would cost the controller as much as it costs the
   * devices. A device refusing one fails the round at prepare, every device is rolled back and its lines are
   * bisected as for any refusal; a line alone still validates as it renders, so its YANG problem is named before
   * anything is sent. Without it, each device's joined change set is validated here once per round.
   */
  devicesValidate?: boolean;
  /** The network transaction (tests give fakes through the drivers' appliers; this is the real one). */
  transact?: typeof runNetworkTransaction;
  log: Logger;
}

/** What became of each job: a final outcome (or the error that stopped it), or another round. */
export interface RoundResult {
  settled: Map<GroupJob, { outcome: InstallOutcome } | { error: unknown }>;
  retry: Isolation['retry'];
  /** Its network transaction confirmed on every device: they hold what the round rendered. */
  committed?: boolean;
}

/** A round rendered and not yet sent: what `transactRound` sends, and what the next round may begin from. */
export interface RenderedRound {
  /** Jobs already settled: they could not be rendered (nothing of theirs is in the round). */
  settled: RoundResult['settled'];
  rendered: { job: GroupJob; part: RenderedJob; devices: string[] }[];
  /** One change per device: every rendered job's change set for it, joined. */
  merged: DeviceChange[];
  /** Devices whose joined change set failed YANG validation (nothing is sent then). */
  refused: DeviceFailure[];
  /** Lines the round takes off the network (a round rendered behind it knows they are gone). */
  releasedLines: ReadonlySet<string>;
}

/**
 * One round of a group commit: the jobs render one after the other on chained change sets (a job that cannot be
 * rendered fails alone); with more than one job, each device's joined change set is YANG-validated once (a device
 * refusing it fails the round at prepare before anything is journaled or sent, so the jobs on it are bisected); each
 * journals its own part under the round's persist id before any device is touched, and
 * all go to the devices as ONE network transaction: one edit-config per device holding every job's edits, one
 * confirmed commit, one read-back per device checking every job's items, one confirm. On success each job gets its
 * own outcome; on failure everything was rolled back and `isolateFailure` says who is to blame and who goes again.
 */
export async function runGroupRound(
  parts: RoundParts,
  jobs: readonly GroupJob[],
  persistId: string,
  locked: ReadonlySet<string>,
): Promise<RoundResult> {
  return transactRound(parts, await renderRound(parts, jobs, locked), persistId);
}

/**
 * The first half of a round, which touches no device but to read it: render and validate. With `after` (the round
 * before on some of these devices, rendered and on its way to them), those devices are not read: their change sets
 * begin where that round's end, and the lines it releases count as gone. Such a round is only sent if that one
 * committed (GroupCommit renders it again otherwise).
 */
export function renderRound(
  parts: RoundParts,
  jobs: readonly GroupJob[],
  locked: ReadonlySet<string>,
  after?: RenderedRound,
): Promise<RenderedRound> {
  // A job alone validates as it renders, as without group commit: a YANG problem is its render error.
  const draft = new RoundDraft(parts, { deferValidation: jobs.length > 1, ...(after ? { after } : {}) });
  draft.add(jobs, locked, { prefetch: jobs.length > 1 });
  return draft.finish();
}

/** The second half of a round: journal every job's part, then one network transaction for all (see runGroupRound). */
export async function transactRound(parts: RoundParts, round: RenderedRound, persistId: string): Promise<RoundResult> {
  const { rendered, merged, refused } = round;
  const settled: RoundResult['settled'] = new Map(round.settled);
  if (rendered.length === 0) return { settled, retry: [] };
  const targets = rendered.map((r) => ({ job: r.job, devices: r.devices }));

  if (refused.length > 0) {
    // Left alone (the others failed to render), the job goes again by itself and validates as it renders: its YANG
    // problem is then its render error, as for any job alone.
    if (rendered.length === 1) return { settled, retry: [{ jobs: [rendered[0]!.job], alone: true }] };
    const outcome: TransactionOutcome = {
      ok: false,
      id: persistId,
      failedAt: 'prepare',
      failures: refused,
      rolledBack: [],
      rollbackFailures: [],
    };
    const isolation = isolateFailure(outcome, targets);
    for (const [job, result] of isolation.settled) settled.set(job, { outcome: result });
    logFailure(parts.log, persistId, outcome, rendered.length);
    return { settled, retry: isolation.retry };
  }
  // Every job's row at once: the store issues the writes in call order and commits them together, where awaiting
  // each in turn cost a commit per line (a quarter of a second for a round of 200 moves).
  const begun = await Promise.allSettled(rendered.map((r) => r.job.tx.begin(recordsOf(r.part.changes), r.job.installed, persistId)));
  const unjournaled = rendered.filter((_, i) => begun[i]!.status === 'rejected');
  if (unjournaled.length > 0) {
    // The chain already counts these jobs' edits: the others go again in a round of their own, without them.
    for (const r of unjournaled) settled.set(r.job, { error: (begun[rendered.indexOf(r)] as PromiseRejectedResult).reason });
    const others = rendered.filter((o) => !settled.has(o.job)).map((o) => o.job);
    return { settled, retry: others.length ? [{ jobs: others, alone: false }] : [] };
  }

  const blame = new Map<GroupJob, Blame>();
  const transact = parts.transact ?? runNetworkTransaction;
  const outcome = await transact(merged, {
    id: persistId,
    confirmTimeoutS: parts.confirmTimeoutS,
    journal: (e) => {
      for (const r of rendered) {
        if (e.type === 'phase') r.job.tx.step(e.phase, e.state, r.devices);
        else
          r.job.tx.step(
            'rollback',
            'started',
            r.devices.filter((d) => e.devices.includes(d)),
          );
      }
    },
    verify: async () => {
      const differences = await readBackRound(parts, rendered);
      for (const [job, problems] of differences) blame.set(job, problems);
      if (differences.size > 0) {
        const problems = [...differences].flatMap(([job, found]) => found.problems.map((p) => `${job.line}: ${p}`));
        parts.log.child({ transaction: persistId }).warn({ problems: problems.slice(0, 10), count: problems.length }, 'read-back differs');
        throw new MilliError('INSTALL_FAILED', `read-back differs from the plan for ${differences.size} of ${rendered.length} lines`, {
          lines: [...differences.keys()].map((j) => j.line),
        });
      }
    },
  });
  const isolation = isolateFailure(outcome, targets, blame);
  for (const [job, result] of isolation.settled) settled.set(job, { outcome: result });
  if (!outcome.ok) logFailure(parts.log, persistId, outcome, rendered.length);
  return { settled, retry: isolation.retry, committed: outcome.ok };
}

/**
 * Every device of the round read once, every job's items checked: the last job of the round to speak of an item
 * says whether it should be there (a release's removed ODU0 that a later install of the round creates again is
 * expected present). Each difference is laid at the door of that job.
 */
async function readBackRound(parts: RoundParts, rendered: { job: GroupJob; part: RenderedJob }[]): Promise<Map<GroupJob, Blame>> {
  const expected = new Map<string, { item: PlannedItem; present: boolean; job: GroupJob }>();
  const key = (i: { device: string; layer: string; name: string }) => `${i.device}|${i.layer}|${i.name}`;
  for (const { job, part } of rendered) {
    for (const item of part.check.present) expected.set(key(item), { item, present: true, job });
    for (const item of part.check.absent) expected.set(key(item), { item, present: false, job });
  }
  const all = [...expected.values()];
  const differences = await parts.readBack(
    all.filter((e) => e.present).map((e) => e.item),
    all.filter((e) => !e.present).map((e) => e.item),
    Math.max(0, ...rendered.map((r) => r.job.settleMs ?? 0)),
  );
  const blame = new Map<GroupJob, Blame>();
  for (const d of differences) {
    const job = expected.get(key(d))?.job;
    // A difference nobody planned cannot be laid at anyone's door: every job is suspect.
    for (const suspect of job ? [job] : rendered.map((r) => r.job)) {
      const found = blame.get(suspect) ?? { devices: new Set<string>(), problems: [] };
      found.devices.add(d.device);
      found.problems.push(`${d.device} ${d.layer} ${d.name}: ${d.problem}`);
      blame.set(suspect, found);
    }
  }
  return blame;
}

function logFailure(log: Logger, persistId: string, outcome: TransactionOutcome & { ok: false }, lines: number): void {
  log
    .child({ transaction: persistId })
    .warn(
      { phase: outcome.failedAt, lines, devices: outcome.failures.map((f) => f.device), rolledBack: outcome.rolledBack.length },
      'group transaction failed',
    );
}
