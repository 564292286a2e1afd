import type { Logger } from '@milli/core';
import type { Topology } from '@milli/topology';
import type { DeviceConfigSummary } from '../device/model/configSummary';
import type { DeviceRuntime } from './deviceRuntime';
import { litEverywhere, propagateLight, somethingDark } from './lightPropagation';

/** What the keeper reads of the lab at each propagation. */
export interface LabLight {
  /** Every device of the lab with its runtime when it is up. */
  devices(): Iterable<[string, DeviceRuntime | undefined]>;
  cutFibres(): Set<string>;
  stopping(): boolean;
}

/**
 * Keeps the lab's light true (lightPropagation) after every cut, restore, crash, restart and (batched, 20 ms)
 * configuration change, one propagation at a time so that an older one's losses never land after a newer one's.
 * Devices may run on other threads, so their configuration summaries are fetched, and kept until the device
 * reports its running configuration changed: a propagation after one device's commit fetches that device's only.
 */
export class LightKeeper {
  private readonly configs = new Map<string, DeviceConfigSummary>();
  /** Bumped on every change of a device's running configuration: a summary fetched across a change is stale. */
  private readonly generations = new Map<string, number>();
  /**
   * What each device was last told it lost, as sent: a device is told again only when that changes or its
   * configuration did (a message per device per propagation, most of them saying nothing new, cost the host more
   * than the propagation itself while commits landed every few milliseconds).
   */
  private readonly told = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private queued = false;

  constructor(
    private readonly topology: Topology,
    private readonly lab: LabLight,
    private readonly log: Logger,
  ) {}

  /** The device's running configuration changed (or it went down or came back): its summary must be read again. */
  forget(device: string): void {
    this.configs.delete(device);
    this.told.delete(device);
    this.generations.set(device, (this.generations.get(device) ?? 0) + 1);
  }

  /**
   * Follows light now, after any propagation under way; resolves when every device has its losses. Never rejects.
   * `cause`: the fault itself (a cut at a fibre's ends), sent to its devices only once every other device's losses
   * are worked out and sent with it: as on real gear, a device at the far end of a lightpath loses its signal (and
   * a protection group switches) as the cut happens, not a round of configuration reads after the cut's own
   * alarms went out.
   */
  propagate(cause?: () => Promise<unknown>): Promise<void> {
    this.chain = this.chain
      .then(() => this.propagateNow(cause))
      .catch((error: Error) => this.log.warn({ err: error.message }, 'light propagation failed'));
    return this.chain;
  }

  /** Many commits land together (a transaction over many devices): one propagation after them. */
  propagateSoon(): void {
    if (this.queued || this.lab.stopping()) return;
    this.queued = true;
    setTimeout(() => {
      this.queued = false;
      if (!this.lab.stopping()) void this.propagate();
    }, 20).unref();
  }

  private async propagateNow(cause?: () => Promise<unknown>): Promise<void> {
    const down = new Set<string>();
    const up = new Map<string, DeviceRuntime>();
    for (const [id, runtime] of this.lab.devices()) {
      if (runtime) up.set(id, runtime);
      else down.add(id);
    }
    const cutFibres = this.lab.cutFibres();
    // A lit lab (no cut, no device down) loses nothing: its devices' configurations need not be read or followed.
    const failures = somethingDark(cutFibres, down)
      ? propagateLight({ topology: this.topology, configs: await this.liveConfigs(up), cutFibres, downDevices: down })
      : litEverywhere([...up.keys()]);
    const news: Promise<unknown>[] = [];
    for (const [id, lost] of failures) {
      const runtime = up.get(id);
      const said = JSON.stringify(lost);
      if (!runtime || this.told.get(id) === said) continue;
      this.told.set(id, said);
      // A device that went down meanwhile has nothing to lose; the crash propagates again.
      news.push(runtime.setSignalFailures(lost).catch(() => this.told.delete(id)));
    }
    await Promise.all([cause?.(), ...news]);
  }

  /** The running configuration of every device that is up, fetched for those whose summary is not kept. */
  private async liveConfigs(up: Map<string, DeviceRuntime>): Promise<Map<string, DeviceConfigSummary>> {
    const fetched = new Map<string, DeviceConfigSummary>();
    await Promise.all(
      [...up]
        .filter(([id]) => !this.configs.has(id))
        .map(async ([id, runtime]) => {
          const generation = this.generations.get(id) ?? 0;
          const summary = await runtime.config().catch(() => undefined); // down meanwhile: the crash propagates again
          if (!summary) return;
          fetched.set(id, summary);
          // Changed while it was fetched: good for this propagation, not to keep (the change queued another).
          if ((this.generations.get(id) ?? 0) === generation) this.configs.set(id, summary);
        }),
    );
    // In the lab's order, whatever order the answers came in: the same lab gives the same losses, said the same way.
    const live = new Map<string, DeviceConfigSummary>();
    for (const id of up.keys()) {
      const summary = this.configs.get(id) ?? fetched.get(id);
      if (summary) live.set(id, summary);
    }
    return live;
  }
}
