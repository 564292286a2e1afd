// A device thread of the lab host: runs the devices the host places on it, each exactly as on the host's own
// thread (startLocalDevice), and answers the host's requests about them by message. Its own libyang contexts
// (one per kind), FairShare and part of the lab's request-byte budget; the lab's connection and session budgets
// are shared with every thread through atomic counters.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { MilliError, createLogger, isMilliError } from '@milli/core';
import { Budget } from '../../device/server/guard/Budget';
import { FairShare } from '../../device/server/guard/FairShare';
import { MemoryBudget } from '../../device/server/guard/MemoryBudget';
import type { SharedBudgets } from '../../device/server/SshNetconfServer';
import { type LocalDevice, startLocalDevice } from '../deviceRuntime';
import type { DeviceThreadData, ThreadMessage, ThreadRequest } from './threadMessages';

const data = workerData as DeviceThreadData;
const port = parentPort!;
const post = (message: ThreadMessage) => port.postMessage(message);
const logger = createLogger({
  name: 'lab-host',
  level: data.logLevel,
  destination: { write: (line: string) => post({ type: 'log', line }) } as NodeJS.WritableStream,
}).child({ thread: data.thread });
const budgets: SharedBudgets = {
  connections: Budget.attach(data.connections),
  sessions: Budget.attach(data.sessions),
  memory: new MemoryBudget(data.bufferedBytes),
};
const fairShare = new FairShare(data.deviceCpuShare);
const devices = new Map<string, LocalDevice>();
const byId = new Map(data.topology.devices.map((d) => [d.id, d]));

async function answer(request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'start':
      return start(request.listen.device, request);
    case 'close': {
      const device = devices.get(request.device);
      devices.delete(request.device);
      await device?.close();
      return undefined;
    }
    case 'fault':
      return running(request.device).applyFault(request.fault);
    case 'signal-failures':
      // A device that went down since the host asked has nothing to lose.
      return devices.get(request.device)?.setSignalFailures(request.failures);
    case 'config':
      return running(request.device).config();
    case 'counts':
      return running(request.device).counts();
  }
}

async function start(id: string, request: Extract<ThreadRequest, { op: 'start' }>) {
  const device = await startLocalDevice({
    device: byId.get(id)!,
    topology: data.topology,
    yangDir: data.yangDir,
    stateDir: join(data.devicesDir, id),
    credentials: data.credentials,
    listen: request.listen,
    cutFibres: new Set(request.cutFibres),
    logger,
    onCrash: () => post({ type: 'crash', device: id }),
    onConfigChange: () => post({ type: 'config-change', device: id }),
    onFault: (fault) => post({ type: 'fault', device: id, fault }),
    sharedBudgets: budgets,
    fairShare,
    ...(data.limits ? { limits: data.limits } : {}),
  });
  devices.set(id, device);
  const { port: listening, hostKeyFingerprint, hostPublicKey } = device;
  return { port: listening, hostKeyFingerprint, hostPublicKey };
}

function running(id: string): LocalDevice {
  const device = devices.get(id);
  if (device) return device;
  throw new MilliError('LAB_STATE', `device ${id} is not running on device thread ${data.thread}`, { device: id, thread: data.thread });
}

port.on('message', (request: ThreadRequest) => {
  answer(request).then(
    (value) => post({ type: 'reply', id: request.id, value }),
    (error: Error) => {
      const code = isMilliError(error) ? error.code : 'INTERNAL';
      const context = isMilliError(error) ? error.context : undefined;
      try {
        post({ type: 'reply', id: request.id, error: { code, message: error.message, ...(context ? { context } : {}) } });
      } catch {
        post({ type: 'reply', id: request.id, error: { code, message: error.message } }); // a context that does not clone
      }
    },
  );
});
