import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ApiMetrics, loadTokens, type RunningApi, startApiServer, storeNetworkContext, watchTransactionPhases } from '@milli/api';
import { DEFAULT_LINES_PER_TRANSACTION, DEFAULT_MOVES_PER_TRANSACTION, networkController, SqliteStore } from '@milli/controller';
import { createLogger, type Logger, MilliError } from '@milli/core';
import { PceGraph } from '@milli/pce';
import { loadInventory, loadTopology } from '@milli/topology';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { integerOption, secondsOption } from '../options/numericOptions';
import { consoleDir } from './consoleDir';

/** How long `milli serve` waits for the devices' sessions at start before it says ready anyway. */
const DEVICE_CONNECT_MS = 15_000;
/**
 * How long it then waits for the reconciler's first pass over each device that connected (152 on metro-medium, most
 * done while the sessions open): those reads then do not compete with the first intents' transactions.
 */
const RECONCILE_AT_START_MS = 2_000;

export interface ServeOptions {
  inventory: string;
  topology: string;
  db?: string;
  host?: string;
  port?: string;
  tokens?: string;
  /** commander's `--no-auth`: false when given. */
  auth?: boolean;
  /** Seconds between the reconciler's passes over every device (default 60; 0: only on device events). */
  reconcilePeriod?: string;
  /** commander's `--no-reconcile`: false when given (no reconciler at all). */
  reconcile?: boolean;
  /** Remove foreign items that collide with a reserved resource (default: report them only). */
  removeForeign?: boolean;
  /** Lines one group transaction carries at most (1: group commit off). */
  linesPerTransaction?: string;
  /** Lines one group transaction of moves only (restorations, re-protections) carries at most. */
  movesPerTransaction?: string;
  /** Seconds a revertive line's original path must stay whole before the line goes back to it (default 10; 0: at once). */
  revertAfter?: string;
}

export const DEFAULT_RECONCILE_PERIOD_S = 60;
export const DEFAULT_REVERT_AFTER_S = 10;

export interface Serving {
  url: string;
  /** Stops taking requests, ends event streams, lets the controller finish what is in flight, closes the store. */
  stop(): Promise<void>;
  /** Resolves once the controller has recovered and serves writes. */
  ready: Promise<void>;
}

export const DEFAULT_DB = '.milli/milli.db';

