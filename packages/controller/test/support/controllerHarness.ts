import { ManualClock } from '@milli/core';
import { metroSmall as metroSmallFile } from '@milli/test-support';
import { afterEach, expect } from 'vitest';
import { loadTopology, type Topology } from '@milli/topology';
import { composeController, type Controller, type ControllerStore, type IntentState, type LineInstaller } from '../../src/index';
import { openTestStore, type StoreKind, type TestStore } from './stores';

let cached: Topology | undefined;
/** metro-small, loaded once per test file. */
export async function metroSmall(): Promise<Topology> {
  cached ??= await loadTopology(await metroSmallFile());
  return cached;
}

/** A started controller over a store and an installer, on a clock. */
export async function startController(
  store: ControllerStore,
  installer: LineInstaller,
  clock?: { now(): number; setTimeout(fn: () => void, ms: number): { cancel(): void } },
  options: { maxTransactions?: number } = {},
): Promise<Controller> {
  const controller = composeController({ store, topology: await metroSmall(), installer, ...(clock ? { clock } : {}), options });
  await controller.start();
  return controller;
}

/** Resolves when the intent reaches one of `states`. */
export const reach = (controller: Controller, id: string, states: IntentState[]) => controller.until(id, states);

/**
 * The store-and-controllers fixture the scheduler and facade tests share: `open` a store of a kind, `started` a
 * controller on it (on the same file again with `reopen`, as a restarted process would), and everything is stopped and
 * disposed after each test.
 */
export function controllerFixture() {
  let opened: TestStore | undefined;
  let running: Controller[] = [];
  afterEach(async () => {
    for (const c of running) if (c.ready) await c.stop();
    running = [];
    await opened?.dispose();
    opened = undefined;
  });
  return {
    open(kind: StoreKind): TestStore {
      opened = openTestStore(kind);
      return opened;
    },
    /** Stops `controller` after the test too: for one started on a store of the test's own making. */
    track(controller: Controller): Controller {
      running.push(controller);
      return controller;
    },
    async started(installer: LineInstaller, clock: ManualClock, reopen = false): Promise<Controller> {
      if (!opened) throw new Error('open a store before starting a controller on it');
      const c = await startController(reopen ? opened.reopen() : opened.store, installer, clock);
      running.push(c);
      return c;
    },
  };
}

/** What a controller that died mid-move left on its SQLite file, for the next one to start on. */
export interface DiedMidMove {
  id: string;
  line: string;
  fibre: string;
  opened: TestStore;
  clock: ManualClock;
}

/**
 * A DC interconnect made active on a SQLite store, then cut under its working path, while `installer` dies somewhere
 * in the move (`died` resolves once it has). The dying controller is not stopped after the test: its move never ends,
 * as a dead process's would not.
 */
export async function cutWhileDying(
  fixture: ReturnType<typeof controllerFixture>,
  installer: LineInstaller,
  died: Promise<void>,
): Promise<DiedMidMove> {
  const opened = fixture.open('sqlite');
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const first = await startController(opened.store, installer, clock);
  const { id, line } = await first.submit('connect dc-north to dc-south under 1 ms at 100G');
  expect(await reach(first, id, ['active', 'failed'])).toBe('active');
  const fibre = (await opened.store.line(line!))!.path!.working.fibres[0]!;
  void first.lineFaults(line!, [`fibre ${fibre}`]);
  await died;
  return { id, line: line!, fibre, opened, clock };
}
