import { MilliError } from '@milli/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, json, type RouteDeps } from './RouteDeps';

interface AlarmsQuery {
  active?: boolean;
  device?: string;
  line?: string;
  limit?: number;
}

/** `GET /v1/alarms`: the network's alarms, newest first, with raise and clear times, root cause and lines. */
export function registerAlarmRoutes(app: FastifyInstance, { alarms }: RouteDeps): void {
  app.get(
    '/v1/alarms',
    {
      schema: {
        summary: 'list alarms',
        description: 'Alarms as the devices reported them, newest first; filter by active, device and line.',
        tags: ['alarms'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            active: { type: 'boolean', description: 'only standing (true) or only cleared (false) alarms' },
            device: { type: 'string', maxLength: 128 },
            line: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 },
          },
        },
        response: { 200: json({ type: 'array', items: { $ref: 'AlarmRecord#' } }, 'the alarms'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Querystring: AlarmsQuery }>) => {
      if (!alarms) throw new MilliError('API_NO_ALARMS', 'this server does not watch devices: it keeps no alarms', {});
      const { active, device, line, limit } = request.query;
      return alarms.alarms({
        ...(active !== undefined ? { active } : {}),
        ...(device !== undefined ? { device } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
  );
}
