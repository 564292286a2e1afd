export {
  runNetworkTransaction,
  type DeviceChange,
  type DeviceFailure,
  type JournalEntry,
  type TransactionOptions,
  type TransactionOutcome,
  type TransactionPhase,
} from './installer/NetworkTransaction';
export { planMediaChannels, type MediaChannelStep } from './installer/planMediaChannels';
export {
  INTENT_STATES,
  type IntentState,
  type FailureReason,
  type Transition,
  type PathView,
  type IntentRecord,
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
export { Controller, type ControllerParts } from './facade/Controller';
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
export { WavelengthInstaller, type InstalledWavelength, type WavelengthInstallerOptions } from './line/WavelengthInstaller';
export { DeviceLocks } from './line/DeviceLocks';
export { Scheduler } from './scheduler/Scheduler';
