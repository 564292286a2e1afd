import type { ChangeSet } from '../changeset/ChangeSet';

/** One step of applying a change set, as the installer journals it. */
export interface StepRecord {
  device: string;
  step: 'prepare' | 'commit-confirmed' | 'confirm' | 'rollback' | 'unlock';
  rpc: string;
  messageId?: string;
  ok: boolean;
  errorTag?: string;
  errorMessage?: string;
  at: number;
  durationMs: number;
}

export type StepRecorder = (record: StepRecord) => void;

/**
 * Applies change sets to one device in the steps of a network-wide transaction. Each step is build, send, record:
 * it either completes or throws a DriverError (device, rpc, message-id, error-tag, path) after recording the reply.
 * Order: prepare → commitConfirmed → confirm → unlock; rollback is allowed after prepare or commitConfirmed.
 */
export interface ChangeSetApplier {
  /** Lock, load the edits (candidate: edit-config + validate; running-only: local validation and the inverse). */
  prepare(changeSet: ChangeSet): Promise<void>;
  /** Make the change live but revertible: confirmed commit (candidate) or edit on running (running-only). */
  commitConfirmed(timeoutS: number, persistId: string): Promise<void>;
  /** Make the change permanent. */
  confirm(persistId: string): Promise<void>;
  /** Undo whatever has happened so far: cancel-commit and discard-changes, or the inverse edit on running. */
  rollback(persistId?: string): Promise<void>;
  unlock(): Promise<void>;
}
