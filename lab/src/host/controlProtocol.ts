/**
 * The lab host's control protocol: one JSON request per line on `<state-dir>/control.sock`, one JSON reply per line.
 * Only root (the socket is 0600 in a 0700 dir) can drive the lab; nothing listens on the network for it.
 */
export type LabFaultName = 'cut-fibre' | 'restore-fibre' | 'reject-next-commit' | 'delay' | 'crash' | 'restart';

export type ControlRequest =
  | { op: 'status' }
  | { op: 'fault'; fault: LabFaultName; target: string; delayMs?: number; message?: string }
  | { op: 'stop' };

export interface DeviceStatus {
  device: string;
  kind: string;
  address: string;
  port: number;
  namespace?: string;
  /** The host thread the device runs on: 0 is the host's own thread, 1..N its device threads. */
  thread?: number;
  up: boolean;
  sessions: number;
  /** Open TCP connections to the device (authenticated or not), against its maxConnections budget. */
  connections?: number;
}

export interface FibreStatus {
  fibre: string;
  /** Cut at one end at least: by `milli lab fault cut-fibre` (both ends) or a device's own cut-fibre RPC (its end). */
  cut: boolean;
  /** The devices at whose end the fibre is cut, when it is. */
  cutAt?: string[];
}

export type ControlReply =
  | { ok: true; devices?: DeviceStatus[]; fibres?: FibreStatus[]; affected?: string[] }
  | { ok: false; code: string; error: string };
