import { type Logger, silentLogger } from '@milli/core';
import type { DeviceEvent } from '@milli/drivers';
import type { Observable, Subscription } from 'rxjs';
import type { DriverSource } from '../installer/plan/renderChanges';
import type { ControllerStore } from '../store/ControllerStore';
import { desiredOf } from './desiredState';
import { type DeviceReconciliation, reconcileDevice } from './reconcileDevice';
import { WorkQueue } from './WorkQueue';

export interface ReconcilerOptions {
  store: ControllerStore;
  drivers: DriverSource;
  /** Every device key the reconciler looks after (the inventory's devices). */
  devices: readonly string[];
  /** A device's events (the pool's watch): a reconnect or a configuration change enqueues its key. */
  watch?: (device: string) => Observable<DeviceEvent>;
  /** Runs work while no transaction of the installer holds these devices (the installer's per-device locks). */
  exclusive?: <T>(devices: string[], work: () => Promise<T>) => Promise<T>;
  /**
   * Whether the controller's own transactions hold the device now: a config change it reports meanwhile is theirs and
   * enqueues nothing (each would otherwise cost a read of the device between two transactions on it, and a cut moves
   * many lines over a few shared devices); a hand edit made meanwhile waits for the device's next event or period.
   */
  busy?: (device: string) => boolean;
  /**
   * Awaited before each pass: resolves when the pass may go (the controller's restorations settled, or a bound on
   * the wait passed). A pass reads the store and the device, and a cut's moves need both more.
   */
  yieldTo?: () => Promise<void>;
  /** Every device is enqueued this often (default 60 s; 0: only on events and on demand). */
  periodMs?: number;
  /** Remove foreign items that collide with a reserved resource (default false: report them only). */
  removeForeign?: boolean;
  confirmTimeoutS?: number;
  logger?: Logger;
  /** Told of every pass that found something (drift, foreign items or a failure). */
  onReport?: (report: DeviceReconciliation) => void;
}

/** Running totals, for logs, metrics and tests. */
export interface ReconcilerCounters {
  passes: number;
  drifted: number;
  repaired: number;
  failed: number;
  foreign: number;
  foreignRemoved: number;
}

/**
 * Level-based reconciliation, as controller-runtime does it: events carry no state, they only enqueue the key of the
 * device they concern; a worker takes one key at a time, reads what the store wants on that device and what the
 * device holds, and puts the difference right. A timer enqueues every device now and then, so drift that came
 * without a notification is found too.
 */
export class Reconciler {
  readonly counters: ReconcilerCounters = { passes: 0, drifted: 0, repaired: 0, failed: 0, foreign: 0, foreignRemoved: 0 };
  private readonly queue = new WorkQueue((device) => this.pass(device));
  private readonly log: Logger;
  private readonly subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sequence = 0;

  constructor(private readonly options: ReconcilerOptions) {
    this.log = (options.logger ?? silentLogger()).child({ component: 'reconciler' });
  }

  start(): void {
    if (this.options.watch) {
      for (const device of this.options.devices) {
        this.subscriptions.push(
          this.options.watch(device).subscribe({
            next: (event) => {
              if (event.type === 'connected') this.enqueue(event.device);
              else if (event.type === 'config-changed' && !this.options.busy?.(event.device)) this.enqueue(event.device);
            },
            error: (err: Error) => this.log.warn({ device, err }, 'watch ended; the period still covers this device'),
          }),
        );
      }
    }
    const period = this.options.periodMs ?? 60_000;
    if (period > 0) {
      this.timer = setInterval(() => this.enqueueAll(), period);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    await this.queue.stop();
  }

  enqueue(device: string): void {
    if (this.options.devices.includes(device)) this.queue.add(device);
  }

  enqueueAll(): void {
    for (const device of this.options.devices) this.queue.add(device);
  }

  /** Resolves once every enqueued key has been reconciled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async pass(device: string): Promise<void> {
    const exclusive = this.options.exclusive ?? ((_d, work) => work());
    try {
      await this.options.yieldTo?.();
      const report = await exclusive([device], async () =>
        reconcileDevice(await desiredOf(this.options.store, device), {
          drivers: this.options.drivers,
          transactionId: () => `reconcile-${device}-${Date.now().toString(36)}-${++this.sequence}`,
          confirmTimeoutS: this.options.confirmTimeoutS ?? 120,
          removeForeign: this.options.removeForeign ?? false,
        }),
      );
      this.count(report);
    } catch (err) {
      // An unreachable device is retried on its next connect or period; nothing else is affected.
      this.counters.passes++;
      this.counters.failed++;
      this.log.warn({ device, err }, 'reconcile pass failed');
    }
  }

  private count(report: DeviceReconciliation): void {
    const c = this.counters;
    c.passes++;
    c.drifted += report.drift.length;
    c.foreign += report.foreign.length;
    c.foreignRemoved += report.removed.length;
    if (report.repair === 'repaired') c.repaired++;
    if (report.repair === 'failed') c.failed++;
    const log = this.log.child({ device: report.device });
    for (const d of report.drift)
      log.warn({ item: d.name, layer: d.layer, problem: d.problem }, 'drift: planned item differs on the device');
    for (const f of report.foreign) {
      log.warn(
        { item: f.name, layer: f.layer, line: f.collidesWith.line, resource: f.collidesWith.resource, removed: report.removed.includes(f) },
        'foreign item holds a reserved resource',
      );
    }
    if (report.repair === 'repaired') log.info({ items: report.drift.length, removed: report.removed.length }, 'drift repaired');
    if (report.repair === 'failed') log.error({ error: report.error }, 'drift repair failed; retried on the next pass');
    if (report.drift.length > 0 || report.foreign.length > 0 || report.repair === 'failed') this.options.onReport?.(report);
  }
}
