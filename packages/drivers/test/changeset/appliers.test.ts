import { isMilliError } from '@milli/core';
import {
  CandidateApplier,
  ChangeSet,
  type NetconfOps,
  RoadmDriverVerbs,
  RunningApplier,
  type StepRecord,
  YangDeviceSchema,
} from '@milli/drivers';
import { NetconfError } from '@milli/netconf-client';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeNetconf } from '../fakeNetconf';
import { ROADM_RUNNING } from '../fixtures';

const schema = YangDeviceSchema.forModules();
afterAll(() => schema.dispose());
const roadm = new RoadmDriverVerbs('r1', {} as NetconfOps);

function changeSet() {
  const cs = new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, schema });
  roadm.connectMediaChannel(cs, { name: 'mc-new', channel: 30, from: 'ad-1', to: 'deg-1' });
  return cs;
}

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('CandidateApplier', () => {
  it('prepare, confirmed commit, confirm and unlock send the RFC 6241 sequence and record every step', async () => {
    const netconf = new FakeNetconf();
    const records: StepRecord[] = [];
    const applier = new CandidateApplier('r1', netconf, (r) => records.push(r));
    const cs = changeSet();
    await applier.prepare(cs);
    await applier.commitConfirmed(60, 'tx-1');
    await applier.confirm('tx-1');
    await applier.unlock();
    expect(netconf.calls).toEqual([
      'lock:candidate',
      'discard-changes',
      'edit-config:candidate',
      'validate:candidate',
      'commit:confirmed:60:tx-1',
      'commit',
      'commit:confirm:tx-1',
      'commit',
      'unlock:candidate',
    ]);
    expect(netconf.edits[0]?.config).toBe(cs.payload());
    expect(records.map((r) => r.step)).toEqual(['prepare', 'prepare', 'prepare', 'prepare', 'commit-confirmed', 'confirm', 'unlock']);
    expect(records.every((r) => r.ok && r.device === 'r1' && r.messageId)).toBe(true);
  });

  it('a rejected commit is DRIVER_COMMIT_REJECTED with device, rpc, message-id and error-tag; rollback cancels nothing it did not commit', async () => {
    const netconf = new FakeNetconf();
    const applier = new CandidateApplier('r1', netconf);
    await applier.prepare(changeSet());
    netconf.failing.set('commit', { errorTag: 'operation-failed', errorMessage: 'lab: commit rejected', errorPath: '/x' });
    const error = await rejects(applier.commitConfirmed(30, 'tx-2'));
    expect(isMilliError(error, 'DRIVER_COMMIT_REJECTED')).toBe(true);
    expect((error as { context: Record<string, unknown> }).context).toMatchObject({
      device: 'r1',
      rpc: 'commit',
      errorTag: 'operation-failed',
      path: '/x',
    });
    expect((error as { context: { messageId: string } }).context.messageId).toMatch(/^\d+$/);
    netconf.calls.length = 0;
    await applier.rollback('tx-2');
    await applier.unlock();
    expect(netconf.calls).toEqual(['discard-changes', 'unlock:candidate']);
  });

  it('rollback after a confirmed commit cancels it with the persist id, then discards', async () => {
    const netconf = new FakeNetconf();
    const applier = new CandidateApplier('r1', netconf);
    await applier.prepare(changeSet());
    await applier.commitConfirmed(30, 'tx-3');
    netconf.calls.length = 0;
    await applier.rollback('tx-3');
    expect(netconf.calls).toEqual(['cancel-commit:tx-3', 'discard-changes']);
  });

  it('an RPC that gets no reply is DRIVER_UNREACHABLE (retryable) with device, rpc and message-id, and is recorded', async () => {
    const netconf = new FakeNetconf();
    const records: StepRecord[] = [];
    netconf.validate = () =>
      Promise.reject(new NetconfError('NETCONF_TIMEOUT', 'validate got no reply within 10 ms', { rpc: 'validate', messageId: '7' }));
    const error = await rejects(new CandidateApplier('r1', netconf, (r) => records.push(r)).prepare(changeSet()));
    expect(isMilliError(error, 'DRIVER_UNREACHABLE')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    expect((error as { context: Record<string, unknown> }).context).toMatchObject({
      device: 'r1',
      rpc: 'validate',
      messageId: '7',
      causeCode: 'NETCONF_TIMEOUT',
    });
    expect(records.at(-1)).toMatchObject({ step: 'prepare', rpc: 'validate', messageId: '7', ok: false });
  });

  it('steps out of order are DRIVER_STATE errors', async () => {
    const applier = new CandidateApplier('r1', new FakeNetconf());
    expect(isMilliError(await rejects(applier.confirm('tx')), 'DRIVER_STATE')).toBe(true);
    expect(isMilliError(await rejects(applier.commitConfirmed(10, 'tx')), 'DRIVER_STATE')).toBe(true);
  });

  it("a refused lock sends nothing behind it: another session's uncommitted candidate is not discarded", async () => {
    const netconf = new FakeNetconf();
    netconf.failing.set('lock:candidate', { errorTag: 'lock-denied', errorMessage: 'candidate has uncommitted changes' });
    const applier = new CandidateApplier('r1', netconf);
    expect(isMilliError(await rejects(applier.prepare(changeSet())))).toBe(true);
    expect(netconf.calls).toEqual(['lock:candidate']);
  });

  it('after the lock, a refused edit is the error reported, though the validate behind it was sent in the same turn', async () => {
    const netconf = new FakeNetconf();
    netconf.failing.set('edit-config:candidate', { errorTag: 'operation-failed', errorMessage: 'edit refused' });
    const applier = new CandidateApplier('r1', netconf);
    const error = await rejects(applier.prepare(changeSet()));
    expect((error as Error).message).toContain('edit refused');
    expect(netconf.calls).toEqual(['lock:candidate', 'discard-changes', 'edit-config:candidate', 'validate:candidate']);
    await applier.rollback();
    expect(netconf.calls.at(-1)).toBe('discard-changes');
  });

  it('a failed validate on the device is DRIVER_VALIDATION', async () => {
    const netconf = new FakeNetconf();
    netconf.failing.set('validate:candidate', { errorTag: 'invalid-value', errorMessage: 'bad' });
    expect(isMilliError(await rejects(new CandidateApplier('r1', netconf).prepare(changeSet())), 'DRIVER_VALIDATION')).toBe(true);
  });
});

describe('RunningApplier (running-only devices)', () => {
  it('locks running, edits running at commit, confirms locally, and rolls back with the computed inverse', async () => {
    const netconf = new FakeNetconf();
    const applier = new RunningApplier('r1', netconf);
    const cs = changeSet();
    await applier.prepare(cs);
    expect(netconf.calls).toEqual(['lock:running']);
    await applier.commitConfirmed(30, 'tx');
    expect(netconf.edits).toEqual([{ target: 'running', config: cs.payload() }]);
    await applier.rollback();
    expect(netconf.edits[1]?.target).toBe('running');
    expect(netconf.edits[1]?.config).toBe(cs.inverse().payload());
    expect(netconf.edits[1]?.config).toContain('nc:operation="delete"><name>mc-new</name>');
    await applier.unlock();
    expect(netconf.calls.at(-1)).toBe('unlock:running');
    expect(netconf.calls.some((c) => c.includes('candidate'))).toBe(false);
  });

  it('rollback before commit sends nothing (running was never touched)', async () => {
    const netconf = new FakeNetconf();
    const applier = new RunningApplier('r1', netconf);
    await applier.prepare(changeSet());
    await applier.rollback();
    expect(netconf.edits).toEqual([]);
  });

  it('a device refusing the edit on running is DRIVER_COMMIT_REJECTED', async () => {
    const netconf = new FakeNetconf();
    const applier = new RunningApplier('r1', netconf);
    await applier.prepare(changeSet());
    netconf.failing.set('edit-config:running', { errorTag: 'operation-failed', errorMessage: 'no' });
    expect(isMilliError(await rejects(applier.commitConfirmed(30, 'tx')), 'DRIVER_COMMIT_REJECTED')).toBe(true);
  });
});
