import type { ControllerStore } from '@milli/controller';
import type { Compilation } from '@milli/intent';
import { ledgerForGraph, type PceGraph, type ResourceView } from '@milli/pce';
import type { Topology } from '@milli/topology';
import type { NetworkContext } from './NetworkContext';

/**
 * The network as the controller's store records it: what-if paths read a ledger rebuilt from the stored reservations
 * (the controller writes each reservation in the same database transaction as the transition that made it, so the
 * store and the controller's own ledger agree), and a line's compilation is its current intent's. Read only.
 */
export function storeNetworkContext(store: ControllerStore, topology: Topology, graph: PceGraph): NetworkContext {
  return {
    topology,
    async resources(): Promise<ResourceView> {
      const ledger = ledgerForGraph(graph);
      for (const r of await store.reservations()) ledger.reserve(r.owner, r.window, r.items);
      return ledger;
    },
    async compilationOf(lineId: string): Promise<Compilation | undefined> {
      const line = await store.line(lineId);
      const current = line && (await store.intent(line.current));
      return current?.compilation as Compilation | undefined;
    },
  };
}