/** `milli serve`: the controller on its store and devices, behind the HTTP API; SIGTERM and Ctrl-C stop it gracefully. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the controller behind the HTTP API: recover, then serve until SIGTERM or Ctrl-C')
    .requiredOption('--inventory <file>', 'device inventory (management addresses and credentials)')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .option('--db <file>', 'the controller store (SQLite; created if missing)', DEFAULT_DB)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--tokens <file>', 'bearer tokens, one token:viewer or token:operator a line (also read: MILLI_TOKENS)')
    .option('--no-auth', 'serve without tokens (only on loopback)')
    .option(
      '--reconcile-period <seconds>',
      "seconds between the reconciler's passes over every device; 0: only on device events (reconnects, config changes)",
      String(DEFAULT_RECONCILE_PERIOD_S),
    )
    .option('--no-reconcile', 'do not compare the devices with the store nor repair drift')
    .option('--remove-foreign', 'let the reconciler remove foreign items that collide with a reserved resource (default: report them)')
    .option(
      '--lines-per-transaction <n>',
      'group commit: installs and releases waiting on the same devices go as one network transaction of at most n lines (1: off)',
      String(DEFAULT_LINES_PER_TRANSACTION),
    )
    .option(
      '--moves-per-transaction <n>',
      'group commit: lines restored or re-protected together (a cut fibre) go as one network transaction of at most n lines',
      String(DEFAULT_MOVES_PER_TRANSACTION),
    )
    .option(
      '--revert-after <seconds>',
      "seconds a revertive line's original path must stay whole before the line goes back to it; 0: at once",
      String(DEFAULT_REVERT_AFTER_S),
    )
    .action(
      runAction(async (options: ServeOptions) => {
        const serving = await serve(options);
        const signalled = new Promise<void>((done) => {
          const stop = (signal: string) => {
            process.stdout.write(`${signal}: stopping\n`);
            done();
          };
          process.once('SIGINT', () => stop('SIGINT'));
          process.once('SIGTERM', () => stop('SIGTERM'));
        });
        try {
          // A failed recovery ends the command with its error; otherwise it serves until a signal.
          await Promise.race([signalled, serving.ready.then(() => signalled)]);
        } finally {
          await serving.stop();
          process.stdout.write('stopped\n');
        }
      }),
    );
}

/** Starts listening at once (health answers, readiness waits), recovers, then serves writes. */
export async function serve(options: ServeOptions, logger: Logger = createLogger({ name: 'milli' })): Promise<Serving> {
  const port = integerOption(options.port ?? '8080', 'port', { min: 0, max: 65_535 });
  const linesPerTransaction = integerOption(options.linesPerTransaction ?? String(DEFAULT_LINES_PER_TRANSACTION), 'lines-per-transaction', {
    min: 1,
    max: 1000,
  });
  const movesPerTransaction = integerOption(options.movesPerTransaction ?? String(DEFAULT_MOVES_PER_TRANSACTION), 'moves-per-transaction', {
    min: 1,
    max: 1000,
  });
  const tokens = await loadTokens({
    ...(process.env.MILLI_TOKENS ? { env: process.env.MILLI_TOKENS } : {}),
    ...(options.tokens ? { file: options.tokens } : {}),
  });
  const noAuth = options.auth === false;
  if (tokens.size === 0 && !noAuth) {
    throw new MilliError(
      'INVALID_ARGUMENT',
      'no API token: set MILLI_TOKENS=token:operator or pass --tokens FILE (or --no-auth on loopback)',
      {},
    );
  }
  const reconcile = reconcileOptions(options);
  const revertAfterMs = revertAfterOption(options);
  const topology = await loadTopology(options.topology);
  const inventoryPath = resolve(options.inventory);
  const inventory = loadInventory(inventoryPath);
  const storeFile = resolve(options.db ?? DEFAULT_DB);
  mkdirSync(dirname(storeFile), { recursive: true });
  const metrics = new ApiMetrics({ defaultMetrics: true });
  const { controller, alarms, liveState, connectDevices, reconciler, close } = networkController({
    storeFile,
    topology,
    inventory,
    inventoryPath,
    logger,
    watchDevices: true,
    ...(reconcile ? { reconcile } : {}),
    linesPerTransaction,
    movesPerTransaction,
    revertAfterMs,
    onRpc: (rpc) => metrics.netconfRpcSeconds.observe({ device_kind: rpc.kind, operation: rpc.operation }, rpc.seconds),
  });
  // A second, read-only use of the store (WAL lets it read beside the controller's writes): what-if paths and checks.
  const readStore = SqliteStore.open(storeFile);
  const phases = watchTransactionPhases(controller, readStore, metrics);
  let api: RunningApi;
  try {
    api = await startApiServer({
      controller,
      network: {
        ...storeNetworkContext(readStore, topology, PceGraph.build(topology)),
        deviceState: (device) => liveState.deviceState(device),
        fibreState: (fibre) => liveState.fibreState(fibre),
      },
      tokens,
      noAuth,
      logger,
      metrics,
      alarms,
      consoleDir: consoleDir(),
      host: options.host ?? '127.0.0.1',
      port,
    });
  } catch (error) {
    phases.unsubscribe();
    await readStore.close();
    await close();
    throw error;
  }
  process.stdout.write(`milli API on ${api.url} (docs ${api.url}/docs, console ${api.url}/ui/, events ${api.url}/v1/events); recovering\n`);
  const ready = controller.start().then(async () => {
    // The device sessions open before the controller says it is ready, so the first intents do not wait for them.
    const { connected, failed } = await connectDevices(DEVICE_CONNECT_MS);
    logger.info({ connected, failed: failed.length }, 'device sessions opened');
    if (reconciler) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reconciler.idle(), new Promise((resolve) => (timer = setTimeout(resolve, RECONCILE_AT_START_MS)))]);
      clearTimeout(timer);
      logger.info({ passes: reconciler.counters.passes }, 'reconciler passes at start');
    }
    process.stdout.write(`ready: ${api.url}/readyz\n`);
  });
  let stopped: Promise<void> | undefined;
  return {
    url: api.url,
    ready,
    stop: () => {
      stopped ??= (async () => {
        await api.close();
        phases.unsubscribe();
        await ready.catch(() => undefined);
        await close();
        await readStore.close();
      })();
      return stopped;
    },
  };
}

/** The reconciler `milli serve` runs: on by default, every 60 s and on every device event; off with --no-reconcile. */
export function reconcileOptions(options: ServeOptions): { periodMs: number; removeForeign: boolean } | undefined {
  if (options.reconcile === false) return undefined;
  const period = options.reconcilePeriod ?? String(DEFAULT_RECONCILE_PERIOD_S);
  const periodMs = /^\s*0+(\.0*)?\s*$/.test(period) ? 0 : secondsOption(period, 'reconcile-period');
  return { periodMs, removeForeign: options.removeForeign === true };
}

/** `--revert-after SECONDS` in milliseconds: 0 moves a revertive line back as soon as its original path is whole. */
export function revertAfterOption(options: ServeOptions): number {
  const seconds = options.revertAfter ?? String(DEFAULT_REVERT_AFTER_S);
  return /^\s*0+(\.0*)?\s*$/.test(seconds) ? 0 : secondsOption(seconds, 'revert-after');
}
