import 'reflect-metadata';
import { type Clock, type Logger, silentLogger, systemClock } from '@milli/core';
import {
  type ConnectionPool,
  DeviceDrivers,
  defaultDriverRegistry,
  poolFromInventory,
  type RpcSample,
  YangDeviceSchema,
} from '@milli/drivers';
import { ledgerForGraph, PceGraph, type ResourceLedger } from '@milli/pce';
import { type Inventory, type Topology, TopologyIndex } from '@milli/topology';
import { Container } from 'inversify';
import { Controller } from './facade/Controller';
import type { Transition } from './facade/types';
import type { LineInstaller } from './line/LineInstaller';
import { MultiLayerInstaller } from './line/MultiLayerInstaller';
import type { ControllerStore, LineOutline } from './store/ControllerStore';
import { SqliteStore } from './store/SqliteStore';
import { AlarmBook } from './assurance/AlarmBook';
import { SqliteAlarmStore } from './assurance/AlarmStore';
import { followLineFaults } from './assurance/followLineFaults';
import { Reconciler, type ReconcilerOptions } from './reconcile/Reconciler';
import { LiveNetworkState } from './assurance/LiveNetworkState';

/** The controller's bindings: each part is an interface, so a test or another deployment binds its own. */
export const CONTROLLER_TYPES = {
  Store: Symbol.for('milli.controller.Store'),
  Topology: Symbol.for('milli.controller.Topology'),
  TopologyIndex: Symbol.for('milli.controller.TopologyIndex'),
  PceGraph: Symbol.for('milli.controller.PceGraph'),
  Ledger: Symbol.for('milli.controller.Ledger'),
  Clock: Symbol.for('milli.controller.Clock'),
  Logger: Symbol.for('milli.controller.Logger'),
  Pool: Symbol.for('milli.controller.Pool'),
  Drivers: Symbol.for('milli.controller.Drivers'),
  Installer: Symbol.for('milli.controller.Installer'),
  Options: Symbol.for('milli.controller.Options'),
  Controller: Symbol.for('milli.controller.Controller'),
} as const;

export interface ControllerOptions {
  maxTransactions?: number;
  reserveAttempts?: number;
  confirmTimeoutS?: number;
  /** Lines one group transaction carries at most (the multi-layer installer's group commit; 1 turns it off). */
  linesPerTransaction?: number;
  /** Lines one group transaction of moves only (restorations, re-protections) carries at most (default 256). */
  movesPerTransaction?: number;
  /** How long a revertive line's original path must stay whole before the line goes back to it (default 10 s). */
  revertAfterMs?: number;
}

export interface ControllerBindings {
  store: ControllerStore;
  topology: Topology;
  clock?: Clock;
  logger?: Logger;
  /** Devices: either an installer, or the pool and drivers the default (multi-layer) installer runs over. */
  installer?: LineInstaller;
  devices?: { pool: ConnectionPool; drivers: DeviceDrivers };
  options?: ControllerOptions;
}

/**
 * The composition root: binds store, topology and PCE graph, clock, logger, drivers and installer in one inversify
 * container (as the drivers' registry binds plugins), and builds the Controller from those bindings.
 */
