import type { Clock } from '@milli/core';
import type { AlarmChange, AlarmQuery, AlarmRecord, ControllerApi } from '@milli/controller';
import type { Observable } from 'rxjs';
import type { PceGraph } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import type { ApiMetrics } from '../metrics/ApiMetrics';
import type { NetworkContext } from '../network/NetworkContext';

/** What every route reads: the controller facade, the network beside it, metrics and the clock. */
export interface RouteDeps {
  controller: ControllerApi;
  network: NetworkContext;
  index: TopologyIndex;
  graph: PceGraph;
  metrics: ApiMetrics;
  clock: Clock;
  maxEventStreams: number;
  /** The network's alarms (AlarmBook), when the controller watches devices. */
  alarms?: AlarmSource;
}

export interface AlarmSource {
  alarms(query?: AlarmQuery): Promise<AlarmRecord[]>;
  readonly changes: Observable<AlarmChange>;
}

/** Route config flag: the route changes something, so a viewer token may not call it. */
export interface RouteAccess {
  write?: boolean;
  /** Open to anyone: health probes and the API's own documentation (no network data). */
  open?: boolean;
  /** Long-lived (server-sent events): counted apart from the bound on requests in flight. */
  stream?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig extends RouteAccess {}
}

/** Error answers every route may give, documented once. */
export const errorResponses = {
  '4xx': {
    description: 'RFC 9457 problem details with the stable error code',
    content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
  },
  '5xx': {
    description: 'RFC 9457 problem details (not ready, unavailable)',
    content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
  },
} as const;

export const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
