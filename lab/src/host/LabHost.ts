import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, MilliError, silentLogger } from '@milli/core';
import type { Device, Inventory, InventoryEntry, Topology } from '@milli/topology';
import { deviceSlot, labNaming } from '../launcher/addressing';
import { type Isolation, type LabDeviceRecord, type LabRecord, labPaths, writeJsonAtomic } from '../launcher/labState';
import { createLabNetwork, removeLabNetwork } from '../launcher/netns';
import type { ControlReply, ControlRequest, DeviceStatus } from './controlProtocol';
import type { LabFault } from '../device/model/LabFault';
import type { DeviceRuntime } from './deviceRuntime';
import { type LabBudgets, type LabLimits, labBudgets } from './labLimits';
import { DevicePool } from './threads/DevicePool';
import { writeKnownHosts } from './knownHostsFile';
import { LightKeeper } from './LightKeeper';

export interface LabHostOptions {
  topology: Topology;
  topologyPath: string;
  stateDir: string;
  isolation: Isolation;
  yangDir: string;
  logger?: Logger;
  /** Devices started at once; each builds a libyang context, which is CPU-bound. */
  concurrency?: number;
  /** `process` isolation: device i listens on basePort + i (default: a free port each, kept across restarts). */
  basePort?: number;
  /** Device limits, lab budgets and device threads. */
  limits?: LabLimits;
}

/** Start-up progress: first the namespaces (netns isolation), then the devices. */
export type HostProgress =
  | { phase: 'network'; done: number; total: number }
  | { phase: 'devices'; done: number; total: number; device: string };

/** Where NETCONF over SSH listens (RFC 6242) inside each device's namespace. */
export const NETCONF_PORT = 830;

export const LAB_USER = 'milli';

/**
 * Hosts every mock device of one lab in this process, on its device threads (see threads/DevicePool). With
 * `netns` isolation each device's listening socket lives in its own network namespace (see namespaceSocket), so
 * devices are separate hosts on the lab bridge while sharing one Node process, which keeps the memory per device
 * small. This thread keeps the lab's state, the control socket and the light (LightKeeper).
 */
