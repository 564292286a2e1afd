// Contract
export { DriverError, type DriverErrorContext } from './contract/DriverError';
export {
  type DeviceSession,
  type DeviceHello,
  type ModuleRef,
  CANDIDATE,
  WRITABLE_RUNNING,
  helloHas,
  modulesFromCapabilities,
} from './contract/session';
export type {
  NetconfOps,
  NetconfReader,
  NetconfWriter,
  NetconfCommitter,
  Datastore,
  RpcResult,
  RpcErrorInfo,
  CommitOptions,
} from './contract/netconf';
export type {
  DeviceInventory,
  DeviceFacts,
  PortInfo,
  NeighbourInfo,
  CrossConnectInfo,
  CrossConnectLayer,
} from './contract/inventory';
export type { RoadmVerbs, MediaChannelArgs, MediaChannel } from './contract/roadm';
export type {
  OtnVerbs,
  OduType,
  OduContainerArgs,
  OduCrossConnectArgs,
  OduContainer,
  OduCrossConnect,
  OduListing,
  OduSelection,
  OduProtectionGroupArgs,
  OduProtectionGroup,
  LinePort,
} from './contract/otn';
export type {
  OsuVerbs,
  OsuEndpoint,
  OsuConnectionArgs,
  OsuCrossConnectArgs,
  OsuConnection,
  OsuCrossConnect,
  OsuListing,
  OsuSelection,
  OsuProtectionGroupArgs,
  OsuProtectionGroup,
  ProtectionSwitching,
} from './contract/osu';
export type { ChangeSetApplier, StepRecord, StepRecorder } from './contract/applier';
export type { DeviceDriver, ChangeSetFactory } from './contract/DeviceDriver';
// Change sets
export { ChangeSet, type ChangeSetOptions } from './changeset/ChangeSet';
export type { Edit, EntryValue, LeafValue } from './changeset/Edit';
export { editDataPath } from './changeset/Edit';
export { applyEdits, findEntry } from './changeset/applyEdits';
export { setListIndexing } from './changeset/keyedLists';
export { invertEdits } from './changeset/invertEdits';
export { renderEditConfig, renderConfigElement, type NamespaceMap } from './changeset/renderEditConfig';
export type { DeviceSchema } from './changeset/DeviceSchema';
export { YangDeviceSchema, MILLI_YANG_DIR, MILLI_MODULES } from './changeset/YangDeviceSchema';
export { ENTRY_EXISTENCE_READS } from './changeset/entryExistenceReads';
export { CandidateApplier } from './changeset/CandidateApplier';
export { RunningApplier } from './changeset/RunningApplier';
// Verbs (edit builders are pure and public for golden tests and the installer's journal)
export { connectMediaChannelEdit, releaseMediaChannelEdit } from './builtin/roadm/roadmEdits';
export {
  createOduContainerEdit,
  deleteOduContainerEdit,
  createOduCrossConnectEdit,
  deleteOduCrossConnectEdit,
  resizeOduflexEdit,
  tuneLinePortEdit,
  untuneLinePortEdit,
  createOduProtectionGroupEdit,
  deleteOduProtectionGroupEdit,
} from './builtin/otn/otnEdits';
export {
  createOsuConnectionEdit,
  deleteOsuConnectionEdit,
  createOsuCrossConnectEdit,
  deleteOsuCrossConnectEdit,
  changeOsuBandwidthEdit,
  createOsuProtectionGroupEdit,
  deleteOsuProtectionGroupEdit,
} from './builtin/osu/osuEdits';
export { parseDeviceState } from './builtin/inventory/parseDeviceState';
export { RoadmDriverVerbs } from './builtin/roadm/RoadmDriverVerbs';
export { OtnDriverVerbs } from './builtin/otn/OtnDriverVerbs';
export { SLOT_OWNER_PATH, addOduEdit, slotOwnerEdits } from './builtin/otn/slotOwners';
export { ODU_USE_PATH, type OduUser, oduUseEdits } from './builtin/otn/oduUses';
export { OsuDriverVerbs } from './builtin/osu/OsuDriverVerbs';
export { SHARED_OSU_PATH, type SharedOsuUser, addOsuEdit, sharedOsuEdits } from './builtin/osu/sharedOsus';
export { CHANNEL_USE_PATH, addMediaChannelEdit, channelUseEdits } from './builtin/roadm/channelUses';
// Plugins
export { DRIVER_PLUGIN, type DriverPlugin, type DriverContext } from './registry/DriverPlugin';
export { DriverRegistry, driverPluginModule } from './registry/DriverRegistry';
export { MilliDriver, type ApplyMode } from './registry/MilliDriver';
export { defaultDriverRegistry, BUILT_IN_DRIVER_MODULES } from './registry/defaultDriverRegistry';
export { DeviceDrivers } from './registry/DeviceDrivers';
export { milliCandidatePlugin, milliCandidateModule, MILLI_REVISIONS, milliModuleScore } from './builtin/plugins/milliCandidatePlugin';
export { runningOnlyPlugin, runningOnlyModule } from './builtin/plugins/runningOnlyPlugin';
// Sessions and the pool
export { NetconfDeviceSession, type SessionTimeouts } from './pool/NetconfDeviceSession';
export { entryConnectOptions } from './pool/entryConnectOptions';
export { netconfClientOps, toRpcResult } from './pool/netconfClientOps';
export {
  ConnectionPool,
  type ConnectionPoolOptions,
  type RpcSample,
  type PoolSession,
  type PooledDevice,
  type PoolStats,
  type BackoffOptions,
} from './pool/ConnectionPool';
export { Semaphore } from './pool/Semaphore';
export { poolFromInventory } from './pool/poolFromInventory';
export type { DeviceEvent, DeviceAlarm } from './watch/DeviceEvent';
export { watchDevice, type WatchOptions, type WatchSession } from './watch/watchDevice';
export { parseDeviceEvent, parseStandingAlarms, STANDING_ALARMS_FILTER } from './watch/parseDeviceEvent';
// Discovery
export { discoverNetwork, type DiscoverOptions } from './discovery/discoverNetwork';
export { matchFibres, LENGTH_TOLERANCE_KM } from './discovery/matchFibres';
export { compareWithTopology } from './discovery/compareWithTopology';
export type { DiscoveredNetwork, DiscoveredDevice, DiscoveredFibre, Disagreement, DiscoveryStats } from './discovery/types';
export type { InventoryEntry as DeviceInventoryEntry, Inventory } from '@milli/topology';
