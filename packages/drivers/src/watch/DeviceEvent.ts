/** One alarm as a device reports it (milli-device alarms and alarm-raised). */
export interface DeviceAlarm {
  /** Unique on its device while it stands. */
  id: string;
  resource: string;
  type: string;
  severity: string;
  text: string;
  /** What the device names as the fault's origin when it is elsewhere ('fibre F-12 cut', 'device X down'). */
  probableCause?: string;
  raisedAt: string;
}

/**
 * What watching a device yields, in order: `connected` on every (re)connect, followed by one `alarm-raised` with
 * `standing: true` per alarm standing on it at that moment (read after the subscription, so nothing raised while the
 * session was down is missed), then the device's notifications as they come; `disconnected` when the session drops.
 */
export type DeviceEvent =
  /** `standing`: every alarm standing at the (re)connect (each also follows as its own `alarm-raised`). */
  | { type: 'connected'; device: string; at: string; standing: DeviceAlarm[] }
  | { type: 'disconnected'; device: string; at: string; reason: string }
  | { type: 'alarm-raised'; device: string; alarm: DeviceAlarm; standing: boolean }
  | { type: 'alarm-cleared'; device: string; id: string; resource: string; alarmType: string; at: string }
  | {
      type: 'protection-switched';
      device: string;
      group: string;
      layer: 'odu' | 'osu';
      selectedLeg: 'working' | 'protection';
      reason: string;
      at: string;
    }
  | { type: 'config-changed'; device: string; at: string; targets: string[] };
