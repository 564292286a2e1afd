import { createServer, type Server } from 'node:net';
import { type Logger, MilliError } from '@milli/core';
import type { Device, Topology } from '@milli/topology';
import { MockDevice } from '../device/MockDevice';
import type { DeviceConfigSummary } from '../device/model/configSummary';
import type { SignalFailure } from '../device/model/SignalFailure';
import type { LabFault } from '../device/model/LabFault';
import type { DeviceLimits } from '../device/server/guard/DeviceLimits';
import type { SharedBudgets } from '../device/server/SshNetconfServer';
import type { FairShare } from '../device/server/guard/FairShare';
import type { LabDeviceRecord } from '../launcher/labState';
import { listenInNamespace } from './namespaceSocket';

/** Where a started device answers. */
export interface DeviceAddress {
  port: number;
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA...`, for the lab's known_hosts file. */
  hostPublicKey: string;
}

/**
 * One running device as the lab host sees it: where it answers, and the faults the host can inject. Every call
 * is asynchronous because the device may run on another thread (see threads/DeviceThread); calls to one device
 * are applied in the order they were made.
 */
export interface DeviceRuntime extends DeviceAddress {
  /** The thread the device runs on: 0 is the host's own thread, 1..N its device threads. */
  thread: number;
  counts(): Promise<DeviceCounts>;
  /** A fault applied as if by the device's own milli-lab RPC (the device reports it back through onFault). */
  applyFault(fault: LabFault): Promise<void>;
  /** What running says about the signals the device carries. */
  config(): Promise<DeviceConfigSummary>;
  /** The signals it lost because of faults elsewhere (the host's light propagation). */
  setSignalFailures(failures: SignalFailure[]): Promise<void>;
  close(): Promise<void>;
}

export interface DeviceCounts {
  sessions: number;
  connections: number;
}

/** What a device tells the lab host, whichever thread it runs on. */
export interface DeviceCallbacks {
  onCrash: () => void;
  /** After every change of the device's running configuration. */
  onConfigChange?: () => void;
  /** Every fault the device applied, including those its own milli-lab RPCs injected. */
  onFault: (fault: LabFault) => void;
}

export interface DeviceRuntimeOptions extends DeviceCallbacks {
  device: Device;
  topology: Topology;
  yangDir: string;
  stateDir: string;
  credentials: { username: string; password: string };
  listen: LabDeviceRecord;
  /** Fibres cut at this device's end right now: a restarted device comes back into the same physical world. */
  cutFibres: ReadonlySet<string>;
  logger: Logger;
  limits?: Partial<DeviceLimits>;
  sharedBudgets: SharedBudgets;
  fairShare: FairShare;
}

/** A device running on the calling thread, answered synchronously (what a device thread holds for each device). */
export interface LocalDevice extends DeviceAddress {
  counts(): DeviceCounts;
  applyFault(fault: LabFault): void;
  config(): DeviceConfigSummary;
  setSignalFailures(failures: SignalFailure[]): void;
  close(): Promise<void>;
}

/** Starts a device on this thread: its listening socket (in its namespace when it has one), then its server. */
export async function startLocalDevice(options: DeviceRuntimeOptions): Promise<LocalDevice> {
  const { device, topology, listen } = options;
  const fibres = topology.fibres.filter((f) => f.a.device === device.id || f.b.device === device.id);
  const mock = new MockDevice({
    device,
    fibres,
    topology,
    yangDir: options.yangDir,
    stateDir: options.stateDir,
    users: [options.credentials],
    logger: options.logger,
    onCrash: options.onCrash,
    onFault: options.onFault,
    sharedBudgets: options.sharedBudgets,
    fairShare: options.fairShare,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  let listener: Server | undefined;
  try {
    listener = await openListener(listen);
    const address = await mock.listen(listen.address, listen.port, listener);
    for (const fibre of fibres) if (options.cutFibres.has(fibre.id)) mock.applyFault({ kind: 'cut-fibre', fibre: fibre.id });
    mock.onConfigChange = options.onConfigChange;
    return {
      port: address.port,
      hostKeyFingerprint: address.hostKeyFingerprint,
      hostPublicKey: mock.hostKey.publicKey,
      counts: () => ({ sessions: mock.sessions, connections: mock.connections.connections }),
      applyFault: (fault) => mock.applyFault(fault),
      config: () => mock.config(),
      setSignalFailures: (failures) => mock.setSignalFailures(failures),
      close: async () => {
        await mock.close();
        await closeListener(listener);
      },
    };
  } catch (error) {
    await mock.close();
    await closeListener(listener);
    throw error;
  }
}

/** A device on the host's own thread (`deviceThreads: 0`, the one-thread host), behind the asynchronous face. */
export async function startInlineRuntime(options: DeviceRuntimeOptions): Promise<DeviceRuntime> {
  const local = await startLocalDevice(options);
  return {
    port: local.port,
    hostKeyFingerprint: local.hostKeyFingerprint,
    hostPublicKey: local.hostPublicKey,
    thread: 0,
    counts: async () => local.counts(),
    applyFault: async (fault) => local.applyFault(fault),
    config: async () => local.config(),
    setSignalFailures: async (failures) => local.setSignalFailures(failures),
    close: () => local.close(),
  };
}

/**
 * The device's listening socket, owned here rather than by the device: inside a namespace it is opened by
 * setns (see namespaceSocket; setns moves only the calling thread, so a device thread opens its devices' sockets
 * itself) and wrapped as a server; on 127.0.0.1 it is a plain listen. The device serves on it; closing it here
 * is what makes a crashed device stop answering and frees the port for its restart.
 */
function openListener(listen: LabDeviceRecord): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const taken = error.code === 'EADDRINUSE' ? ' (the port is already in use)' : '';
      reject(
        new MilliError('LAB_START', `device ${listen.device} cannot listen on ${listen.address}:${listen.port}${taken}: ${error.message}`, {
          device: listen.device,
          address: listen.address,
          port: listen.port,
        }),
      );
    });
    const ready = () => resolve(server);
    if (listen.namespace) server.listen({ fd: listenInNamespace(listen.namespace, listen.address, listen.port) }, ready);
    else server.listen({ host: listen.address, port: listen.port, exclusive: true }, ready);
  });
}

function closeListener(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server?.listening) return resolve();
    server.close(() => resolve());
  });
}
