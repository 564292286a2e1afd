import type { Logger } from '@milli/core';
import type { NetconfNotification } from '@milli/netconf-client';
import type { InventoryEntry } from '@milli/topology';
import { Observable, type Subscription } from 'rxjs';
import { parseDataXml } from '../changeset/stateXml';
import { DriverError } from '../contract/DriverError';
import type { NetconfOps } from '../contract/netconf';
import type { DeviceHello } from '../contract/session';
import type { DeviceEvent } from './DeviceEvent';
import { STANDING_ALARMS_FILTER, parseDeviceEvent, parseStandingAlarms } from './parseDeviceEvent';

/** A session that can carry an RFC 5277 subscription (NetconfDeviceSession, or a fake in tests). */
export interface WatchSession {
  readonly closed: boolean;
  connect(): Promise<DeviceHello>;
  ops(): NetconfOps;
  /** create-subscription on the NETCONF stream; the observable completes when the session closes. */
  subscribe?(): Promise<Observable<NetconfNotification>>;
  close(): Promise<void>;
}

export interface WatchOptions {
  open: (entry: InventoryEntry) => WatchSession;
  /** First pause before reconnecting, doubled up to maxMs while the device stays away (default 200 ms, 5 s). */
  initialMs?: number;
  maxMs?: number;
  logger?: Logger;
}

/**
 * A device's notifications as DeviceEvents, on a session of its own (a subscribed session is for notifications).
 * It connects on subscribe and, for as long as someone listens, reconnects whenever the session drops; on every
 * (re)connect it subscribes first and then reads the standing alarms, so an alarm raised while the session was down
 * is seen (as `standing`), and one raised in between arrives twice rather than never (alarm ids make that harmless).
 */
export function watchDevice(entry: InventoryEntry, options: WatchOptions): Observable<DeviceEvent> {
  const device = entry.device;
  const initialMs = options.initialMs ?? 200;
  const maxMs = options.maxMs ?? 5_000;
  return new Observable<DeviceEvent>((subscriber) => {
    let stopped = false;
    let session: WatchSession | undefined;
    let link: Subscription | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = initialMs;
    let connected = false;
    const now = () => new Date().toISOString();

    const retry = (reason: string) => {
      if (stopped) return;
      if (connected) subscriber.next({ type: 'disconnected', device, at: now(), reason });
      connected = false;
      options.logger?.debug({ device, reason, retryInMs: delay }, 'watch: session down; reconnecting');
      timer = setTimeout(() => void connectOnce(), delay);
      timer.unref();
      delay = Math.min(delay * 2, maxMs);
    };

    const connectOnce = async () => {
      if (stopped) return;
      const s = options.open(entry);
      session = s;
      try {
        await s.connect();
        if (!s.subscribe) throw new DriverError('DRIVER_STATE', `${device}: its session cannot carry notifications`, { device });
        const notifications = await s.subscribe();
        if (stopped) return void (await s.close());
        const reply = await s.ops().get(STANDING_ALARMS_FILTER);
        if (stopped) return void (await s.close());
        delay = initialMs;
        connected = true;
        const standing = reply.ok ? parseStandingAlarms(parseDataXml(reply.data)) : [];
        subscriber.next({ type: 'connected', device, at: now(), standing });
        for (const alarm of standing) subscriber.next({ type: 'alarm-raised', device, alarm, standing: true });
        link = notifications.subscribe({
          next: (n) => {
            const event = parseDeviceEvent(device, n);
            if (event) subscriber.next(event);
          },
          complete: () => void s.close().finally(() => retry('session closed')),
          error: (error: Error) => void s.close().finally(() => retry(error.message)),
        });
      } catch (error) {
        await s.close().catch(() => undefined);
        retry((error as Error).message);
      }
    };

    void connectOnce();
    return () => {
      stopped = true;
      clearTimeout(timer);
      link?.unsubscribe();
      void session?.close().catch(() => undefined);
    };
  });
}
