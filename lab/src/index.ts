export { labUp, labRunning, defaultIsolation, type LabUpOptions, type UpEvent } from './launcher/up';
export { labDown } from './launcher/down';
export { sendControl } from './launcher/controlClient';
export { labNaming, type LabNaming } from './launcher/addressing';
export { DEFAULT_STATE_DIR, labPaths, readLabRecord, type Isolation, type LabRecord, type LabDeviceRecord } from './launcher/labState';
export type { ControlRequest, ControlReply, DeviceStatus, FibreStatus, LabFaultName } from './host/controlProtocol';
export { MockDevice, type MockDeviceOptions } from './device/MockDevice';
export type { DeviceUser } from './device/server/SshNetconfServer';
export type { LabFault } from './device/model/LabFault';
export { RUNNING_ONLY_MARK } from './device/model/deviceProfile';
export { ip } from './launcher/ipCommand';
export { LabHost, type LabHostOptions } from './host/LabHost';
export { propagateLight, type LightInput } from './host/lightPropagation';
export type { SignalFailure } from './device/model/SignalFailure';
export type { DeviceConfigSummary } from './device/model/configSummary';
export { DEFAULT_DEVICE_LIMITS, deviceLimits, type DeviceLimits } from './device/server/guard/DeviceLimits';
export {
  DEFAULT_DEVICE_CPU_SHARE,
  DEFAULT_LAB_BUFFERED_BYTES,
  DEFAULT_LAB_CONNECTIONS,
  DEFAULT_LAB_SESSIONS,
  HOST_DESCRIPTOR_RESERVE,
  MAX_DEFAULT_DEVICE_THREADS,
  defaultDeviceThreads,
  type LabLimits,
} from './host/labLimits';
