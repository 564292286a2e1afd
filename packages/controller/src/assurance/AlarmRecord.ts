import type { DeviceAlarm } from '@milli/drivers';

/** What an alarm most likely comes from: a fibre (cut), a device (down) or, failing both, the port it stands on. */
export interface RootCause {
  kind: 'fibre' | 'device' | 'port';
  /** The fibre id, the device id, or `device/port`. */
  id: string;
}

/** One alarm as the controller keeps it: the device's facts, when it was raised and cleared, its root cause, its lines. */
export interface AlarmRecord extends Omit<DeviceAlarm, 'raisedAt'> {
  /** `<device>/<alarm id>@<raised at ms>`: an alarm raised again after a clear is a new record. */
  key: string;
  device: string;
  root: RootCause;
  /** The lines whose path crosses the root cause. */
  lines: string[];
  raisedAt: number;
  clearedAt?: number;
}

export interface AlarmQuery {
  active?: boolean;
  device?: string;
  line?: string;
  limit?: number;
}

export type AlarmChange = { kind: 'raised' | 'cleared'; alarm: AlarmRecord };