export function controllerContainer(bindings: ControllerBindings): Container {
  const c = new Container();
  c.bind(CONTROLLER_TYPES.Store).toConstantValue(bindings.store);
  c.bind(CONTROLLER_TYPES.Topology).toConstantValue(bindings.topology);
  c.bind(CONTROLLER_TYPES.TopologyIndex)
    .toDynamicValue((ctx) => new TopologyIndex(ctx.get<Topology>(CONTROLLER_TYPES.Topology)))
    .inSingletonScope();
  c.bind(CONTROLLER_TYPES.PceGraph)
    .toDynamicValue((ctx) => PceGraph.build(ctx.get<Topology>(CONTROLLER_TYPES.Topology)))
    .inSingletonScope();
  c.bind(CONTROLLER_TYPES.Clock).toConstantValue(bindings.clock ?? systemClock);
  c.bind(CONTROLLER_TYPES.Logger).toConstantValue(bindings.logger ?? silentLogger());
  c.bind(CONTROLLER_TYPES.Options).toConstantValue(bindings.options ?? {});
  if (bindings.devices) {
    c.bind(CONTROLLER_TYPES.Pool).toConstantValue(bindings.devices.pool);
    c.bind(CONTROLLER_TYPES.Drivers).toConstantValue(bindings.devices.drivers);
  }
  c.bind(CONTROLLER_TYPES.Ledger)
    .toDynamicValue((ctx) => ledgerForGraph(ctx.get<PceGraph>(CONTROLLER_TYPES.PceGraph)))
    .inSingletonScope();
  if (bindings.installer) c.bind(CONTROLLER_TYPES.Installer).toConstantValue(bindings.installer);
  else {
    c.bind(CONTROLLER_TYPES.Installer)
      .toDynamicValue(
        (ctx) =>
          new MultiLayerInstaller({
            drivers: ctx.get<DeviceDrivers>(CONTROLLER_TYPES.Drivers),
            pool: ctx.get<ConnectionPool>(CONTROLLER_TYPES.Pool),
            index: ctx.get<TopologyIndex>(CONTROLLER_TYPES.TopologyIndex),
            graph: ctx.get<PceGraph>(CONTROLLER_TYPES.PceGraph),
            ledger: ctx.get<ResourceLedger>(CONTROLLER_TYPES.Ledger),
            logger: ctx.get<Logger>(CONTROLLER_TYPES.Logger),
            ...(bindings.options?.confirmTimeoutS ? { confirmTimeoutS: bindings.options.confirmTimeoutS } : {}),
            ...(bindings.options?.linesPerTransaction ? { linesPerTransaction: bindings.options.linesPerTransaction } : {}),
            ...(bindings.options?.movesPerTransaction ? { movesPerTransaction: bindings.options.movesPerTransaction } : {}),
          }),
      )
      .inSingletonScope();
  }
  c.bind(CONTROLLER_TYPES.Controller)
    .toDynamicValue((ctx) => {
      const options = ctx.get<ControllerOptions>(CONTROLLER_TYPES.Options);
      return new Controller({
        store: ctx.get<ControllerStore>(CONTROLLER_TYPES.Store),
        installer: ctx.get<LineInstaller>(CONTROLLER_TYPES.Installer),
        index: ctx.get<TopologyIndex>(CONTROLLER_TYPES.TopologyIndex),
        graph: ctx.get<PceGraph>(CONTROLLER_TYPES.PceGraph),
        ledger: ctx.get<ResourceLedger>(CONTROLLER_TYPES.Ledger),
        clock: ctx.get<Clock>(CONTROLLER_TYPES.Clock),
        logger: ctx.get<Logger>(CONTROLLER_TYPES.Logger),
        ...(options.maxTransactions ? { maxTransactions: options.maxTransactions } : {}),
        ...(options.reserveAttempts ? { reserveAttempts: options.reserveAttempts } : {}),
        ...(options.revertAfterMs !== undefined ? { revertAfterMs: options.revertAfterMs } : {}),
      });
    })
    .inSingletonScope();
  return c;
}

export function composeController(bindings: ControllerBindings): Controller {
  return controllerContainer(bindings).get<Controller>(CONTROLLER_TYPES.Controller);
}

export interface NetworkControllerOptions extends ControllerOptions {
  /** The SQLite file (created and migrated if needed). */
  storeFile: string;
  topology: Topology;
  inventory: Inventory;
  /** Where the inventory was read from: credential references resolve against it. */
  inventoryPath: string;
  clock?: Clock;
  logger?: Logger;
  /** Watch every device's notifications and keep the network's alarms (the `alarms` of the result); default false. */
  watchDevices?: boolean;
  /** Reconcile every device with the store while the controller serves (the `reconciler` of the result); default off. */
  reconcile?: { periodMs?: number; removeForeign?: boolean; onReport?: ReconcilerOptions['onReport'] };
  /** Told of every NETCONF RPC to the devices (device, kind, operation, seconds): the API's latency metric. */
  onRpc?: (sample: RpcSample) => void;
}

/** The longest a reconcile pass waits for the lines being moved around a failure (a cut's moves take a few seconds). */
const RECONCILE_YIELD_MS = 10_000;

/** A controller over real devices: the SQLite store, a NETCONF pool over the inventory, the built-in drivers. */