export class LabHost {
  private readonly devices = new Map<string, { record: LabDeviceRecord; runtime?: DeviceRuntime; device: Device }>();
  /** Fibre → the devices at whose end it is cut, whoever cut it (the lab command or a device's own RPC). */
  private readonly cutEnds = new Map<string, Set<string>>();
  private readonly budgets: LabBudgets;
  private readonly log: Logger;
  private readonly light: LightKeeper;
  private pool: DevicePool | undefined;
  private password = '';
  private stopping = false;
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly options: LabHostOptions) {
    this.log = options.logger ?? silentLogger();
    this.budgets = labBudgets(options.limits); // a bad limit fails the start, before any device
    this.light = new LightKeeper(
      options.topology,
      {
        devices: () => [...this.devices].map(([id, entry]) => [id, entry.runtime] as [string, DeviceRuntime | undefined]),
        cutFibres: () => new Set(this.cutEnds.keys()),
        stopping: () => this.stopping,
      },
      this.log,
    );
    const { connections, sessions, deviceThreads } = this.budgets;
    this.log.info({ maxLabConnections: connections.limit, maxLabSessions: sessions.limit, deviceThreads }, 'lab budgets');
  }

  async start(onProgress: (event: HostProgress) => void = () => {}): Promise<Inventory> {
    const { topology, stateDir, isolation } = this.options;
    const paths = labPaths(stateDir);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    this.password = this.loadOrCreatePassword(paths.credentials);
    // The device threads load their modules while the network is made.
    this.pool = new DevicePool({
      topology,
      yangDir: this.options.yangDir,
      devicesDir: join(paths.dir, 'devices'),
      credentials: { username: LAB_USER, password: this.password },
      ...(this.options.limits?.device ? { limits: this.options.limits.device } : {}),
      budgets: this.budgets,
      logger: this.log,
    });
    const naming = labNaming(stateDir);
    topology.devices.forEach((device, index) => {
      const slot = isolation === 'netns' ? deviceSlot(naming, index, device.id) : undefined;
      const record: LabDeviceRecord = {
        device: device.id,
        kind: device.kind,
        address: slot?.address ?? '127.0.0.1',
        port: slot ? NETCONF_PORT : this.options.basePort ? this.options.basePort + index : 0,
        ...(slot ? { namespace: slot.namespace, vethHost: slot.vethHost } : {}),
      };
      this.devices.set(device.id, { record, device });
    });
    // Written first, so that a `down` (or the next `up`) finds this host even if it never gets ready.
    this.writeRecord();
    if (isolation === 'netns') {
      const slots = [...this.devices.values()].map(({ record }) => ({
        namespace: record.namespace!,
        vethHost: record.vethHost!,
        address: record.address,
      }));
      await createLabNetwork(naming, slots, (done, total) => onProgress({ phase: 'network', done, total }));
    }

    let started = 0;
    const queue = [...this.devices.keys()];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined && !this.stopping; id = queue.shift()) {
        await this.startDevice(id);
        onProgress({ phase: 'devices', done: ++started, total: this.devices.size, device: id });
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 8 }, worker));
    if (this.stopping) throw new MilliError('LAB_START', 'the lab was stopped while it was starting');

    await this.light.propagate();
    const inventory = this.inventory();
    writeJsonAtomic(paths.inventory, inventory);
    writeKnownHosts(
      paths,
      [...this.devices.values()].flatMap(({ record, runtime }) => (runtime ? [{ ...record, publicKey: runtime.hostPublicKey }] : [])),
    );
    this.writeRecord();
    return inventory;
  }

  private writeRecord(): void {
    const record: LabRecord = {
      version: 1,
      topology: this.options.topologyPath,
      isolation: this.options.isolation,
      hostPid: process.pid,
      startedAt: this.startedAt,
      devices: [...this.devices.values()].map((d) => d.record),
    };
    writeJsonAtomic(labPaths(this.options.stateDir).record, record);
  }

  async handle(request: ControlRequest): Promise<ControlReply> {
    switch (request.op) {
      case 'status':
        return {
          ok: true,
          devices: await this.status(),
          fibres: this.options.topology.fibres.map((f) => {
            const ends = [...(this.cutEnds.get(f.id) ?? [])];
            return ends.length > 0 ? { fibre: f.id, cut: true, cutAt: ends } : { fibre: f.id, cut: false };
          }),
        };
      case 'fault':
        return { ok: true, affected: await this.fault(request) };
      case 'stop':
        setImmediate(() => void this.stop().then(() => process.exit(0)));
        return { ok: true };
    }
  }

  /** Every device, up or not, with the thread it runs on (0: the host's own) and its sessions and connections. */
  async status(): Promise<DeviceStatus[]> {
    return Promise.all(
      [...this.devices.values()].map(async ({ record, runtime }) => {
        const counts = await runtime?.counts().catch(() => undefined); // down meanwhile: no sessions
        return {
          device: record.device,
          kind: record.kind,
          address: record.address,
          port: record.port,
          ...(record.namespace ? { namespace: record.namespace } : {}),
          thread: this.pool?.threadOf(record.device) ?? 0,
          up: runtime !== undefined,
          sessions: counts?.sessions ?? 0,
          connections: counts?.connections ?? 0,
        };
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.devices.values()].map((d) => d.runtime?.close().catch(() => undefined)));
    await this.pool?.stop();
    if (this.options.isolation === 'netns') await removeLabNetwork(labNaming(this.options.stateDir));
  }

  private async fault(request: Extract<ControlRequest, { op: 'fault' }>): Promise<string[]> {
    if (request.fault === 'cut-fibre' || request.fault === 'restore-fibre') {
      const fibre = this.options.topology.fibres.find((f) => f.id === request.target);
      if (!fibre) throw new MilliError('TOPOLOGY_NOT_FOUND', `no fibre '${request.target}' in this lab`, { fibre: request.target });
      const cut = request.fault === 'cut-fibre';
      const ends = [fibre.a.device, fibre.b.device];
      for (const id of ends) this.recordCut(fibre.id, id, cut); // a device that is down comes back with it
      const fault: LabFault = { kind: cut ? 'cut-fibre' : 'restore-fibre', fibre: fibre.id };
      await this.light.propagate(() => Promise.all(ends.map((id) => this.devices.get(id)?.runtime?.applyFault(fault))));
      return ends;
    }
    const entry = this.devices.get(request.target);
    if (!entry) throw new MilliError('TOPOLOGY_NOT_FOUND', `no device '${request.target}' in this lab`, { device: request.target });
    switch (request.fault) {
      case 'crash':
        await this.crash(request.target);
        break;
      case 'restart':
        if (entry.runtime) await this.crash(request.target);
        await this.startDevice(request.target);
        break;
      case 'delay':
        await this.requireUp(request.target).applyFault({ kind: 'delay', ms: request.delayMs ?? 0 });
        break;
      case 'reject-next-commit':
        await this.requireUp(request.target).applyFault({
          kind: 'reject-next-commit',
          ...(request.message ? { message: request.message } : {}),
        });
        break;
    }
    if (request.fault === 'crash' || request.fault === 'restart') await this.light.propagate();
    return [request.target];
  }

  /** A fault a device applied, however it came: the host's view of cut fibres follows the devices'. */
  private deviceFault(device: string, fault: LabFault): void {
    if (fault.kind === 'cut-fibre' || fault.kind === 'restore-fibre') this.recordCut(fault.fibre, device, fault.kind === 'cut-fibre');
    if (fault.kind === 'clear-faults') for (const fibre of [...this.cutEnds.keys()]) this.recordCut(fibre, device, false);
    if (fault.kind === 'cut-fibre' || fault.kind === 'restore-fibre' || fault.kind === 'clear-faults') this.light.propagateSoon();
  }

  private recordCut(fibre: string, device: string, cut: boolean): void {
    const ends = this.cutEnds.get(fibre) ?? new Set<string>();
    if (cut) ends.add(device);
    else ends.delete(device);
    if (ends.size > 0) this.cutEnds.set(fibre, ends);
    else this.cutEnds.delete(fibre);
  }

  private cutAt(device: string): Set<string> {
    return new Set([...this.cutEnds].filter(([, ends]) => ends.has(device)).map(([fibre]) => fibre));
  }

  private requireUp(id: string): DeviceRuntime {
    const runtime = this.devices.get(id)?.runtime;
    if (!runtime) throw new MilliError('LAB_STATE', `device ${id} is down; 'milli lab fault restart ${id}' brings it back`, { device: id });
    return runtime;
  }

  private async crash(id: string): Promise<void> {
    const entry = this.devices.get(id)!;
    const runtime = entry.runtime;
    entry.runtime = undefined;
    this.light.forget(id);
    await runtime?.close().catch((error: Error) => this.log.warn({ device: id, err: error.message }, 'closing a crashed device failed'));
    this.log.warn({ device: id }, 'device crashed');
  }

  private async startDevice(id: string): Promise<void> {
    const entry = this.devices.get(id)!;
    this.light.forget(id);
    const runtime = await this.pool!.start(entry.record, this.cutAt(id), {
      onCrash: () => void this.crash(id).then(() => this.light.propagate()),
      onConfigChange: () => {
        this.light.forget(id);
        this.light.propagateSoon();
      },
      onFault: (fault) => this.deviceFault(id, fault),
    });
    entry.record.port = runtime.port;
    entry.runtime = runtime;
  }

  private inventory(): Inventory {
    const devices: InventoryEntry[] = [...this.devices.values()].map(({ record, device, runtime }) => ({
      device: device.id,
      kind: device.kind,
      ...(device.model ? { model: device.model } : {}),
      site: device.site,
      address: record.address,
      port: record.port,
      username: LAB_USER,
      credentialsRef: 'file:credentials.json',
      hostKeyFingerprint: runtime?.hostKeyFingerprint ?? '',
      ...(record.namespace ? { namespace: record.namespace } : {}),
    }));
    return { version: 1, topology: this.options.topologyPath, devices };
  }

  /** One random password per lab, kept 0600 beside the inventory, which only references it. */
  private loadOrCreatePassword(path: string): string {
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { password: string }).password;
    const password = randomBytes(18).toString('base64url');
    writeJsonAtomic(path, { username: LAB_USER, password }, 0o600);
    return password;
  }
}
