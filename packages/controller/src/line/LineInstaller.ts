import type { DeviceChangeRecord, StoredJournalEntry, StoredTransaction } from '../store/ControllerStore';

/**
 * What the controller needs of an installer: put a computed path on the network for a line as one network-wide
 * transaction, take it off, move it to another path, change it, and settle a transaction a previous process left open. The installer owns
 * what it put on the devices (`installed`, its own plain data, kept by the controller with the line); the controller
 * owns ids, the journal's storage and the lifecycle.
 */
export interface LineInstaller {
  /** `reserved`: the line's numbered reservation, made when the intent was compiled (the installer's own plain data). */
  install(request: { line: string; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome>;
  release(request: { line: string; installed: unknown }, tx: TransactionContext): Promise<InstallOutcome>;
  /**
   * Moves an installed line onto a new reservation (`reserved`, already booked) in one transaction that changes only
   * the difference: what both share stays untouched, the rest of the old comes off and the new goes on.
   */
  replace(request: { line: string; installed: unknown; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome>;
  /** Changes the line's bandwidth in place; the installer re-books the line's own reservation in the ledger. */
  resize(request: { line: string; installed: unknown; bandwidthKbps: number }, tx: TransactionContext): Promise<InstallOutcome>;
  /** Finishes or undoes an open transaction on every device it touched, then checks each against the outcome chosen. */
  recover(open: StoredTransaction, journal: StoredJournalEntry[], tx: TransactionContext): Promise<RecoveryOutcome>;
}

/** The transaction an installer runs under: its id (also the persist id) and the journal it must write. */
export interface TransactionContext {
  id: string;
  /**
   * Before any device is touched: every device's full change set, and what the line will hold when it is done.
   * `persistId` (default: the transaction id) is the confirmed commit's: lines committed together in one group
   * transaction share it. Begun again (a group transaction rolled back and run anew), the new change sets and
   * persist id replace the old ones.
   */
  begin(changes: DeviceChangeRecord[], plan: unknown, persistId?: string): Promise<void>;
  /** Before and after each phase. */
  step(phase: string, state: 'started' | 'done' | 'failed', devices: string[]): void;
}

export type InstallOutcome =
  | {
      ok: true;
      installed: unknown;
      devices: string[];
      /** A release: the groomed links whose lightpaths it took off the network (their reservations go too). */
      removedLightpaths?: string[];
    }
  | { ok: false; phase: string; devices: string[]; message: string; rolledBack: string[] };

export interface RecoveryOutcome {
  /** `finished`: the transaction's changes hold on every device; `undone`: none of them does. */
  direction: 'finished' | 'undone';
  /** Devices whose configuration was changed to get there. */
  repaired: string[];
  /** Devices found in the state the direction requires after recovery; a device missing here could not be checked or fixed. */
  consistent: boolean;
  devices: string[];
}