export function networkController(options: NetworkControllerOptions): {
  controller: Controller;
  alarms: AlarmBook;
  reconciler?: Reconciler;
  /** Devices' and fibres' live state from the watch sessions and the alarms (filled only with watchDevices). */
  liveState: LiveNetworkState;
  /**
   * Opens the session to every device of the inventory (and builds its driver), all at once within the pool's limits;
   * resolves once each has connected or failed, or `withinMs` passed. A controller that has its sessions when it
   * says it is ready does not spend its first transactions on SSH handshakes.
   */
  connectDevices(withinMs: number): Promise<{ connected: number; failed: string[] }>;
  close(): Promise<void>;
} {
  const store = SqliteStore.open(options.storeFile);
  const logger = options.logger ?? silentLogger();
  const pool = poolFromInventory(options.inventory, options.inventoryPath, {
    keepaliveMs: 0,
    logger,
    ...(options.onRpc ? { onRpc: options.onRpc } : {}),
  });
  const schema = YangDeviceSchema.forModules();
  const drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  const container = controllerContainer({
    store,
    topology: options.topology,
    logger,
    devices: { pool, drivers },
    options,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const controller = container.get<Controller>(CONTROLLER_TYPES.Controller);
  const installer = container.get<LineInstaller>(CONTROLLER_TYPES.Installer);
  const reconciler = options.reconcile
    ? new Reconciler({
        store,
        drivers,
        devices: options.inventory.devices.map((d) => d.device),
        watch: (device) => pool.watch(device),
        ...(installer instanceof MultiLayerInstaller
          ? { exclusive: (devices, work) => installer.exclusive(devices, work), busy: (device) => installer.busy(device) }
          : {}),
        // Lines being moved around a failure go first; a pass waits for them, within a bound (never starved).
        yieldTo: () => controller.restorationsSettled(RECONCILE_YIELD_MS),
        ...options.reconcile,
        ...(options.confirmTimeoutS ? { confirmTimeoutS: options.confirmTimeoutS } : {}),
        logger,
      })
    : undefined;
  if (reconciler) controller.attach(reconciler);
  const alarmStore = SqliteAlarmStore.open(options.storeFile);
  // The lines' paths, to map each alarm to the lines it touches: read once and kept until the next transition that
  // may change a line (lines change paths only with one). A cut raises hundreds of alarms at once; reading every line
  // for each was most of it, and reading them again after each of its FAULT and RESTORE transitions (which change
  // no line) still took tens of milliseconds before its lines were on their way.
  let lines: Promise<readonly LineOutline[]> | undefined;
  const linesRead = controller.events.subscribe((t) => {
    if (!leavesLinesAsTheyWere(t)) lines = undefined;
  });
  const alarms = new AlarmBook({
    store: alarmStore,
    index: new TopologyIndex(options.topology),
    lines: () => {
      // Frozen: correlateAlarm indexes the list once by fibre and device, which it may do only for a list nobody changes.
      const read =
        lines ??
        store.lineOutlines().then(
          (outlines): readonly LineOutline[] => Object.freeze(outlines),
          (error: unknown) => {
            lines = undefined;
            throw error;
          },
        );
      lines = read;
      return read;
    },
    clock: options.clock ?? systemClock,
    logger,
  });
  const faults = followLineFaults(alarms, controller);
  const liveState = new LiveNetworkState(new TopologyIndex(options.topology));
  if (options.watchDevices) {
    const events = pool.watchAll();
    // The state subscribes first: the watch is shared, so both see every event from the first connect on.
    liveState.follow({ events, alarms }).catch((error: unknown) => logger.warn({ err: error }, 'live state: active alarms not read'));
    alarms.follow(events);
  }
  return {
    controller,
    alarms,
    ...(reconciler ? { reconciler } : {}),
    liveState,
    connectDevices: async (withinMs) => {
      const devices = options.inventory.devices.map((d) => d.device);
      const settled = new Map<string, boolean>();
      const all = Promise.all(
        devices.map((device) =>
          drivers.driver(device).then(
            () => settled.set(device, true),
            (error: unknown) => {
              settled.set(device, false);
              logger.warn({ device, err: error }, 'device not connected at start; its first use connects again');
            },
          ),
        ),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]);
      clearTimeout(timer);
      return { connected: [...settled.values()].filter(Boolean).length, failed: devices.filter((d) => settled.get(d) !== true) };
    },
    close: async () => {
      liveState.stop();
      faults.unsubscribe();
      linesRead.unsubscribe();
      alarms.stop();
      await alarmStore.close();
      if (controller.ready) await controller.stop();
      await drivers.close();
      schema.dispose();
      await store.close();
    },
  };
}

/**
 * Transitions stored without a change of their line: a fault marked (FAULT: active → degraded), a move begun
 * (RESTORE: degraded → restoring; REVERT: active → restoring). Every other one may change a line's path.
 */
function leavesLinesAsTheyWere(t: Transition): boolean {
  return (t.from === 'active' && t.to === 'degraded') || (t.to === 'restoring' && (t.from === 'degraded' || t.from === 'active'));
}
