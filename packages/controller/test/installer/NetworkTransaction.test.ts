import { MilliError } from '@milli/core';
import type { ChangeSet, ChangeSetApplier } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { type DeviceChange, type JournalEntry, runNetworkTransaction } from '../../src/index';

type Step = keyof ChangeSetApplier;

/** An applier that records every call in one shared log and fails the steps it is told to. */
function fakeDevice(device: string, log: string[], failOn: Partial<Record<Step, string>> = {}): DeviceChange {
  const step =
    (name: Step) =>
    async (...args: unknown[]): Promise<void> => {
      log.push(`${device} ${name}${args.length ? `(${args.join(',')})` : ''}`);
      const message = failOn[name];
      if (message !== undefined) throw new MilliError('DRIVER_DEVICE', `${device}: ${message}`, { device });
    };
  const applier: ChangeSetApplier = {
    prepare: step('prepare'),
    commitConfirmed: step('commitConfirmed'),
    confirm: step('confirm'),
    rollback: step('rollback'),
    unlock: step('unlock'),
  };
  // The transaction hands the change set to the applier untouched; the fake applier never reads it.
  return { device, changeSet: {} as ChangeSet, applier };
}

function run(failures: Record<string, Partial<Record<Step, string>>> = {}, verify?: () => Promise<void>) {
  const log: string[] = [];
  const journal: JournalEntry[] = [];
  const changes = ['r1', 'r2', 'r3'].map((d) => fakeDevice(d, log, failures[d]));
  const outcome = runNetworkTransaction(changes, {
    id: 'tx-1',
    confirmTimeoutS: 60,
    journal: (e) => journal.push(e),
    ...(verify ? { verify } : {}),
  });
  return { outcome, log, journal };
}

const calls = (log: string[], step: string) => log.filter((line) => line.endsWith(` ${step}`) || line.includes(` ${step}(`));
const phases = (journal: JournalEntry[]) =>
  journal.map((e) => (e.type === 'phase' ? `${e.phase} ${e.state}` : `rollback ${e.devices.join(',')}`));

describe('runNetworkTransaction', () => {
  it('prepares, commits with the id as persist id, verifies, confirms and unlocks every device', async () => {
    let verified = 0;
    const { outcome, log, journal } = run({}, async () => {
      verified++;
    });
    expect(await outcome).toEqual({ ok: true, id: 'tx-1', devices: ['r1', 'r2', 'r3'] });
    expect(verified).toBe(1);
    expect(calls(log, 'commitConfirmed')).toEqual([
      'r1 commitConfirmed(60,tx-1)',
      'r2 commitConfirmed(60,tx-1)',
      'r3 commitConfirmed(60,tx-1)',
    ]);
    expect(calls(log, 'confirm')).toHaveLength(3);
    expect(calls(log, 'unlock')).toHaveLength(3);
    // Each device's unlock goes right behind its own confirm (pipelined), never before it.
    expect(log.slice(-6)).toEqual(['r1 confirm(tx-1)', 'r1 unlock', 'r2 confirm(tx-1)', 'r2 unlock', 'r3 confirm(tx-1)', 'r3 unlock']);
    expect(calls(log, 'rollback')).toEqual([]);
    expect(phases(journal)).toEqual([
      'prepare started',
      'prepare done',
      'commit started',
      'commit done',
      'verify started',
      'verify done',
      'confirm started',
      'confirm done',
    ]);
  });

  it('a failed prepare commits nowhere and rolls back and unlocks every device', async () => {
    const { outcome, log, journal } = run({ r2: { prepare: 'validate failed' } });
    const result = await outcome;
    expect(result).toMatchObject({ ok: false, failedAt: 'prepare', rolledBack: ['r1', 'r2', 'r3'], rollbackFailures: [] });
    expect(result.ok ? [] : result.failures.map((f) => f.device)).toEqual(['r2']);
    expect(calls(log, 'commitConfirmed')).toEqual([]);
    expect(calls(log, 'rollback')).toEqual(['r1 rollback(tx-1)', 'r2 rollback(tx-1)', 'r3 rollback(tx-1)']);
    expect(calls(log, 'unlock')).toHaveLength(3);
    expect(phases(journal)).toEqual(['prepare started', 'prepare failed', 'rollback r1,r2,r3']);
  });

  it('a failed commit confirms nowhere and rolls every device back', async () => {
    const { outcome, log } = run({ r3: { commitConfirmed: 'commit rejected' } });
    const result = await outcome;
    expect(result).toMatchObject({ ok: false, failedAt: 'commit', rolledBack: ['r1', 'r2', 'r3'] });
    expect(result.ok ? [] : result.failures.map((f) => f.error.message)).toEqual(['r3: commit rejected']);
    expect(calls(log, 'confirm')).toEqual([]);
    expect(calls(log, 'rollback')).toHaveLength(3);
  });

  it('a failed verification confirms nowhere and rolls every device back, naming no single device', async () => {
    const { outcome, log, journal } = run({}, async () => {
      throw new MilliError('DRIVER_DEVICE', 'oper-status is down on r2');
    });
    const result = await outcome;
    expect(result).toMatchObject({ ok: false, failedAt: 'verify', rolledBack: ['r1', 'r2', 'r3'] });
    expect(result.ok ? [] : result.failures).toEqual([
      { device: '*', error: expect.objectContaining({ message: 'oper-status is down on r2' }) },
    ]);
    expect(calls(log, 'confirm')).toEqual([]);
    expect(phases(journal)).toContain('verify failed');
  });

  it('a failed confirm is reported, not rolled back: devices that confirmed cannot be undone by cancel-commit', async () => {
    const { outcome, log } = run({ r1: { confirm: 'session dropped' } });
    const result = await outcome;
    expect(result).toMatchObject({ ok: false, failedAt: 'confirm', rolledBack: [], rollbackFailures: [] });
    expect(result.ok ? [] : result.failures.map((f) => f.device)).toEqual(['r1']);
    expect(calls(log, 'rollback')).toEqual([]);
    expect(calls(log, 'unlock')).toHaveLength(3);
  });

  it('a rollback that fails is reported with its device, the others still roll back, and every device is unlocked', async () => {
    const { outcome, log } = run({ r1: { commitConfirmed: 'commit rejected' }, r2: { rollback: 'cancel-commit refused' } });
    const result = await outcome;
    expect(result).toMatchObject({ ok: false, failedAt: 'commit', rolledBack: ['r1', 'r3'] });
    expect(result.ok ? [] : result.rollbackFailures.map((f) => [f.device, f.error.message])).toEqual([['r2', 'r2: cancel-commit refused']]);
    expect(calls(log, 'unlock')).toEqual(['r1 unlock', 'r2 unlock', 'r3 unlock']);
  });

  it('an unlock that fails during rollback does not hide the rollback result', async () => {
    const { outcome } = run({ r2: { prepare: 'lock denied', unlock: 'not locked' } });
    expect(await outcome).toMatchObject({ ok: false, failedAt: 'prepare', rolledBack: ['r1', 'r2', 'r3'], rollbackFailures: [] });
  });
});
