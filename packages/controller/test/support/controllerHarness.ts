import { metroSmall as metroSmallFile } from '@milli/test-support';
import { loadTopology, type Topology } from '@milli/topology';
import { composeController, type Controller, type ControllerStore, type IntentState, type LineInstaller } from '../../src/index';

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
