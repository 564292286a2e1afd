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
