import type { Clock, Logger } from '@milli/core';
import type { DeviceAlarm, DeviceEvent } from '@milli/drivers';
import type { TopologyIndex } from '@milli/topology';
import { type Observable, Subject, type Subscription, concatMap, from } from 'rxjs';
import type { StoredLine } from '../store/ControllerStore';
import type { AlarmChange, AlarmQuery, AlarmRecord } from './AlarmRecord';
import type { AlarmStore } from './AlarmStore';
import { correlateAlarm } from './correlateAlarm';
import { StandingAlarms } from './StandingAlarms';

/** How long a burst of events is issued before the event loop gets a turn (its writes commit then). */
const ISSUE_SLICE_MS = 10;
/** How many distinct line lists the book keeps shared (a fault's alarms name a few; they change as lines move). */
const MAX_INTERNED_LISTS = 512;

/**
 * A store write issued, and what announces it once committed (nothing when it changed nothing). Wrapped, so that
 * awaiting the issue does not await the commit.
 */
interface Issued {
  committed: Promise<(() => void) | undefined>;
}

export interface AlarmBookOptions {
  store: AlarmStore;
  index: TopologyIndex;
  /** The lines an alarm may touch, with their paths (the controller store's outlines). */
  lines: () => Promise<readonly Pick<StoredLine, 'id' | 'path'>[]>;
  clock: Clock;
  logger?: Logger;
  /** How long a burst of events is issued before the event loop gets a turn (default ISSUE_SLICE_MS). */
  issueSliceMs?: number;
}

/**
 * Keeps the network's alarms: every device event that raises or clears one is written to the store, correlated to its
 * root cause and mapped to the lines it touches, and announced on `changes`. On every (re)connect of a device, an
 * alarm the store holds as active but the device no longer reports was cleared while nobody listened: it is cleared
 * then. Events are handled one at a time, in order: each one's write is issued once the one before was issued, and
 * announced once it is committed, after the ones before. A cut raises well over a thousand alarms at once; waiting
 * for each write's commit before issuing the next cost a commit and a sync of the store file per alarm, for seconds,
 * and pulled the controller store's own pending writes into a commit of their own each time (its coalescer commits
 * first whenever another connection writes).
 */
export class AlarmBook {
  private readonly changed = new Subject<AlarmChange>();
  private subscription: Subscription | undefined;
  /** The announcements so far, each after its write's commit and the announcements before it. */
  private announced: Promise<void> = Promise.resolve();
  private sliceStarted = performance.now();
  /** The active alarms, once `standing()` has read them: every raise and clear goes through the book. */
  private active: StandingAlarms | undefined;
  /** Line lists by content, so that the alarms of one fault share one list (see internLines). */
  private readonly lists = new Map<string, readonly string[]>();
  /** The last list correlateAlarm gave and its interned twin: its index hands out the same list until lines change. */
  private lastList: { from: readonly string[]; to: readonly string[] } | undefined;

  constructor(private readonly options: AlarmBookOptions) {}

  get changes(): Observable<AlarmChange> {
    return this.changed.asObservable();
  }

  /** Starts following `events` (the pool's watchAll()). */
  follow(events: Observable<DeviceEvent>): void {
    this.subscription = events.pipe(concatMap((event) => from(this.issue(event)))).subscribe({
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

  /** One event, announced (its change on `changes`) when this resolves; failures are logged, never end the book. */
  async handle(event: DeviceEvent): Promise<void> {
    await this.issue(event);
    await this.announced;
  }

  /**
   * Issues the event's store writes (the store runs them as they are issued; its promise settles on their commit) and
   * queues its announcement behind the ones before it; resolves once issued, so that the next event's writes share
   * the commit.
   */
  private async issue(event: DeviceEvent): Promise<void> {
    let issued: Issued;
    try {
      if (event.type === 'alarm-raised') issued = await this.raise(event.device, event.alarm);
      else if (event.type === 'alarm-cleared') {
        issued = this.clear(event.device, event.id, Date.parse(event.at) || this.options.clock.now());
      } else if (event.type === 'connected') {
        // Rare, and read against the store: settled whole before the next event is issued.
        issued = { committed: Promise.resolve(await this.settle(event.device, event.standing)) };
      } else return;
    } catch (error) {
      this.notRecorded(event, error);
      return;
    }
    // Handled now as well as in turn below: a commit failing while earlier announcements wait is no unhandled rejection.
    issued.committed.catch(() => undefined);
    this.announced = this.announced.then(() =>
      issued.committed.then(
        (change) => change?.(),
        (error: unknown) => this.notRecorded(event, error),
      ),
    );
    // A burst waiting in line is issued in slices: each slice's writes commit together and are announced while the
    // next slice is issued, so the first alarms of a cut (its root cause among them) reach the line faults at once,
    // not after the whole burst was written.
    if (performance.now() - this.sliceStarted > (this.options.issueSliceMs ?? ISSUE_SLICE_MS)) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStarted = performance.now();
    }
  }

  private notRecorded(event: DeviceEvent, error: unknown): void {
    this.options.logger?.warn({ err: error, device: event.device, event: event.type }, 'alarm event not recorded');
  }

  /** Issues the raise; what announces it once committed (nothing when the alarm was standing already). */
  private async raise(device: string, alarm: DeviceAlarm): Promise<Issued> {
    const raisedAt = Date.parse(alarm.raisedAt) || this.options.clock.now();
    const correlated = correlateAlarm(device, alarm, this.options.index, await this.options.lines());
    const { root } = correlated;
    const lines = this.internLines(correlated.lines);
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
    return {
      committed: this.options.store.raise(record).then((kept) =>
        kept.key !== record.key
          ? undefined
          : () => {
              this.active?.raised(record);
              this.changed.next({ kind: 'raised', alarm: record });
            },
      ),
    };
  }

  /** Issues the clear; what announces it once committed (nothing when no such alarm stood). */
  private clear(device: string, id: string, at: number): Issued {
    return {
      committed: this.options.store.clear(device, id, at).then((cleared) =>
        cleared === undefined
          ? undefined
          : () => {
              this.active?.cleared(cleared.key);
              this.changed.next({ kind: 'cleared', alarm: cleared });
            },
      ),
    };
  }

  /**
   * One list object for every alarm naming the same lines: the standing alarms, the line faults' passes and the
   * alarms' JSON then work per list, not per alarm (a cut's thousand alarms name a few lists of hundreds of lines).
   * Kept for the lists seen lately; forgetting one only costs its sharing.
   */
  private internLines(lines: readonly string[]): string[] {
    if (this.lastList?.from === lines) return this.lastList.to as string[];
    const key = lines.join(' ');
    let list = this.lists.get(key);
    if (!list) {
      if (this.lists.size >= MAX_INTERNED_LISTS) this.lists.clear();
      list = Object.freeze([...lines]);
      this.lists.set(key, list);
    }
    this.lastList = { from: lines, to: list };
    return list as string[];
  }

  /** Clears what the device no longer reports (rare: on a connect), each issued in turn; announces them all in order. */
  private async settle(device: string, standing: DeviceAlarm[]): Promise<() => void> {
    const still = new Set(standing.map((a) => a.id));
    const announcements: (() => void)[] = [];
    for (const active of await this.options.store.alarms({ device, active: true })) {
      if (still.has(active.id)) continue;
      const announce = await this.clear(device, active.id, this.options.clock.now()).committed;
      if (announce) announcements.push(announce);
    }
    return () => {
      for (const announce of announcements) announce();
    };
  }
}
