/** A fault injected into one mock device: what the milli-lab RPCs do, for in-process callers (the lab host). */
export type LabFault =
  /** The fibre at one of this device's ports goes dark (the lab sends it to both ends). */
  | { kind: 'cut-fibre'; fibre: string }
  | { kind: 'restore-fibre'; fibre: string }
  /** The next commit (or edit of running on a running-only device) fails with operation-failed. */
  | { kind: 'reject-next-commit'; message?: string }
  /** Added before every reply from now on; 0 removes it. */
  | { kind: 'delay'; ms: number }
  /** The device's onCrash callback runs (process.exit(1) unless the host chose otherwise). */
  | { kind: 'crash' }
  /** Restore every fibre, disarm reject-next-commit, delay 0. */
  | { kind: 'clear-faults' };
