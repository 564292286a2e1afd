import { MilliError, parseBandwidth, parseLatency } from '@milli/core';
import { type ComputedPath, computePath, type PathRequest, type PceGraph, type ResourceView } from '@milli/pce';

/** The body of `POST /v1/paths`, as its schema (PathQuery) admits it. */
export interface PathQuery {
  from: string;
  to: string;
  bandwidth: string;
  maxLatency?: string;
  layer?: PathRequest['layer'];
  protection?: PathRequest['protection'];
  objective?: PathRequest['objective'];
  alternatives?: number;
  include?: { nodes?: string[]; links?: string[]; srlgs?: string[] };
  exclude?: { nodes?: string[]; links?: string[]; srlgs?: string[] };
}

export interface PathAnswer {
  feasible: boolean;
  working?: PathSummary;
  protection?: PathSummary;
  alternatives?: PathSummary[];
  pairGuarantee?: string;
  failure?: { code: string; message: string; evidence: Record<string, unknown> };
}

type PathSummary = Pick<ComputedPath, 'layer' | 'devices' | 'fibres' | 'srlgs' | 'latency' | 'hops' | 'reservation'> & {
  latencyUs: number;
};

/**
 * A what-if path: the PCE against the reservations as they are now, for the window starting `now`. Nothing is
 * reserved. Units are read here (bad ones are the caller's INVALID_UNIT); unknown ids are PCE_BAD_REQUEST.
 */
export function whatIfPath(graph: PceGraph, view: ResourceView, query: PathQuery, now: number): PathAnswer {
  const request: PathRequest = {
    from: query.from,
    to: query.to,
    bandwidthKbps: parseBandwidth(query.bandwidth),
    layer: query.layer ?? 'auto',
    protection: query.protection ?? 'none',
    objective: query.objective ?? 'latency',
    alternatives: query.alternatives ?? 0,
    ...(query.maxLatency !== undefined ? { maxLatencyUs: parseLatency(query.maxLatency) } : {}),
    ...(query.include ? { include: query.include } : {}),
    ...(query.exclude ? { exclude: query.exclude } : {}),
  };
  if (request.bandwidthKbps <= 0) {
    throw new MilliError('INVALID_ARGUMENT', `bandwidth '${query.bandwidth}' must be above 0`, { field: 'bandwidth' });
  }
  const result = computePath(graph, view, request, { now });
  if (!result.ok) return { feasible: false, failure: result.failure };
  return {
    feasible: true,
    working: summary(result.working),
    ...(result.protection ? { protection: summary(result.protection) } : {}),
    ...(result.pairGuarantee ? { pairGuarantee: result.pairGuarantee } : {}),
    alternatives: result.alternatives.map(summary),
  };
}

function summary(path: ComputedPath): PathSummary {
  const { layer, devices, fibres, srlgs, latency, hops, reservation } = path;
  return { layer, devices, fibres, srlgs, latencyUs: latency.totalUs, latency, hops, reservation };
}
