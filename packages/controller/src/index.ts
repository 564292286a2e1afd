export {
  runNetworkTransaction,
  type DeviceChange,
  type DeviceFailure,
  type JournalEntry,
  type TransactionOptions,
  type TransactionOutcome,
  type TransactionPhase,
} from './installer/NetworkTransaction';
// Installer use cases: a computed line onto the devices and off again, and its bandwidth in place
export { provisionLine, installReserved, type ProvisionInput } from './installer/provisionLine';
export { releaseLine } from './installer/releaseLine';
export { resizeLine } from './installer/resizeLine';
export type { InstallerContext, InstalledLine, StageTimes, ProvisionResult } from './installer/InstallerContext';
// Installer pieces: numbering, planning, rendering, verifying (pure but for rendering and verifying)
export { reserveLine, linkEnds, type ReserveLineInput } from './installer/plan/reserveLine';
export { bookReserved } from './installer/plan/bookReserved';
export { planLine, planLightpath, entryName, osuOduName, lightpathName, oduTypeFor } from './installer/plan/planLine';
export {
  renderInstall,
  renderTeardown,
  renderMerge,
  renderReplace,
  renderSwap,
  createEditOf,
  type DriverSource,
  type RenderResult,
} from './installer/plan/renderChanges';
export { diffItems, identity as itemIdentity, type ItemDiff } from './installer/plan/diffItems';
export { findDifferences, settledDifferences, verifyItems, type Difference } from './installer/verifyItems';
export { releaseReservations, lightpathsToRelease } from './installer/releaseReservations';
export { chooseAddDrop, chooseClient } from './installer/plan/chooseEnds';
export {
  type PlannedItem,
  type PathRole,
  type SharedBy,
  type ItemLayer,
  CREATE_ORDER,
  inCreateOrder,
  PROTECTION_SWITCHING,
} from './installer/plan/PlannedItem';
export {
  type ReservedLine,
  type ReservedPath,
  type NumberedHop,
  type LinkEnds,
  type AddDropEnd,
  type ClientEnd,
  lightpathOwner,
  vlanKey,
} from './installer/plan/ReservedLine';
export {
  INTENT_STATES,
  type IntentState,
  type FailureReason,
  type Transition,
  type PathView,
  type IntentRecord,
  type OccurrenceRecord,
  type LineRecord,
  type IntentFilter,
  type Page,
  type SubmitResult,
  type ControllerApi,
} from './facade/types';
export type {
  ControllerStore,
  StoredIntent,
  StoredLine,
  LineOutline,
  StoredReservation,
  StoredTransaction,
  StoredJournalEntry,
  DeviceChangeRecord,
  ScheduleEntry,
  IntentQuery,
  TransitionChange,
} from './store/ControllerStore';
export { SqliteStore } from './store/SqliteStore';
export { MemoryStore } from './store/MemoryStore';
export { intentMachine, type IntentContext, type IntentEvent } from './lifecycle/intentMachine';
export { lifecycleDiagram, lifecycleEdges } from './lifecycle/lifecycleDiagram';
export { Controller, type ControllerParts, type ServingPart } from './facade/Controller';
export {
  composeController,
  controllerContainer,
  networkController,
  CONTROLLER_TYPES,
  type ControllerBindings,
  type ControllerOptions,
  type NetworkControllerOptions,
} from './composeController';
export type { LineInstaller, TransactionContext, InstallOutcome, RecoveryOutcome } from './line/LineInstaller';
export {
  MultiLayerInstaller,
  type MultiLayerInstallerParts,
  DEFAULT_LINES_PER_TRANSACTION,
  DEFAULT_MOVES_PER_TRANSACTION,
} from './line/MultiLayerInstaller';
export { DeviceLocks } from './line/DeviceLocks';
// Group commit: line transactions waiting on the same devices go to the network as one
export { GroupCommit } from './line/batch/GroupCommit';
export type { GroupCommitOptions, OpenRound, RoundStages } from './line/batch/GroupCommitOptions';
export { RoundDraft } from './line/batch/RoundDraft';
export type { GroupJob, RenderedJob, ReadBackCheck, RoundSoFar } from './line/batch/GroupJob';
export {
  type RenderedRound,
  renderRound,
  runGroupRound,
  type RoundParts,
  type RoundResult,
  transactRound,
} from './line/batch/runGroupRound';
export { isolateFailure, type Blame, type Isolation } from './line/batch/isolateFailure';
export { Scheduler } from './scheduler/Scheduler';
// Assurance: alarms kept with raise and clear times, correlated to a root cause and mapped to lines
export type { AlarmRecord, AlarmQuery, AlarmChange, RootCause } from './assurance/AlarmRecord';
export { type AlarmStore, MemoryAlarmStore, SqliteAlarmStore } from './assurance/AlarmStore';
export { AlarmBook, type AlarmBookOptions } from './assurance/AlarmBook';
export { alarmChangeJson, alarmJson } from './assurance/alarmJson';
export { correlateAlarm } from './assurance/correlateAlarm';
export { LiveNetworkState, type LiveState, type LiveStateSources, type NetworkLiveState } from './assurance/LiveNetworkState';
export { followLineFaults, type LineFaultSink } from './assurance/followLineFaults';
export type { StandingFaults } from './facade/ControllerCore';
export { SelectedLegReader, type SelectedLegReading } from './installer/readSelectedLegs';
export type { ProtectionStateReader } from './line/ProtectionStateReader';
// Reconciliation: the devices brought back to what the store wants on them, one device key at a time
export { Reconciler, type ReconcilerOptions, type ReconcilerCounters } from './reconcile/Reconciler';
export { reconcileDevice, type DeviceReconciliation, type ReconcileDeviceOptions } from './reconcile/reconcileDevice';
export { desiredOf, RECONCILED_STATES, type DesiredDevice } from './reconcile/desiredState';
export { findForeign, type ForeignItem } from './reconcile/findForeign';
export { WorkQueue } from './reconcile/WorkQueue';
