import type { Clock, Logger } from '@milli/core';
import type { DeviceAlarm, DeviceEvent } from '@milli/drivers';
import type { TopologyIndex } from '@milli/topology';
import { type Observable, Subject, type Subscription, concatMap, from } from 'rxjs';
import type { StoredLine } from '../store/ControllerStore';
import type { AlarmChange, AlarmQuery, AlarmRecord } from './AlarmRecord';
import type { AlarmStore } from './AlarmStore';
import { correlateAlarm } from './correlateAlarm';
import { StandingAlarms } from './StandingAlarms';

export interface AlarmBookOptions {
  store: AlarmStore;
  index: TopologyIndex;
  /** The lines an alarm may touch, with their paths (the controller store's outlines). */
  lines: () => Promise<readonly Pick<StoredLine, 'id' | 'path'>[]>;
  clock: Clock;
  logger?: Logger;
}

/**
 * Keeps the network's alarms: every device event that raises or clears one is written to the store, correlated to its
 * root cause and mapped to the lines it touches, and announced on `changes`. On every (re)connect of a device, an
 * alarm the store holds as active but the device no longer reports was cleared while nobody listened: it is cleared
 * then. Events are handled one at a time, in order.
 */
export class AlarmBook {
  private readonly changed = new Subject<AlarmChange>();
  private subscription: Subscription | undefined;
  /** The active alarms, once `standing()` has read them: every raise and clear goes through the book. */
  private active: StandingAlarms | undefined;

  constructor(private readonly options: AlarmBookOptions) {}

  get changes(): Observable<AlarmChange> {
    return this.changed.asObservable();
  }

  /** Starts following `events` (the pool's watchAll()). */
  follow(events: Observable<DeviceEvent>): void {
    this.subscription = events.pipe(concatMap((event) => from(this.handle(event)))).subscribe({
      error: (error: Error) => this.options.logger?.error({ err: error }, 'alarm book stopped'),
    });
  }

  alarms(query?: AlarmQuery): Promise<AlarmRecord[]> {
    return this.options.store.alarms(query);
  }

  /**
   * The alarms standing now. Read from the store once, then kept from the book's own raises and clears: the line
   * faults read them after every burst of changes, and under a cut of a few hundred lines reading and parsing every
   * active alarm again for each pass cost seconds. (Store writes happen when issued and are announced after their
   * commit, so a raise or clear either is in what the store returned or is applied to the map after it.)
   */
  async standing(): Promise<StandingAlarms> {
    if (!this.active) {
      const read = await this.options.store.alarms({ active: true });
      this.active ??= new StandingAlarms(read);
    }
    return this.active;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.changed.complete();
  }

  /** One event; failures are logged, never end the book. */
  async handle(event: DeviceEvent): Promise<void> {
    try {
      if (event.type === 'alarm-raised') await this.raise(event.device, event.alarm);
      else if (event.type === 'alarm-cleared') await this.clear(event.device, event.id, Date.parse(event.at) || this.options.clock.now());
      else if (event.type === 'connected') await this.settle(event.device, event.standing);
    } catch (error) {
      this.options.logger?.warn({ err: error, device: event.device, event: event.type }, 'alarm event not recorded');
    }
  }

  private async raise(device: string, alarm: DeviceAlarm): Promise<void> {
    const raisedAt = Date.parse(alarm.raisedAt) || this.options.clock.now();
    const { root, lines } = correlateAlarm(device, alarm, this.options.index, await this.options.lines());
    const record: AlarmRecord = {
      key: `${device}/${alarm.id}@${raisedAt}`,
      device,
      id: alarm.id,
      resource: alarm.resource,
      type: alarm.type,
      severity: alarm.severity,
      text: alarm.text,
      ...(alarm.probableCause ? { probableCause: alarm.probableCause } : {}),
      root,
      lines,
      raisedAt,
    };
    const kept = await this.options.store.raise(record);
    if (kept.key !== record.key) return;
    this.active?.raised(record);
    this.changed.next({ kind: 'raised', alarm: record });
  }

  private async clear(device: string, id: string, at: number): Promise<void> {
    const cleared = await this.options.store.clear(device, id, at);
    if (!cleared) return;
    this.active?.cleared(cleared.key);
    this.changed.next({ kind: 'cleared', alarm: cleared });
  }

  private async settle(device: string, standing: DeviceAlarm[]): Promise<void> {
    const still = new Set(standing.map((a) => a.id));
    for (const active of await this.options.store.alarms({ device, active: true })) {
      if (!still.has(active.id)) await this.clear(device, active.id, this.options.clock.now());
    }
  }
}
