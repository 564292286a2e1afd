import { ResourceLedger } from '../resources/ResourceLedger';
import type { PceGraph } from './PceGraph';

/** An empty ledger whose fixed OTU links (grey fibres) have the slot capacity of their port rates. */
export function ledgerForGraph(graph: PceGraph, channels = 96): ResourceLedger {
  return new ResourceLedger({ channels, linkSlots: (link) => graph.fixedLinkSlots.get(link) });
}
