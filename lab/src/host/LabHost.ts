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
import { Budget } from '../device/server/guard/Budget';
import { FairShare } from '../device/server/guard/FairShare';
import { MemoryBudget } from '../device/server/guard/MemoryBudget';
import { type DeviceLimits, deviceLimits } from '../device/server/guard/DeviceLimits';
import type { SharedBudgets } from '../device/server/SshNetconfServer';
import { type DeviceRuntime, startDeviceRuntime } from './deviceRuntime';
import { openFileLimit } from './openFileLimit';
import { writeKnownHosts } from './knownHostsFile';
import { litEverywhere, propagateLight, somethingDark } from './lightPropagation';
import type { DeviceConfigSummary } from '../device/model/configSummary';

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
  /** Device limits and lab budgets. */
  limits?: LabLimits;
}

/** What a lab grants: every device's limits, and budgets shared by all its devices. */
export interface LabLimits {
  /** Limits of every device (DEFAULT_DEVICE_LIMITS for those unset). */
  device?: Partial<DeviceLimits>;
  /** TCP connections across all devices (default 8192, and never more than the open-file limit less a reserve). */
  maxLabConnections?: number;
  /** SSH session channels across all devices (default 2048). */
  maxLabSessions?: number;
  /** Request bytes held across all devices (default 512 MiB); at it, sessions stop reading until some are answered. */
  maxLabBufferedBytes?: number;
  /**
   * The share of the host's thread one device may use while other devices are active (default 0.1, at most 1):
   * beyond it the device's next request waits (see FairShare).
   */
  deviceCpuShare?: number;
}

/** Descriptors kept for the host itself whatever the devices do: its control socket, log, files and child processes. */
export const HOST_DESCRIPTOR_RESERVE = 512;
export const DEFAULT_LAB_CONNECTIONS = 8192;
export const DEFAULT_LAB_SESSIONS = 2048;
export const DEFAULT_DEVICE_CPU_SHARE = 0.1;
export const DEFAULT_LAB_BUFFERED_BYTES = 512 * 1024 * 1024;

/** Start-up progress: first the namespaces (netns isolation), then the devices. */
export type HostProgress =
  | { phase: 'network'; done: number; total: number }
  | { phase: 'devices'; done: number; total: number; device: string };

/** Where NETCONF over SSH listens (RFC 6242) inside each device's namespace. */
export const NETCONF_PORT = 830;

export const LAB_USER = 'milli';

/**
 * Hosts every mock device of one lab in this process. With `netns` isolation each device's listening socket
 * lives in its own network namespace (see namespaceSocket), so devices are separate hosts on the lab bridge
 * while sharing one Node process, which keeps the memory per device small.
 */
export class LabHost {
  private readonly devices = new Map<string, { record: LabDeviceRecord; runtime?: DeviceRuntime; device: Device }>();
  /** Fibre → the devices at whose end it is cut, whoever cut it (the lab command or a device's own RPC). */
  private readonly cutEnds = new Map<string, Set<string>>();
  private readonly budgets: SharedBudgets;
  private readonly fairShare: FairShare;
  private readonly log: Logger;
  private password = '';
  private stopping = false;
  private readonly startedAt = new Date().toISOString();
  private propagationQueued = false;

  constructor(private readonly options: LabHostOptions) {
    this.log = options.logger ?? silentLogger();
    deviceLimits(options.limits?.device); // a bad limit fails the start, before any device
    const descriptors = openFileLimit();
    const connections = Math.min(
      options.limits?.maxLabConnections ?? DEFAULT_LAB_CONNECTIONS,
      descriptors === undefined ? Number.POSITIVE_INFINITY : descriptors - HOST_DESCRIPTOR_RESERVE,
    );
    this.budgets = {
      connections: new Budget(Math.max(1, connections)),
      sessions: new Budget(options.limits?.maxLabSessions ?? DEFAULT_LAB_SESSIONS),
      memory: new MemoryBudget(options.limits?.maxLabBufferedBytes ?? DEFAULT_LAB_BUFFERED_BYTES),
    };
    const share = options.limits?.deviceCpuShare ?? DEFAULT_DEVICE_CPU_SHARE;
    if (!(share > 0 && share <= 1)) {
      throw new MilliError('INVALID_ARGUMENT', `deviceCpuShare must be a number above 0 and at most 1, got ${share}`, {
        deviceCpuShare: share,
      });
    }
    this.fairShare = new FairShare(share);
    this.log.info({ maxLabConnections: this.budgets.connections.limit, maxLabSessions: this.budgets.sessions.limit }, 'lab budgets');
  }

