import type { Logger } from '@milli/core';
import type { Device, Topology } from '@milli/topology';
import { MockDevice } from '../device/MockDevice';
import type { LabDeviceRecord } from '../launcher/labState';
import { listenInNamespace } from '../launcher/listenInNamespace';

/** One running device as the lab host sees it: where it answers, and the faults the host can inject. */
export interface DeviceRuntime {
  port: number;
  hostKeyFingerprint: string;
  sessions(): number;
  setFibreCut(fibre: string, cut: boolean): void;
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
  /** Fibres cut in the lab right now: a restarted device comes back into the same physical world. */
  cutFibres: ReadonlySet<string>;
  logger: Logger;
  onCrash: () => void;
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
  });
  try {
    const handle = listen.namespace ? await listenInNamespace(listen.namespace, listen.address, listen.port) : undefined;
    const address = await mock.listen(listen.address, listen.port, handle);
    for (const fibre of fibres) if (options.cutFibres.has(fibre.id)) mock.applyFault({ kind: 'cut-fibre', fibre: fibre.id });
    return {
      port: address.port,
      hostKeyFingerprint: address.hostKeyFingerprint,
      sessions: () => mock.sessions,
      setFibreCut: (fibre, cut) => mock.applyFault({ kind: cut ? 'cut-fibre' : 'restore-fibre', fibre }),
      setDelay: (ms) => mock.applyFault({ kind: 'delay', ms }),
      rejectNextCommit: (message) => mock.applyFault({ kind: 'reject-next-commit', ...(message ? { message } : {}) }),
      close: () => mock.close(),
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}
