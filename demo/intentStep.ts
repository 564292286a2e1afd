import { type PceGraph, type ResourceLedger, computePath, formatPathResult } from '@milli/pce';
import { readIntent } from '@milli/intent';
import type { TopologyIndex } from '@milli/topology';
import { fact, heading } from './say';

/**
 * An intent as a carrier's orchestrator would send it: parsed, checked against the network, compiled to a path
 * request, and answered by the PCE with a path whose latency is proven against the bound, span by span.
 */
export function intentStep(text: string, index: TopologyIndex, graph: PceGraph, ledger: ResourceLedger, now: number) {
  heading(`Intent: "${text}"`);
  const { intent, compilation } = readIntent(text, { topology: index, now });
  fact(`${intent.kind}, compiled: ${compilation.explain.join('; ')}`);
  const request = compilation.pathRequests[0]!;
  const result = computePath(graph, ledger, request, { now });
  for (const line of formatPathResult(result).split('\n')) fact(line, 2);
  return { compilation, result };
}
