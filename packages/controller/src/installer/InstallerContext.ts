import type { Logger } from '@milli/core';
import type { PceGraph, PceOptions, PceResult, ResourceLedger } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import type { DeviceChange, JournalEntry, TransactionOutcome, TransactionPhase } from './NetworkTransaction';
import type { PlannedItem } from './plan/PlannedItem';
import type { ReservedLine } from './plan/ReservedLine';
import type { DriverSource } from './plan/renderChanges';

/** What the installer's use cases work with: passed in, never global. */
export interface InstallerContext {
  index: TopologyIndex;
  graph: PceGraph;
  ledger: ResourceLedger;
  drivers: DriverSource;
  logger?: Logger;
  /** Seconds a device waits for the confirm before it rolls back on its own (default 120). */
  confirmTimeoutS?: number;
  journal?: (entry: JournalEntry) => void;
  pce?: PceOptions;
  /**
   * The caller's own transaction (the controller's): its id is the persist id, and `begin` journals every device's
   * change set (and what the line will hold once it is done) before any device is touched.
   */
  transaction?: { id: string; begin(changes: DeviceChange[], plan?: InstalledLine): Promise<void> };
}

/** A line on the network: what it holds in the ledger and on the devices. Plain data, for the store. */
export interface InstalledLine {
  line: string;
  reserved: ReservedLine;
  /** Every entry the line put on the devices, in creation order (shared ones included: they name their sharer). */
  items: PlannedItem[];
  /** The devices its items are on. */
  devices: string[];
}

/** Milliseconds per stage of one use case. */
export interface StageTimes {
  computeMs: number;
  reserveMs: number;
  planMs: number;
  /** Reading each device's config and adding the line's edits to its change set. */
  renderMs: number;
  /** The part of `renderMs` spent adding edits: the verbs, applying them to the config, local YANG validation. */
  editsMs: number;
  /** The part of `editsMs` spent in local YANG validation alone (the change sets' schema). */
  localValidationMs: number;
  phases: Partial<Record<TransactionPhase, number>>;
  totalMs: number;
}

export interface ProvisionResult {
  installed: InstalledLine;
  result: PceResult & { ok: true };
  times: StageTimes;
}

/** The transaction outcome a failed use case carries in its error's context. */
export type FailedTransaction = TransactionOutcome & { ok: false };
