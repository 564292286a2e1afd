import { MilliError } from '@milli/core';
import type { InstalledLine, InstallerContext, StageTimes } from './InstallerContext';
import { type DeviceChange, runNetworkTransaction, type TransactionPhase } from './NetworkTransaction';

/**
 * Runs a line's change sets as one network-wide transaction with the given read-back as its verify step, and
 * returns how long each phase took. Any failure (a device refused, or the read-back differs from the plan) has
 * rolled every device back by the time this throws INSTALL_FAILED with the outcome in its context.
 */
export async function applyLineChanges(
  ctx: InstallerContext,
  transaction: string,
  changes: DeviceChange[],
  verify: () => Promise<void>,
  plan?: InstalledLine,
): Promise<StageTimes['phases']> {
  const phases: StageTimes['phases'] = {};
  const started = new Map<TransactionPhase, number>();
  await ctx.transaction?.begin(changes, plan);
  const outcome = await runNetworkTransaction(changes, {
    id: ctx.transaction?.id ?? transaction,
    confirmTimeoutS: ctx.confirmTimeoutS ?? 120,
    verify,
    journal: (entry) => {
      if (entry.type === 'phase') {
        if (entry.state === 'started') started.set(entry.phase, performance.now());
        else phases[entry.phase] = performance.now() - (started.get(entry.phase) ?? performance.now());
      }
      ctx.journal?.(entry);
    },
  });
  if (!outcome.ok) {
    const why = outcome.failures.map((f) => `${f.device}: ${f.error.message}`).join('; ');
    ctx.logger?.warn({ transaction, failedAt: outcome.failedAt, rolledBack: outcome.rolledBack }, 'line transaction failed');
    throw new MilliError('INSTALL_FAILED', `${transaction} failed at ${outcome.failedAt} and was rolled back: ${why}`, {
      transaction,
      failedAt: outcome.failedAt,
      failures: outcome.failures.map((f) => ({ device: f.device, message: f.error.message })),
      rolledBack: outcome.rolledBack,
      rollbackFailures: outcome.rollbackFailures.map((f) => ({ device: f.device, message: f.error.message })),
    });
  }
  return phases;
}
