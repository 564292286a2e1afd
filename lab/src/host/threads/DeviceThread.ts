import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type Logger, MilliError } from '@milli/core';
import type { LabDeviceRecord } from '../../launcher/labState';
import type { DeviceCallbacks, DeviceRuntime } from '../deviceRuntime';
import type { DeviceThreadData, ThreadAnswers, ThreadMessage, ThreadRequest } from './threadMessages';

const WORKER_URL = new URL('./deviceWorker.ts', import.meta.url);
const PINO_LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

type RequestBody = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * One of the lab host's device threads, seen from the host's thread: starts the worker (again, if it died), sends
 * it requests and routes what its devices report (crash, configuration change, fault) to their callbacks and its
 * log lines to the host's logger. Messages to a worker arrive in the order they were sent, so the calls on one
 * device are applied in order.
 */
export class DeviceThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly callbacks = new Map<string, DeviceCallbacks>();
  private stopping = false;

  constructor(
    private readonly data: DeviceThreadData,
    private readonly log: Logger,
  ) {}

  get thread(): number {
    return this.data.thread;
  }

  /** Starts the worker now (it loads its modules while other threads do too), rather than at its first device. */
  warm(): void {
    this.ensureWorker();
  }

  async startDevice(listen: LabDeviceRecord, cutFibres: ReadonlySet<string>, callbacks: DeviceCallbacks): Promise<DeviceRuntime> {
    const id = listen.device;
    this.callbacks.set(id, callbacks);
    let address: ThreadAnswers['start'];
    try {
      address = await this.request<'start'>({ op: 'start', listen, cutFibres: [...cutFibres] });
    } catch (error) {
      this.callbacks.delete(id);
      throw error;
    }
    return {
      ...address,
      thread: this.thread,
      counts: () => this.request<'counts'>({ op: 'counts', device: id }),
      applyFault: (fault) => this.request<'fault'>({ op: 'fault', device: id, fault }),
      config: () => this.request<'config'>({ op: 'config', device: id }),
      setSignalFailures: (failures) => this.request<'signal-failures'>({ op: 'signal-failures', device: id, failures }),
      close: async () => {
        this.callbacks.delete(id);
        if (this.worker) await this.request<'close'>({ op: 'close', device: id });
      },
    };
  }

  /** Ends the worker; its devices should have been closed first (their sockets and sessions end with it anyway). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private request<Op extends keyof ThreadAnswers>(body: RequestBody & { op: Op }): Promise<ThreadAnswers[Op]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    if (this.stopping) throw new MilliError('LAB_STATE', 'the lab is stopping', { thread: this.thread });
    const worker = new Worker(bootScript(), { eval: true, workerData: this.data, name: `lab-devices-${this.thread}` });
    worker.on('message', (message: ThreadMessage) => this.receive(message));
    worker.on('error', (error) => this.log.error({ err: error, thread: this.thread }, 'device thread failed'));
    worker.on('exit', (code) => this.exited(worker, code));
    worker.unref(); // the host's own handles (control socket) keep it alive; a device thread never should alone
    this.worker = worker;
    return worker;
  }

  private receive(message: ThreadMessage): void {
    switch (message.type) {
      case 'reply': {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiting) return;
        if ('error' in message) {
          const { code, message: text, context } = message.error;
          waiting.reject(new MilliError(code as ErrorCode, text, context ?? {}));
        } else waiting.resolve(message.value);
        return;
      }
      case 'crash':
        this.callbacks.get(message.device)?.onCrash();
        return;
      case 'config-change':
        this.callbacks.get(message.device)?.onConfigChange?.();
        return;
      case 'fault':
        this.callbacks.get(message.device)?.onFault(message.fault);
        return;
      case 'log':
        this.relog(message.line);
        return;
    }
  }

  /** A device thread's log line, written by the host's logger (one log, whatever thread a device runs on). */
  private relog(line: string): void {
    try {
      const { level, time: _time, name: _name, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
      this.log[PINO_LEVELS[level as number] ?? 'info'](fields, String(msg ?? ''));
    } catch {
      this.log.warn({ thread: this.thread }, 'unreadable log line from a device thread');
    }
  }

  /** A worker that ends unasked takes its devices down: each is reported crashed, and restarts on a new worker. */
  private exited(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const [, waiting] of this.pending) {
      waiting.reject(new MilliError('LAB_STATE', `device thread ${this.thread} ended (exit code ${code})`, { thread: this.thread, code }));
    }
    this.pending.clear();
    if (this.stopping) return;
    this.log.error({ thread: this.thread, code }, 'device thread ended; its devices are down');
    const devices = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callbacks of devices) callbacks.onCrash();
  }
}

/**
 * The worker's entry: the device thread module itself, through tsx's loader when it is TypeScript (as when the
 * host runs from source; a worker does not inherit the host's `--import tsx` hooks on Node 20).
 */
function bootScript(): string {
  const entry = JSON.stringify(WORKER_URL.href);
  if (!WORKER_URL.pathname.endsWith('.ts')) return `import(${entry});`;
  const tsx = JSON.stringify(pathToFileURL(tsxEsmApi()).href);
  return `import(${tsx}).then(({ register }) => { register(); return import(${entry}); });`;
}

/** tsx's ESM API module (its CommonJS twin cannot register the ESM hooks from a worker), found from its manifest. */
function tsxEsmApi(): string {
  const manifestPath = createRequire(WORKER_URL).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default);
}
