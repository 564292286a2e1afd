import type { ChangeSetApplier, StepRecorder } from '../contract/applier';
import type { NetconfCommitter, NetconfWriter } from '../contract/netconf';
import type { ChangeSet } from './ChangeSet';
import { expectPhase } from './expectPhase';
import { rpcStep } from './rpcStep';

type Phase = 'idle' | 'prepared' | 'committed' | 'confirmed' | 'rolled-back';

/**
 * Change sets on a device with a candidate datastore and confirmed commit (RFC 6241 sections 8.3 and 8.4):
 * lock candidate, edit, validate; confirmed commit with a persist id so any session (or a restarted controller)
 * can confirm or cancel it; rollback cancels the confirmed commit and discards the candidate.
 */
export class CandidateApplier implements ChangeSetApplier {
  private phase: Phase = 'idle';
  private locked = false;

  constructor(
    private readonly device: string,
    private readonly netconf: NetconfWriter & NetconfCommitter,
    private readonly record: StepRecorder = () => {},
  ) {}

  async prepare(changeSet: ChangeSet): Promise<void> {
    expectPhase(this.device, 'prepare', this.phase, ['idle', 'rolled-back', 'confirmed']);
    // The lock alone first: it is refused when another session holds the candidate or has uncommitted edits in it,
    // and a discard-changes sent behind it would then throw those edits away.
    await rpcStep(this.device, 'prepare', () => this.netconf.lock('candidate'), this.record);
    this.locked = true;
    // Ours now: the rest goes back to back in one round trip (a server processes requests in the order received,
    // RFC 6241 4.1). A candidate left dirty by someone else must not ride along with our edits; after a failed edit
    // the validate checks an untouched candidate, and the first failure in order is the one reported.
    const steps: Promise<unknown>[] = [rpcStep(this.device, 'prepare', () => this.netconf.discardChanges(), this.record)];
    if (!changeSet.isEmpty) {
      steps.push(rpcStep(this.device, 'prepare', () => this.netconf.editConfig('candidate', changeSet.payload(), 'none'), this.record));
    }
    steps.push(rpcStep(this.device, 'prepare', () => this.netconf.validate('candidate'), this.record, 'DRIVER_VALIDATION'));
    const settled = await Promise.allSettled(steps);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    this.phase = 'prepared';
  }

  async commitConfirmed(timeoutS: number, persistId: string): Promise<void> {
    expectPhase(this.device, 'commitConfirmed', this.phase, ['prepared']);
    await rpcStep(
      this.device,
      'commit-confirmed',
      () => this.netconf.commit({ confirmed: true, confirmTimeoutS: timeoutS, persist: persistId }),
      this.record,
      'DRIVER_COMMIT_REJECTED',
    );
    this.phase = 'committed';
  }

  async confirm(persistId: string): Promise<void> {
    expectPhase(this.device, 'confirm', this.phase, ['committed']);
    await rpcStep(this.device, 'confirm', () => this.netconf.commit({ persistId }), this.record, 'DRIVER_COMMIT_REJECTED');
    this.phase = 'confirmed';
  }

  async rollback(persistId?: string): Promise<void> {
    if (this.phase === 'committed') {
      await rpcStep(this.device, 'rollback', () => this.netconf.cancelCommit(persistId), this.record);
    }
    if (this.locked) await rpcStep(this.device, 'rollback', () => this.netconf.discardChanges(), this.record);
    this.phase = 'rolled-back';
  }

  async unlock(): Promise<void> {
    if (!this.locked) return;
    await rpcStep(this.device, 'unlock', () => this.netconf.unlock('candidate'), this.record);
    this.locked = false;
  }
}
