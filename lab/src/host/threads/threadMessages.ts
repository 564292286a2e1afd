import type { Topology } from '@milli/topology';
import type { DeviceConfigSummary } from '../../device/model/configSummary';
import type { LabFault } from '../../device/model/LabFault';
import type { SignalFailure } from '../../device/model/SignalFailure';
import type { SharedBudgetHandle } from '../../device/server/guard/Budget';
import type { DeviceLimits } from '../../device/server/guard/DeviceLimits';
import type { LabDeviceRecord } from '../../launcher/labState';
import type { DeviceAddress, DeviceCounts } from '../deviceRuntime';

/** What a device thread is given when it starts: what every device of the lab shares. */
export interface DeviceThreadData {
  thread: number;
  topology: Topology;
  yangDir: string;
  /** `<state dir>/devices`: each device keeps its host key and startup datastore in its own directory below. */
  devicesDir: string;
  credentials: { username: string; password: string };
  limits?: Partial<DeviceLimits>;
  /** The lab's connection and session budgets, shared by every thread (atomic counters). */
  connections: SharedBudgetHandle;
  sessions: SharedBudgetHandle;
  /** This thread's part of the lab's request-byte budget. */
  bufferedBytes: number;
  deviceCpuShare: number;
  /** The host logger's level: lines below it are not even formatted on the device thread. */
  logLevel: string;
}

/** A request from the host to a device thread; each is answered by a `reply` with the same id. */
export type ThreadRequest = { id: number } & (
  | { op: 'start'; listen: LabDeviceRecord; cutFibres: string[] }
  | { op: 'close'; device: string }
  | { op: 'fault'; device: string; fault: LabFault }
  | { op: 'signal-failures'; device: string; failures: SignalFailure[] }
  | { op: 'config'; device: string }
  | { op: 'counts'; device: string }
);

/** What each request answers. */
export interface ThreadAnswers {
  start: DeviceAddress;
  close: undefined;
  fault: undefined;
  'signal-failures': undefined;
  config: DeviceConfigSummary;
  counts: DeviceCounts;
}

/** From a device thread to the host: replies, what its devices report, and its log lines. */
export type ThreadMessage =
  | { type: 'reply'; id: number; value?: unknown }
  | { type: 'reply'; id: number; error: { code: string; message: string; context?: Record<string, unknown> } }
  | { type: 'crash'; device: string }
  | { type: 'config-change'; device: string }
  | { type: 'fault'; device: string; fault: LabFault }
  | { type: 'log'; line: string };
