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
export { planLine, planLightpath, entryName, osuOduName, lightpathName, oduTypeFor } from './installer/plan/planLine';
export {
  renderInstall,
  renderTeardown,
  renderMerge,
  renderReplace,
  createEditOf,
  type DriverSource,
  type RenderResult,
} from './installer/plan/renderChanges';
export { findDifferences, verifyItems, type Difference } from './installer/verifyItems';
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
  type LineRecord,
  type IntentFilter,
  type Page,
  type SubmitResult,
  type ControllerApi,
} from './facade/types';
