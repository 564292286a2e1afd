import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorResponses, type RouteDeps } from './RouteDeps';

/** Prometheus' text format, from the registry every part of milli adds to. */
export function registerMetricsRoutes(app: FastifyInstance, { metrics }: RouteDeps): void {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'metrics in the Prometheus text format',
        tags: ['health'],
        response: {
          200: { description: 'Prometheus exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...errorResponses,
        },
      },
    },
    async (_request, reply: FastifyReply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
