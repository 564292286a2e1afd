import { MilliError } from '@milli/core';
import { alarmChangeJson, type Transition } from '@milli/controller';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses, type RouteDeps } from './RouteDeps';

/** A client that lets this much pile up unread is cut off; it reconnects with Last-Event-ID and misses nothing. */
const MAX_UNREAD_BYTES = 1 << 20;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/events`: server-sent events, one per stored transition, each with its sequence number as its id. A client
 * reconnecting with `Last-Event-ID` (or `?after=SEQ`) first gets every transition it missed from the store, then the
 * live ones; live events that arrive during that replay are held back and sent after it, each sequence number once.
 */
export function registerEventRoutes(app: FastifyInstance, { controller, maxEventStreams, alarms }: RouteDeps): void {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/v1/events',
    {
      config: { stream: true },
      schema: {
        summary: 'the stream of lifecycle transitions (server-sent events)',
        description:
          "Each event: `id` = the transition's sequence number, `event: transition`, `data` = the Transition as JSON. Reconnect with Last-Event-ID to get every event missed, none twice. Alarms raised and cleared come as `event: alarm` with `data` = `{ kind: 'raised' | 'cleared', alarm: AlarmRecord }`, without an id: they are live only (read the missed ones with GET /v1/alarms). `only=transition` or `only=alarm` streams that kind alone (a cut raises and clears thousands of alarms, each naming every line on its fibre: a client following transitions need not read them).",
        tags: ['events'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: {
              type: 'integer',
              minimum: 0,
              maximum: Number.MAX_SAFE_INTEGER,
              description: 'replay transitions after this sequence number',
            },
            only: { type: 'string', enum: ['transition', 'alarm'], description: 'stream this kind of event alone (default: both)' },
          },
        },
        headers: { type: 'object', properties: { 'last-event-id': { type: 'string', pattern: '^[0-9]{1,15}$' } } },
        response: {
          200: {
            description: 'text/event-stream of Transition events',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (
      request: FastifyRequest<{ Querystring: { after?: number; only?: 'transition' | 'alarm' }; Headers: { 'last-event-id'?: string } }>,
      reply: FastifyReply,
    ) => {
      if (open.size >= maxEventStreams) {
        reply.header('Retry-After', '5');
        throw new MilliError('API_OVERLOADED', `${open.size} event streams are open, the most this server keeps`, { streams: open.size });
      }
      const only = request.query.only;
      const header = request.headers['last-event-id'];
      // A stream of alarms alone replays nothing: alarms are live only.
      const after = only === 'alarm' ? undefined : header !== undefined ? Number(header) : request.query.after;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': milli transitions\n\n');

      let lastSent = after ?? -1;
      let replaying = after !== undefined;
      const held: Transition[] = [];
      const send = (t: Transition) => {
        if (t.seq <= lastSent || res.writableEnded) return;
        lastSent = t.seq;
        res.write(`id: ${t.seq}\nevent: transition\ndata: ${JSON.stringify(t)}\n\n`);
        if (res.writableLength > MAX_UNREAD_BYTES) end();
      };
      const subscription = only === 'alarm' ? undefined : controller.events.subscribe((t) => (replaying ? held.push(t) : send(t)));
      const alarmSubscription = (only === 'transition' ? undefined : alarms)?.changes.subscribe((change) => {
        if (res.writableEnded) return;
        // Written once per change for every stream, its line list once per list (an alarm names every line on its fibre).
        res.write(`event: alarm\ndata: ${alarmChangeJson(change)}\n\n`);
        if (res.writableLength > MAX_UNREAD_BYTES) end();
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        if (!open.delete(end)) return;
        subscription?.unsubscribe();
        alarmSubscription?.unsubscribe();
        clearInterval(heartbeat);
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      res.on('close', end);

      if (after !== undefined) {
        try {
          for (const t of await controller.eventsSince(after)) send(t);
        } catch (error) {
          request.log.warn({ err: error }, 'event replay failed; the stream ends so the client reconnects');
          end();
          return;
        }
        replaying = false;
        for (const t of held.splice(0)) send(t);
      }
    },
  );
}
