import { MilliError } from '@milli/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdParamsSchema } from '../schemas/requests';
import { errorResponses, json, type RouteDeps } from './RouteDeps';

/** Lines as they are now, with the intents that shaped them. */
export function registerLineRoutes(app: FastifyInstance, { controller }: RouteDeps): void {
  app.get(
    '/v1/lines',
    {
      schema: {
        summary: 'list lines',
        tags: ['lines'],
        response: { 200: json({ type: 'array', items: { $ref: 'LineRecord#' } }, 'every line'), ...errorResponses },
      },
    },
    async () => controller.lines(),
  );

  app.get(
    '/v1/lines/:id',
    {
      schema: {
        summary: 'read a line',
        tags: ['lines'],
        params: IdParamsSchema,
        response: { 200: json({ $ref: 'LineRecord#' }, 'the line and the intents that shaped it'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string } }>) => {
      const line = await controller.line(request.params.id);
      if (!line) throw new MilliError('API_NOT_FOUND', `no line '${request.params.id}'`, { line: request.params.id });
      return line;
    },
  );
}
