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

/** One running device as the lab host sees it: where it answers, and the faults the host can inject. */
export interface DeviceRuntime {
  port: number;
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA...`, for the lab's known_hosts file. */
  hostPublicKey: string;
  sessions(): number;
  connections(): number;
  setFibreCut(fibre: string, cut: boolean): void;
  /** What running says about the signals the device carries. */
  config(): DeviceConfigSummary;
  /** The signals it lost because of faults elsewhere (the host's light propagation). */
  setSignalFailures(failures: SignalFailure[]): void;
  setDelay(ms: number): void;
  rejectNextCommit(message?: string): void;
  close(): Promise<void>;
}

export interface DeviceRuntimeOptions {
  device: Device;
  topology: Topology;
  yangDir: string;
  stateDir: string;
  credentials: { username: string; password: string };
  listen: LabDeviceRecord;
  /** Fibres cut at this device's end right now: a restarted device comes back into the same physical world. */
  cutFibres: ReadonlySet<string>;
  logger: Logger;
  onCrash: () => void;
  /** After every change of the device's running configuration. */
  onConfigChange?: () => void;
  /** Every fault the device applied, including those its own milli-lab RPCs injected. */
  onFault: (fault: LabFault) => void;
  limits?: Partial<DeviceLimits>;
  sharedBudgets: SharedBudgets;
  fairShare: FairShare;
}

export async function startDeviceRuntime(options: DeviceRuntimeOptions): Promise<DeviceRuntime> {
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
      sessions: () => mock.sessions,
      connections: () => mock.connections.connections,
      setFibreCut: (fibre, cut) => mock.applyFault({ kind: cut ? 'cut-fibre' : 'restore-fibre', fibre }),
      config: () => mock.config(),
      setSignalFailures: (failures) => mock.setSignalFailures(failures),
      setDelay: (ms) => mock.applyFault({ kind: 'delay', ms }),
      rejectNextCommit: (message) => mock.applyFault({ kind: 'reject-next-commit', ...(message ? { message } : {}) }),
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

/**
 * The device's listening socket, owned here rather than by the device: inside a namespace it is opened by
 * setns (see namespaceSocket) and wrapped as a server; on 127.0.0.1 it is a plain listen. The device serves on
 * it; closing it here is what makes a crashed device stop answering and frees the port for its restart.
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
