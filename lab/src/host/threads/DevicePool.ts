import { join } from 'node:path';
import type { Logger } from '@milli/core';
import type { Topology } from '@milli/topology';
import { FairShare } from '../../device/server/guard/FairShare';
import { MemoryBudget } from '../../device/server/guard/MemoryBudget';
import type { DeviceLimits } from '../../device/server/guard/DeviceLimits';
import type { LabDeviceRecord } from '../../launcher/labState';
import { type DeviceCallbacks, type DeviceRuntime, startInlineRuntime } from '../deviceRuntime';
import type { LabBudgets } from '../labLimits';
import { DeviceThread } from './DeviceThread';
import { placeDevices } from './placement';

export interface DevicePoolOptions {
  topology: Topology;
  yangDir: string;
  /** `<state dir>/devices`. */
  devicesDir: string;
  credentials: { username: string; password: string };
  limits?: Partial<DeviceLimits>;
  budgets: LabBudgets;
  logger: Logger;
}

/**
 * Where the lab's devices run: on `budgets.deviceThreads` worker threads, each device on the thread placement
 * gave it (the busiest spread first), or with 0 threads all on the calling thread. A device restarts on its own
 * thread. The lab's connection and session budgets are shared by all threads (atomic counters); each thread has
 * its FairShare and an equal part of the request-byte budget.
 */
export class DevicePool {
  private readonly threads: DeviceThread[];
  private readonly placement: Map<string, number>;
  private readonly inline: { fairShare: FairShare; memory: MemoryBudget } | undefined;

  constructor(private readonly options: DevicePoolOptions) {
    const { budgets, topology } = options;
    const count = budgets.deviceThreads;
    this.placement = count > 0 ? placeDevices(topology, count) : new Map();
    this.inline =
      count === 0 ? { fairShare: new FairShare(budgets.deviceCpuShare), memory: new MemoryBudget(budgets.bufferedBytes) } : undefined;
    this.threads = Array.from(
      { length: count },
      (_, i) =>
        new DeviceThread(
          {
            thread: i + 1,
            topology,
            yangDir: options.yangDir,
            devicesDir: options.devicesDir,
            credentials: options.credentials,
            ...(options.limits ? { limits: options.limits } : {}),
            connections: budgets.connections.shared(),
            sessions: budgets.sessions.shared(),
            bufferedBytes: Math.floor(budgets.bufferedBytes / count),
            deviceCpuShare: budgets.deviceCpuShare,
            logLevel: options.logger.level,
          },
          options.logger,
        ),
    );
    for (const thread of this.threads) thread.warm();
  }

  /** The thread a device runs on: 0 is the calling thread. */
  threadOf(device: string): number {
    return this.placement.get(device) ?? 0;
  }

  start(listen: LabDeviceRecord, cutFibres: ReadonlySet<string>, callbacks: DeviceCallbacks): Promise<DeviceRuntime> {
    const thread = this.threads[this.threadOf(listen.device) - 1];
    if (thread) return thread.startDevice(listen, cutFibres, callbacks);
    const { options } = this;
    return startInlineRuntime({
      device: options.topology.devices.find((d) => d.id === listen.device)!,
      topology: options.topology,
      yangDir: options.yangDir,
      stateDir: join(options.devicesDir, listen.device),
      credentials: options.credentials,
      listen,
      cutFibres,
      logger: options.logger,
      ...callbacks,
      sharedBudgets: { connections: options.budgets.connections, sessions: options.budgets.sessions, memory: this.inline!.memory },
      fairShare: this.inline!.fairShare,
      ...(options.limits ? { limits: options.limits } : {}),
    });
  }

  /** Ends the device threads; their devices should have been closed first. */
  async stop(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }
}
