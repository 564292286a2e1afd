import type { ChangeSetApplier, StepRecorder } from '../contract/applier';
import type { NetconfWriter } from '../contract/netconf';
import type { ChangeSet } from './ChangeSet';
import { expectPhase } from './expectPhase';
import { rpcStep } from './rpcStep';

type Phase = 'idle' | 'prepared' | 'committed' | 'confirmed' | 'rolled-back';

/**
 * Change sets on a device that has only a writable running datastore. There is no candidate to stage in and no
 * confirmed commit to fall back on, so the change set is validated locally against the device's modules, its
 * inverse is computed before anything is sent, and "commit" is the edit on running; rollback applies the inverse.
 * The confirmed-commit timeout has no equivalent here: a controller that dies between commit and confirm leaves the
 * change in place, and the installer's journal (which holds the inverse) is what undoes it.
 */
export class RunningApplier implements ChangeSetApplier {
  private phase: Phase = 'idle';
  private locked = false;
  private pending: ChangeSet | undefined;
  private inverse: ChangeSet | undefined;

  constructor(
    private readonly device: string,
    private readonly netconf: NetconfWriter,
    private readonly record: StepRecorder = () => {},
  ) {}

  /** The inverse of the prepared change set, for the installer's journal. */
  get rollbackChangeSet(): ChangeSet | undefined {
    return this.inverse;
  }

  async prepare(changeSet: ChangeSet): Promise<void> {
    expectPhase(this.device, 'prepare', this.phase, ['idle', 'rolled-back', 'confirmed']);
    changeSet.validate();
    const inverse = changeSet.inverse();
    await rpcStep(this.device, 'prepare', () => this.netconf.lock('running'), this.record);
    this.locked = true;
    this.pending = changeSet;
    this.inverse = inverse;
    this.phase = 'prepared';
  }

  async commitConfirmed(_timeoutS: number, _persistId: string): Promise<void> {
    expectPhase(this.device, 'commitConfirmed', this.phase, ['prepared']);
    const changeSet = this.pending as ChangeSet;
    if (!changeSet.isEmpty) {
      await rpcStep(
        this.device,
        'commit-confirmed',
        () => this.netconf.editConfig('running', changeSet.payload(), 'none'),
        this.record,
        'DRIVER_COMMIT_REJECTED',
      );
    }
    this.phase = 'committed';
  }

  async confirm(_persistId: string): Promise<void> {
    expectPhase(this.device, 'confirm', this.phase, ['committed']);
    this.phase = 'confirmed';
  }

  async rollback(_persistId?: string): Promise<void> {
    const inverse = this.inverse;
    if ((this.phase === 'committed' || this.phase === 'confirmed') && inverse && !inverse.isEmpty) {
      await rpcStep(this.device, 'rollback', () => this.netconf.editConfig('running', inverse.payload(), 'none'), this.record);
    }
    this.phase = 'rolled-back';
  }

  async unlock(): Promise<void> {
    if (!this.locked) return;
    await rpcStep(this.device, 'unlock', () => this.netconf.unlock('running'), this.record);
    this.locked = false;
  }
}
