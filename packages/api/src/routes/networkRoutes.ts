import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LiveState } from '../network/NetworkContext';
import { type PathQuery, whatIfPath } from '../network/whatIfPath';
import { errorResponses, json, type RouteDeps } from './RouteDeps';

/** The network: what-if paths against the current reservations, and the topology with live state where known. */
export function registerNetworkRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    '/v1/paths',
    {
      schema: {
        summary: 'compute a path (what-if)',
        description:
          'Path computation against the current reservations; reserves nothing. An infeasible request is an answer (feasible: false), not an error.',
        tags: ['network'],
        body: { $ref: 'PathQuery#' },
        response: { 200: json({ $ref: 'PathAnswer#' }, 'the path(s) and their latency, or why there is none'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Body: PathQuery }>) => {
      const view = await deps.network.resources();
      const started = performance.now();
      try {
        return whatIfPath(deps.graph, view, request.body, deps.clock.now());
      } finally {
        deps.metrics.pceSeconds.observe({ purpose: 'what-if' }, (performance.now() - started) / 1000);
      }
    },
  );

  app.get(
    '/v1/topology',
    {
      schema: {
        summary: 'the network',
        tags: ['network'],
        response: { 200: json({ $ref: 'TopologyView#' }, 'sites, devices and fibres, with live state where known'), ...errorResponses },
      },
    },
    async () => {
      const { topology, deviceState, fibreState } = deps.network;
      const state = (s: LiveState | undefined) => s ?? 'unknown';
      return {
        ...(topology.name ? { name: topology.name } : {}),
        sites: topology.sites,
        devices: topology.devices.map((d) => ({
          id: d.id,
          site: d.site,
          kind: d.kind,
          ...(d.model ? { model: d.model } : {}),
          ports: d.ports,
          state: state(deviceState?.call(deps.network, d.id)),
        })),
        fibres: topology.fibres.map((f) => ({ ...f, state: state(fibreState?.call(deps.network, f.id)) })),
      };
    },
  );
}