  async start(onProgress: (event: HostProgress) => void = () => {}): Promise<Inventory> {
    const { topology, stateDir, isolation } = this.options;
    const paths = labPaths(stateDir);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    this.password = this.loadOrCreatePassword(paths.credentials);
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

    this.propagate();
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
          devices: this.status(),
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

  status(): DeviceStatus[] {
    return [...this.devices.values()].map(({ record, runtime }) => ({
      device: record.device,
      kind: record.kind,
      address: record.address,
      port: record.port,
      ...(record.namespace ? { namespace: record.namespace } : {}),
      up: runtime !== undefined,
      sessions: runtime?.sessions() ?? 0,
      connections: runtime?.connections() ?? 0,
    }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.devices.values()].map((d) => d.runtime?.close()));
    if (this.options.isolation === 'netns') await removeLabNetwork(labNaming(this.options.stateDir));
  }

  private async fault(request: Extract<ControlRequest, { op: 'fault' }>): Promise<string[]> {
    if (request.fault === 'cut-fibre' || request.fault === 'restore-fibre') {
      const fibre = this.options.topology.fibres.find((f) => f.id === request.target);
      if (!fibre) throw new MilliError('TOPOLOGY_NOT_FOUND', `no fibre '${request.target}' in this lab`, { fibre: request.target });
      const cut = request.fault === 'cut-fibre';
      const ends = [fibre.a.device, fibre.b.device];
      for (const id of ends) {
        this.recordCut(fibre.id, id, cut); // a device that is down comes back with it
        this.devices.get(id)?.runtime?.setFibreCut(fibre.id, cut);
      }
      this.propagate();
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
        this.requireUp(request.target).setDelay(request.delayMs ?? 0);
        break;
      case 'reject-next-commit':
        this.requireUp(request.target).rejectNextCommit(request.message);
        break;
    }
    if (request.fault === 'crash' || request.fault === 'restart') this.propagate();
    return [request.target];
  }

  /** A fault a device applied, however it came: the host's view of cut fibres follows the devices'. */
  private deviceFault(device: string, fault: LabFault): void {
    if (fault.kind === 'cut-fibre' || fault.kind === 'restore-fibre') this.recordCut(fault.fibre, device, fault.kind === 'cut-fibre');
    if (fault.kind === 'clear-faults') for (const fibre of [...this.cutEnds.keys()]) this.recordCut(fibre, device, false);
    if (fault.kind === 'cut-fibre' || fault.kind === 'restore-fibre' || fault.kind === 'clear-faults') this.propagateSoon();
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
    await runtime?.close();
    this.log.warn({ device: id }, 'device crashed');
  }

  private async startDevice(id: string): Promise<void> {
    const entry = this.devices.get(id)!;
    const { topology, stateDir, yangDir } = this.options;
    const runtime = await startDeviceRuntime({
      device: entry.device,
      topology,
      yangDir,
      stateDir: join(labPaths(stateDir).dir, 'devices', id),
      credentials: { username: LAB_USER, password: this.password },
      listen: entry.record,
      cutFibres: this.cutAt(id),
      logger: this.log, // the device names itself in its log lines
      onCrash: () => void this.crash(id).then(() => this.propagate()),
      onConfigChange: () => this.propagateSoon(),
      onFault: (fault) => this.deviceFault(id, fault),
      sharedBudgets: this.budgets,
      fairShare: this.fairShare,
      ...(this.options.limits?.device ? { limits: this.options.limits.device } : {}),
    });
    entry.record.port = runtime.port;
    entry.runtime = runtime;
  }

  /**
   * Follows light across every device (lightPropagation) and hands each device that is up what it lost: called
   * after every cut, restore, crash, restart and (batched) configuration change.
   */
  private propagate(): void {
    const down = new Set<string>();
    const up: string[] = [];
    for (const [id, entry] of this.devices) {
      if (entry.runtime) up.push(id);
      else down.add(id);
    }
    const cutFibres = new Set(this.cutEnds.keys());
    // A lit lab (no cut, no device down) loses nothing: its devices' configurations need not be read or followed.
    const failures = somethingDark(cutFibres, down)
      ? propagateLight({ topology: this.options.topology, configs: this.liveConfigs(), cutFibres, downDevices: down })
      : litEverywhere(up);
    for (const [id, lost] of failures) this.devices.get(id)?.runtime?.setSignalFailures(lost);
  }

  /** The running configuration of every device that is up. */
  private liveConfigs(): Map<string, DeviceConfigSummary> {
    const live = new Map<string, DeviceConfigSummary>();
    for (const [id, entry] of this.devices) if (entry.runtime) live.set(id, entry.runtime.config());
    return live;
  }

  /** Many commits land together (a transaction over many devices): one propagation after them. */
  private propagateSoon(): void {
    if (this.propagationQueued || this.stopping) return;
    this.propagationQueued = true;
    setTimeout(() => {
      this.propagationQueued = false;
      if (!this.stopping) this.propagate();
    }, 20).unref();
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
