import { loadTopology, type Topology } from '@milli/topology';
import { filter, firstValueFrom } from 'rxjs';
import { composeController, type Controller, type ControllerStore, type IntentState, type LineInstaller } from '../../src/index';
import { join } from 'node:path';

export const METRO_SMALL = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');

let cached: Topology | undefined;
export async function metroSmall(): Promise<Topology> {
  cached ??= await loadTopology(METRO_SMALL);
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

/** Resolves when the intent reaches one of `states` (checked against the store first, then the event stream). */
export async function reach(controller: Controller, id: string, states: IntentState[]): Promise<IntentState> {
  const seen = firstValueFrom(controller.events.pipe(filter((t) => t.intent === id && states.includes(t.to))), { defaultValue: undefined });
  const now = await controller.get(id);
  if (now && states.includes(now.state)) return now.state;
  const reached = await seen;
  if (!reached) throw new Error(`the controller stopped before ${id} reached ${states.join(' or ')}`);
  return reached.to;
}
