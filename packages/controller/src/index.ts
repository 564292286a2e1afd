export { registerControllerCommands } from './cli/registerControllerCommands';
export { ResourceLedger, type LedgerCapacity } from './resources/ResourceLedger';
export type { ResourceView, ResourceBook } from './resources/ResourceView';
export {
  SLOT_KBPS,
  SLOTS_BY_RATE,
  osuSlots,
  fitsLink,
  type PortRef,
  type OtuLinkSpec,
  type ReservationItem,
  type Reservation,
  type OtuLinkRecord,
  type LinkUsage,
} from './resources/items';
export { type ChannelMask, MAX_CHANNELS, fullMask, hasChannel, lowestChannel, countChannels, maskToList } from './resources/channelMask';
export { overlaps, covers, peakUsage } from './resources/window';
export { PceGraph, type SearchEdge, type GraphNode } from './pce/PceGraph';
export { computePath } from './pce/computePath';
export { pickLayer } from './pce/resolveRequest';
export { ledgerForGraph } from './pce/ledgerForGraph';
export { PceBadRequestError } from './pce/PceBadRequestError';
export { PceError } from './pce/PceError';
export type {
  ConcreteLayer,
  ComputedPath,
  PathHop,
  LatencyBreakdown,
  FibreLatency,
  NodeLatency,
  NormalizedRequest,
  PceFailure,
  PceFailureCode,
  PceResult,
  PceOptions,
  PairGuarantee,
  SharedTail,
} from './pce/types';
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
export { formatPathResult } from './pce/formatPathResult';
