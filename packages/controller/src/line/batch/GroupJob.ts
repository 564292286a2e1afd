import type { DeviceChange } from '../../installer/NetworkTransaction';
import type { PlannedItem } from '../../installer/plan/PlannedItem';
import type { DriverSource } from '../../installer/plan/renderChanges';
import type { TransactionContext } from '../LineInstaller';

/** What a line's part of a transaction is verified by: its planned items present, and the items it removes gone. */
export interface ReadBackCheck {
  present: readonly PlannedItem[];
  absent: readonly PlannedItem[];
}

/** What the lines before a job in its round do, which the job's rendering must take into account. */
export interface RoundSoFar {
  /** Lines taken off the network by earlier jobs of the round (the ledger still counts them until their transition). */
  releasedLines: ReadonlySet<string>;
}

/** A job's change sets (each starting where the round's earlier jobs leave its device) and its read-back. */
export interface RenderedJob {
  changes: DeviceChange[];
  check: ReadBackCheck;
}

/**
 * One line's install or release, waiting to go to the devices in a group commit with others. It keeps its own
 * transaction (row, journal, outcome); the round renders it, journals it and runs it with the others as one network
 * transaction whose persist id they share.
 */
export interface GroupJob {
  line: string;
  tx: TransactionContext;
  /** Every device the job may write: its round holds them all. */
  devices: readonly string[];
  /** A release names its line, so later jobs of the round know the line is gone. */
  releases?: string;
  /** What the line holds once done: the transaction row's plan and the outcome's `installed`. */
  installed: unknown;
  /**
   * How long the read-back waits for entries configured as planned whose signal has not come back yet (a move: its
   * untouched entries may sit downstream of new ones). The round waits the longest its jobs ask; none waits by default.
   */
  settleMs?: number;
  /** A line moved to another path (restoration, re-protection): rounds of moves only may be larger (`maxMoves`). */
  move?: boolean;
  /** Renders the job's change sets through `drivers`, whose change sets start where the round's earlier jobs end. */
  render(drivers: DriverSource, soFar: RoundSoFar): Promise<RenderedJob>;
}
