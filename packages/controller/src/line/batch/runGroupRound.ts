import { type Logger, MilliError } from '@milli/core';
import { ChangeSet } from '@milli/drivers';
import { type DeviceChange, type DeviceFailure, runNetworkTransaction, type TransactionOutcome } from '../../installer/NetworkTransaction';
import type { PlannedItem } from '../../installer/plan/PlannedItem';
import type { DriverSource } from '../../installer/plan/renderChanges';
import type { Difference } from '../../installer/verifyItems';
import type { InstallOutcome } from '../LineInstaller';
import { recordsOf } from '../recoverTransaction';
import { ChainedDrivers } from './ChainedDrivers';
import type { GroupJob, RenderedJob } from './GroupJob';
import { type Blame, type Isolation, isolateFailure } from './isolateFailure';

export interface RoundParts {
  drivers: DriverSource;
  confirmTimeoutS: number;
  /** Reads the devices back: each difference from the plan, once signal-only ones had `settleMs` (`settledDifferences`). */
  readBack(present: readonly PlannedItem[], absent: readonly PlannedItem[], settleMs: number): Promise<Difference[]>;
  /** The network transaction (tests give fakes through the drivers' appliers; this is the real one). */
  transact?: typeof runNetworkTransaction;
  log: Logger;
}

/** What became of each job: a final outcome (or the error that stopped it), or another round. */
export interface RoundResult {
  settled: Map<GroupJob, { outcome: InstallOutcome } | { error: unknown }>;
  retry: Isolation['retry'];
}

/**
 * One round of a group commit: the jobs render one after the other on chained change sets (a job that cannot be
 * rendered fails alone); with more than one job (unless all are moves: the devices validate those), each device's
 * joined change set is YANG-validated once (a device refusing it fails the round at prepare before anything is
 * journaled or sent, so the jobs on it are bisected); each journals its own part under the round's persist id
 * before any device is touched, and
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
  const settled: RoundResult['settled'] = new Map();
  // A job alone validates as it renders, as without group commit: a YANG problem is its render error.
  const deferValidation = jobs.length > 1;
  // A round of several moves (the lines of a cut fibre, racing their SLA) leaves YANG validation to the devices, which
  // validate the edit anyway: validating every device's joined change set here first took half a second of the
  // controller's one thread on the way to the devices under a cut of 200 lines. A device that refuses fails the
  // round at prepare, every device is rolled back and the jobs on it are bisected as for any refusal; alone, a job
  // validates as it renders again.
  const validateHere = deferValidation && !jobs.every((j) => j.move);
  const chain = new ChainedDrivers(parts.drivers, { deferValidation });
  if (jobs.length > 1) chain.prefetch(locked);
  const rendered: { job: GroupJob; part: RenderedJob; devices: string[] }[] = [];
  const releasedLines = new Set<string>();
  for (const job of jobs) {
    try {
      const part = await job.render(chain.view(), { releasedLines });
      const outside = part.changes.filter((c) => !locked.has(c.device)).map((c) => c.device);
      if (outside.length > 0) {
        throw new MilliError('INTERNAL', `line ${job.line} would change ${outside.join(', ')}, which its round does not hold`, {
          line: job.line,
          devices: outside,
        });
      }
      chain.accept(part.changes);
      rendered.push({ job, part, devices: part.changes.map((c) => c.device) });
      if (job.releases) releasedLines.add(job.releases);
    } catch (error) {
      settled.set(job, { error });
    }
  }
  if (rendered.length === 0) return { settled, retry: [] };
  const targets = rendered.map((r) => ({ job: r.job, devices: r.devices }));

  const merged = mergeByDevice(rendered.map((r) => r.part.changes));
  const refused = validateHere ? validateJoined(merged) : [];
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
  return { settled, retry: isolation.retry };
}

/** One change per device: every job's change set for it, joined in the order the jobs rendered. */
function mergeByDevice(parts: DeviceChange[][]): DeviceChange[] {
  const byDevice = new Map<string, DeviceChange[]>();
  for (const changes of parts) for (const c of changes) byDevice.set(c.device, [...(byDevice.get(c.device) ?? []), c]);
  return [...byDevice].map(([device, changes]) => ({
    device,
    changeSet: ChangeSet.joined(changes.map((c) => c.changeSet)),
    applier: changes[0]!.applier,
  }));
}

/** Each device's joined change set YANG-validated once (every job's edits, every module they change); who refused. */
function validateJoined(merged: readonly DeviceChange[]): DeviceFailure[] {
  const failures: DeviceFailure[] = [];
  for (const { device, changeSet } of merged) {
    if (!changeSet.hasSchema) continue;
    try {
      changeSet.validate();
    } catch (error) {
      failures.push({ device, error: error as Error });
    }
  }
  return failures;
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
