import type { DeviceEvent } from '@milli/drivers';
import type { TopologyIndex } from '@milli/topology';
import { type Observable, type Subscription, merge } from 'rxjs';
import type { AlarmChange, AlarmRecord } from './AlarmRecord';

/** A device's or fibre's state as the controller sees it; undefined (no answer) where it does not know. */
export type LiveState = 'up' | 'down';

/** The live state the API serves with the topology. */
export interface NetworkLiveState {
  deviceState(device: string): LiveState | undefined;
  fibreState(fibre: string): LiveState | undefined;
}

/** What the state follows: the devices' sessions and the alarm book's raises and clears (with the active ones to start). */
export interface LiveStateSources {
  events: Observable<DeviceEvent>;
  alarms: { changes: Observable<AlarmChange>; alarms(query: { active: true }): Promise<AlarmRecord[]> };
}

/**
 * The network's live state from the controller's own evidence. A device is down while its watch session is
 * disconnected or an active alarm names it as root cause (its neighbours see it gone), up once connected, unknown
 * before it was ever reached. A fibre is down while a loss-of-signal alarm correlated to it is active; up when both its
 * ends are up and none is; unknown otherwise. Alarms are counted by key, so a fibre seen cut from both ends comes back
 * up only when both clear.
 */
export class LiveNetworkState implements NetworkLiveState {
  private readonly sessions = new Map<string, LiveState>();
  private readonly faults = new Map<string, Set<string>>();
  private subscription: Subscription | undefined;

  constructor(private readonly index: TopologyIndex) {}

  /** Starts following; resolves once the alarms active at start are applied. */
  async follow(sources: LiveStateSources): Promise<void> {
    // Changes that arrive while the active alarms are read win over the read (a clear seen then stays cleared).
    const seen = new Set<string>();
    this.subscription = merge(sources.events, sources.alarms.changes).subscribe((item) => {
      if ('kind' in item) {
        seen.add(item.alarm.key);
        this.apply(item);
      } else this.session(item);
    });
    for (const alarm of await sources.alarms.alarms({ active: true })) {
      if (!seen.has(alarm.key)) this.apply({ kind: 'raised', alarm });
    }
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  deviceState(device: string): LiveState | undefined {
    if (this.faults.get(`device:${device}`)?.size) return 'down';
    return this.sessions.get(device);
  }

  fibreState(fibre: string): LiveState | undefined {
    if (this.faults.get(`fibre:${fibre}`)?.size) return 'down';
    const f = this.index.fibre(fibre);
    return this.deviceState(f.a.device) === 'up' && this.deviceState(f.b.device) === 'up' ? 'up' : undefined;
  }

  private session(event: DeviceEvent): void {
    if (event.type === 'connected') this.sessions.set(event.device, 'up');
    else if (event.type === 'disconnected') this.sessions.set(event.device, 'down');
  }

  private apply({ kind, alarm }: AlarmChange): void {
    const fault =
      alarm.root.kind === 'device'
        ? `device:${alarm.root.id}`
        : alarm.root.kind === 'fibre' && alarm.type === 'loss-of-signal'
          ? `fibre:${alarm.root.id}`
          : undefined;
    if (!fault) return;
    const keys = this.faults.get(fault) ?? new Set<string>();
    this.faults.set(fault, keys);
    if (kind === 'raised' && alarm.clearedAt === undefined) keys.add(alarm.key);
    else keys.delete(alarm.key);
  }
}
