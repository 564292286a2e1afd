import { indicatorsReport } from '@milli/indicators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses, type RouteDeps } from './RouteDeps';

const FORMAT_TYPES = ['application/json', 'application/geo+json', 'text/markdown', 'text/html'];

/**
 * `GET /v1/reports/indicators?format=&lang=`: the programme's indicators and each DC's 1 ms circle, computed from the
 * network as built (the topology the server was started with). The figures depend on the topology only, so each
 * format and language is computed once and kept.
 */
export function registerReportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const rendered = new Map<string, { contentType: string; body: string }>();
  app.get(
    '/v1/reports/indicators',
    {
      schema: {
        summary: 'the indicators report and the 1 ms circles',
        description: 'format: json (default), geojson (circles as cells, fibres, sites), md or html; lang: en (default) or zh.',
        tags: ['network'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', maxLength: 16 }, lang: { type: 'string', maxLength: 8 } },
        },
        response: {
          200: {
            description: 'the report in the format asked for',
            content: Object.fromEntries(FORMAT_TYPES.map((type) => [type, { schema: {} }])),
          },
          ...errorResponses,
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: { format?: string; lang?: string } }>, reply: FastifyReply) => {
      const { format = 'json', lang = 'en' } = request.query;
      const key = `${format}/${lang}`;
      let answer = rendered.get(key);
      if (answer === undefined) {
        const { contentType, body } = indicatorsReport(
          { topology: deps.network.topology, options: { now: deps.clock.now() } },
          { format, lang },
        );
        answer = { contentType, body };
        rendered.set(key, answer);
      }
      return reply.type(answer.contentType).send(answer.body);
    },
  );
}
