import type { ManualClock } from '@milli/core';
import { metroSmall as metroSmallFile } from '@milli/test-support';
import { afterEach } from 'vitest';
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
