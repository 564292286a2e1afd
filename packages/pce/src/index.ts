export type { ServiceLayer, ProtectionKind, PathObjective, EndpointRef, ElementSet, PathRequest } from './request/pathRequest';
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
export { peakUsage, type TimedAmount } from './resources/window';
export { PceGraph, type SearchEdge, type GraphNode } from './graph/PceGraph';
export { lowerBoundsTo, type LatencyGraph } from './graph/lowerBounds';
export { computePath } from './computePath';
export { pickLayer } from './request/resolveRequest';
export { ledgerForGraph } from './graph/ledgerForGraph';
export { PceBadRequestError } from './PceBadRequestError';
export { PceError } from './PceError';
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
} from './types';
export { formatPathResult } from './formatPathResult';
export { emptyWork, type SearchWork } from './search/SearchContext';
