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
