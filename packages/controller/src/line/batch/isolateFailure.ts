import type { TransactionOutcome } from '../../installer/NetworkTransaction';
import type { InstallOutcome } from '../LineInstaller';
import type { GroupJob } from './GroupJob';

/** What a read-back found wrong with one job's items. */
export interface Blame {
  devices: Set<string>;
  problems: string[];
}

/** Jobs to run again: `alone` ones as a round of their own (never merged with others), the rest with whoever waits. */
export interface Isolation {
  settled: Map<GroupJob, InstallOutcome>;
  retry: { jobs: GroupJob[]; alone: boolean }[];
}

/**
 * Pure: each job's outcome from its round's network transaction, or another round for it. A round that succeeded
 * succeeded for every job. A confirm that failed on some devices cannot be undone where it succeeded: the jobs on
 * those devices fail, the others are done. Any earlier failure rolled every device back, so nobody is lost and
 * nothing is applied twice: a job alone in its round has its answer; otherwise the jobs a read-back blamed go again
 * alone, the jobs on the failed devices go again split in halves (a bisection, since the device cannot say whose edit
 * it refused), and the jobs on no failed device go again together.
 */
export function isolateFailure(
  outcome: TransactionOutcome,
  jobs: readonly { job: GroupJob; devices: readonly string[] }[],
  blame: ReadonlyMap<GroupJob, Blame> = new Map(),
): Isolation {
  const settled = new Map<GroupJob, InstallOutcome>();
  const done = (job: GroupJob, devices: readonly string[]) =>
    settled.set(job, { ok: true, installed: job.installed, devices: [...devices] });
  if (outcome.ok) {
    for (const j of jobs) done(j.job, j.devices);
    return { settled, retry: [] };
  }
  const failed = new Set(outcome.failures.map((f) => f.device));
  const touches = (devices: readonly string[]) => failed.has('*') || devices.some((d) => failed.has(d));
  const failure = (job: GroupJob, devices: readonly string[]): InstallOutcome => {
    const found = blame.get(job);
    return {
      ok: false,
      phase: outcome.failedAt,
      devices: found ? [...found.devices] : outcome.failures.map((f) => f.device).filter((d) => d === '*' || devices.includes(d)),
      message: found
        ? `read-back differs from the plan: ${found.problems.slice(0, 5).join('; ')}${found.problems.length > 5 ? ` (+${found.problems.length - 5} more)` : ''}`
        : outcome.failures.map((f) => `${f.device}: ${f.error.message}`).join('; '),
      rolledBack: outcome.rolledBack.filter((d) => devices.includes(d)),
    };
  };

  if (outcome.failedAt === 'confirm') {
    for (const j of jobs) {
      if (touches(j.devices)) settled.set(j.job, failure(j.job, j.devices));
      else done(j.job, j.devices);
    }
    return { settled, retry: [] };
  }
  if (jobs.length === 1) {
    const [only] = jobs;
    settled.set(only!.job, failure(only!.job, only!.devices));
    return { settled, retry: [] };
  }
  const blamed = jobs.filter((j) => blame.has(j.job));
  const onFailedDevices = jobs.filter((j) => touches(j.devices));
  const suspects = blamed.length > 0 ? blamed : onFailedDevices.length > 0 ? onFailedDevices : jobs;
  const innocent = jobs.filter((j) => !suspects.includes(j)).map((j) => j.job);
  const retry: Isolation['retry'] = innocent.length > 0 ? [{ jobs: innocent, alone: false }] : [];
  if (blamed.length > 0 || suspects.length === 1) for (const j of suspects) retry.push({ jobs: [j.job], alone: true });
  else {
    const half = Math.ceil(suspects.length / 2);
    retry.push({ jobs: suspects.slice(0, half).map((j) => j.job), alone: true });
    retry.push({ jobs: suspects.slice(half).map((j) => j.job), alone: true });
  }
  return { settled, retry };
}
