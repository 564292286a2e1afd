import { MilliError } from '@milli/core';
import type { FastifyInstance } from 'fastify';
import { errorResponses, json, type RouteDeps } from './RouteDeps';

/** Liveness (the process answers) and readiness (recovery has finished); open to probes without a token. */
export function registerHealthRoutes(app: FastifyInstance, { controller }: RouteDeps): void {
  app.get(
    '/healthz',
    {
      config: { open: true },
      schema: {
        summary: 'liveness',
        tags: ['health'],
        security: [],
        response: { 200: json({ $ref: 'Health#' }, 'alive'), ...errorResponses },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { open: true },
      schema: {
        summary: 'readiness: recovery has finished',
        tags: ['health'],
        security: [],
        response: { 200: json({ $ref: 'Health#' }, 'ready'), ...errorResponses },
      },
    },
    async () => {
      if (!controller.ready) throw new MilliError('API_NOT_READY', 'the controller is still recovering open transactions and schedules');
      return { status: 'ready' };
    },
  );
}
