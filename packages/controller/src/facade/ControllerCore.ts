import type { Clock, Logger } from '@milli/core';
import type { Semaphore } from '@milli/drivers';
import type { PceGraph, ResourceLedger } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import type { IntentLifecycles } from '../lifecycle/IntentLifecycles';
import type { LineInstaller } from '../line/LineInstaller';
import type { ProtectionStateReader } from '../line/ProtectionStateReader';
import type { ControllerStore } from '../store/ControllerStore';
import type { LineQueues } from './LineQueues';
import type { RestorationTurns } from './RestorationTurns';

/** What the use cases share: the parts the composition root bound, and the controller's live state. */
export interface ControllerCore {
  store: ControllerStore;
  installer: LineInstaller;
  index: TopologyIndex;
  graph: PceGraph;
  ledger: ResourceLedger;
  /** Reads the leg a 1+1 line's protection groups select (when the installer reaches real devices). */
  protection?: ProtectionStateReader;
  clock: Clock;
  log: Logger;
  lifecycles: IntentLifecycles;
  queues: LineQueues;
  /** Bounds the network transactions in flight across all lines. */
  transactions: Semaphore;
  /** Fibres with an alarm standing on them anywhere in the network (assurance keeps it): restoration avoids them. */
  failedFibres: Set<string>;
  /** Restorations compute and reserve one at a time, highest SLA tier first. */
  restorations: RestorationTurns;
  /**
   * Per degraded line whose last restoration found no path: the fibres that were failed then. It is tried again only
   * once one of them is back (see markLineFault); while they all stay down its answer cannot change.
   */
  fruitless: Map<string, ReadonlySet<string>>;
  /**
   * The faults standing in the network now, read from the alarms (assurance sets it when it follows them): what a
   * restoration cut short by a restart is judged against. Unset without an alarm source.
   */
  standingFaults?: () => Promise<StandingFaults>;
  /**
   * Revertive lines whose original path is whole again wait `afterMs` before they go back (revertLine); `waiting`
   * holds the timer of each line waiting, cancelled if a fibre of its original path fails again meanwhile.
   * `notRevertive` holds the intents read once and found not revertive (fixed for an intent's life): a line is asked
   * after every change of its alarms, and reading its installed items and its intent's compilation each time to
   * learn that again was most of the work of a restored line during the other lines' moves.
   */
  reverts: { afterMs: number; waiting: Map<string, { cancel(): void }>; notRevertive: Set<string> };
  /** Attempts at computing and reserving before an intent fails for want of resources. */
  reserveAttempts: number;
  /** Re-arms the timers of an intent's new schedule entries. */
  arm(entries: { id: string; intent: string; action: 'start' | 'end' | 'release'; at: number }[]): void;
}

/** The root causes of the alarms standing now: per line its faults (`fibre F`, `device D`, `port …`), and the failed fibres. */
export interface StandingFaults {
  byLine: Map<string, string[]>;
  failedFibres: string[];
}
