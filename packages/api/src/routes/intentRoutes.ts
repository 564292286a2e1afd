import { MilliError } from '@milli/core';
import type { IntentFilter, IntentRecord } from '@milli/controller';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CheckContext, checkIntent, validateForSubmit } from '../network/checkIntent';
import { type IntentBody, intentInputOf } from '../network/intentInput';
import { IdParamsSchema, IntentListQuerySchema } from '../schemas/requests';
import { errorResponses, json, type RouteDeps } from './RouteDeps';

/** Intents: create (202, located problems as 422), list, read, elastic change, release; and the dry-run check. */
export function registerIntentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { controller } = deps;

  const checkContext = async (): Promise<CheckContext> => ({
    index: deps.index,
    network: deps.network,
    // Every submit checks a named line exists: ids only, not every line read and turned into a record (1,000 lines in).
    existingLines: new Set(controller.lineIds ? await controller.lineIds() : (await controller.lines()).map((l) => l.id)),
    now: deps.clock.now(),
  });

  const found = async (id: string): Promise<IntentRecord> => {
    const record = await controller.get(id);
    if (!record) throw new MilliError('API_NOT_FOUND', `no intent '${id}'`, { intent: id });
    return record;
  };

  app.post(
    '/v1/intents',
    {
      config: { write: true },
      schema: {
        summary: 'submit an intent',
        description:
          'Checks the intent at once (422 with every problem and its location) and hands it to the controller, which answers 202 with its id; outcomes arrive as events. A retried create with the same Idempotency-Key returns the same intent.',
        tags: ['intents'],
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' } } },
        body: { $ref: 'IntentInput#' },
        response: {
          202: {
            ...json({ $ref: 'SubmitResult#' }, 'accepted: the intent and its line, and the state it is in'),
            headers: { Location: { type: 'string', description: '/v1/intents/{id}' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request: FastifyRequest<{ Body: IntentBody; Headers: { 'idempotency-key'?: string } }>, reply: FastifyReply) => {
      const input = intentInputOf(request.body);
      validateForSubmit(input, await checkContext());
      const key = request.headers['idempotency-key'];
      const result = await controller.submit(input, key === undefined ? {} : { idempotencyKey: key });
      return reply
        .code(202)
        .header('Location', `/v1/intents/${encodeURIComponent(result.id)}`)
        .send(result);
    },
  );

  app.post(
    '/v1/intents/check',
    {
      schema: {
        summary: 'check an intent without submitting it',
        description: 'A dry run: the same answer as `milli intent check`, reserving nothing.',
        tags: ['intents'],
        body: { $ref: 'IntentInput#' },
        response: { 200: json({ $ref: 'CheckResult#' }, 'the parsed intent, as checked, and its compilation'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Body: IntentBody }>) => checkIntent(intentInputOf(request.body), await checkContext()),
  );

  app.get(
    '/v1/intents',
    {
      schema: {
        summary: 'list intents',
        tags: ['intents'],
        querystring: IntentListQuerySchema,
        response: { 200: json({ $ref: 'IntentPage#' }, 'one page; `next` is the cursor of the next'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Querystring: IntentFilter }>) => controller.list(request.query),
  );

  app.get(
    '/v1/intents/:id',
    {
      schema: {
        summary: 'read an intent',
        tags: ['intents'],
        params: IdParamsSchema,
        response: { 200: json({ $ref: 'IntentRecord#' }, 'the intent, its path and history'), ...errorResponses },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string } }>) => found(request.params.id),
  );

  app.patch(
    '/v1/intents/:id',
    {
      config: { write: true },
      schema: {
        summary: "change the intent's line elastically",
        tags: ['intents'],
        params: IdParamsSchema,
        body: { $ref: 'ElasticChange#' },
        response: {
          202: json({ $ref: 'SubmitResult#' }, 'accepted: the change runs as the intent moves through modifying'),
          ...errorResponses,
        },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string> }>, reply: FastifyReply) => {
      const record = await found(request.params.id);
      if (record.line === null) {
        throw new MilliError('API_BAD_REQUEST', `intent '${record.id}' holds no line to change`, { intent: record.id });
      }
      const change = { kind: 'elastic', line: record.line, ...request.body };
      validateForSubmit(change, await checkContext());
      const result = await controller.modify(record.id, change);
      return reply.code(202).send(result);
    },
  );

  app.delete(
    '/v1/intents/:id',
    {
      config: { write: true },
      schema: {
        summary: "release the intent's line",
        description: 'The intent goes through deleting to deleted; every device returns to what it was.',
        tags: ['intents'],
        params: IdParamsSchema,
        response: {
          202: json({ $ref: 'SubmitResult#' }, 'accepted: the release runs as the intent moves through deleting'),
          ...errorResponses,
        },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const record = await found(request.params.id);
      return reply.code(202).send(await controller.release(record.id));
    },
  );
}
