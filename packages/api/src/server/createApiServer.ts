import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type Clock, type Logger, MilliError, silentLogger, systemClock } from '@milli/core';
import type { ControllerApi } from '@milli/controller';
import { PceGraph } from '@milli/pce';
import { TopologyIndex } from '@milli/topology';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiMetrics } from '../metrics/ApiMetrics';
import type { NetworkContext } from '../network/NetworkContext';
import { CONSOLE_PREFIX, registerConsoleRoutes } from '../routes/consoleRoutes';
import { registerEventRoutes } from '../routes/eventRoutes';
import { registerHealthRoutes } from '../routes/healthRoutes';
import { registerIntentRoutes } from '../routes/intentRoutes';
import { registerLineRoutes } from '../routes/lineRoutes';
import { registerMetricsRoutes } from '../routes/metricsRoutes';
import { registerNetworkRoutes } from '../routes/networkRoutes';
import type { AlarmSource, RouteAccess, RouteDeps } from '../routes/RouteDeps';
import { registerAlarmRoutes } from '../routes/alarmRoutes';
import { registerReportRoutes } from '../routes/reportRoutes';
import { SHARED_SCHEMAS } from '../schemas';
import { PROBLEM_MEDIA_TYPE } from '../schemas/problem';
import { problemOf } from './problem';
import type { TokenTable } from './tokens';
import { createValidatorCompiler } from './validation';

export interface ApiServerOptions {
  controller: ControllerApi;
  network: NetworkContext;
  /** Bearer tokens and their roles; required unless `noAuth`. */
  tokens?: TokenTable;
  /** Serve without tokens: every caller is an operator. Only accepted on loopback (see startApiServer). */
  noAuth?: boolean;
  logger?: Logger;
  metrics?: ApiMetrics;
  clock?: Clock;
  /** Largest request body in bytes; default 64 KiB (an intent is at most 2,000 characters). */
  bodyLimit?: number;
  /** Requests being answered at once beyond which new ones get 429 with Retry-After; default 64. */
  maxInFlight?: number;
  /** Event streams open at once; default 64. */
  maxEventStreams?: number;
  /** The network's alarms: `GET /v1/alarms` and `alarm` events on `/v1/events` (503 without). */
  alarms?: AlarmSource;
  /** The web console's built files, served under /ui (see routes/consoleRoutes.ts). */
  consoleDir?: string;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const DEFAULT_MAX_IN_FLIGHT = 64;

/**
 * The northbound HTTP API over the controller facade, ready to listen: routes, request and response schemas, the
 * OpenAPI document and its browsable UI, bearer-token roles, problem+json errors, limits and metrics.
 */
export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  if (!options.noAuth && (options.tokens === undefined || options.tokens.size === 0)) {
    throw new MilliError('INVALID_ARGUMENT', 'the API needs at least one token (MILLI_TOKENS or --tokens FILE), or --no-auth on loopback');
  }
  const metrics = options.metrics ?? new ApiMetrics();
  const deps: RouteDeps = {
    controller: options.controller,
    network: options.network,
    index: new TopologyIndex(options.network.topology),
    graph: PceGraph.build(options.network.topology),
    metrics,
    clock: options.clock ?? systemClock,
    maxEventStreams: options.maxEventStreams ?? 64,
    ...(options.alarms ? { alarms: options.alarms } : {}),
  };
  const app = Fastify({
    // pino's Logger is fastify's logger; its types differ only in generics.
    loggerInstance: (options.logger ?? silentLogger()) as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: 256 },
    requestIdHeader: false,
    forceCloseConnections: true,
    // Bad URL encoding and over-long parameters are the caller's mistake: problems too, not fastify's own answer.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, error),
  });
  // Bodies are JSON: a text/plain body is refused (415 → API_BAD_REQUEST) rather than read as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(createValidatorCompiler());
  // Answers are plain data built by this package; the schemas document them and the tests check every one against them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'milli', version: '0.1.0', description: 'intent-based orchestration for metro optical networks' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a viewer or operator token' } } },
      security: [{ bearer: [] }],
      tags: ['intents', 'lines', 'network', 'events', 'health'].map((name) => ({ name })),
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `schema-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { open: true }, schema: { hide: true } }, async () => app.swagger());

  guard(app, options, deps);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new MilliError('API_NOT_FOUND', `no route ${request.method} ${pathOf(request)}`)),
  );

  registerIntentRoutes(app, deps);
  registerLineRoutes(app, deps);
  registerAlarmRoutes(app, deps);
  registerNetworkRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerHealthRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerReportRoutes(app, deps);
  await registerConsoleRoutes(app, options.consoleDir);
  const watching = metrics.watch(options.controller);
  app.addHook('onClose', async () => watching.unsubscribe());
  return app;
}

/** Limits, authentication and roles, before a body is read; and the request metrics after the answer. */
function guard(app: FastifyInstance, options: ApiServerOptions, deps: RouteDeps): void {
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    const access: RouteAccess = request.routeOptions.config ?? {};
    if (!access.stream) {
      if (inFlight >= maxInFlight) {
        reply.header('Retry-After', '1');
        throw new MilliError('API_OVERLOADED', `${inFlight} requests are in flight, the most this server answers at once`, { inFlight });
      }
      inFlight++;
      reply.raw.once('close', () => inFlight--);
    }
    const url = request.routeOptions.url ?? '';
    if (access.open || url.startsWith('/docs') || url.startsWith(CONSOLE_PREFIX)) return;
    if (!options.noAuth) {
      const role = roleOf(request, options.tokens as TokenTable);
      if (role === undefined) {
        reply.header('WWW-Authenticate', 'Bearer realm="milli"');
        throw new MilliError('API_UNAUTHENTICATED', 'send a valid token: Authorization: Bearer TOKEN');
      }
      if (access.write && role !== 'operator') {
        throw new MilliError('API_FORBIDDEN', `a ${role} token may read but not change anything; use an operator token`, { role });
      }
    }
    if (access.write && !deps.controller.ready) {
      throw new MilliError('API_NOT_READY', 'the controller is still recovering; try again in a moment');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    deps.metrics.httpRequestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}

function roleOf(request: FastifyRequest, tokens: TokenTable): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1] === undefined ? undefined : tokens.roleOf(match[1]);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const answer = problemOf(error, pathOf(request));
  if (answer.code === 'INTERNAL') request.log.error({ err: error }, 'request failed with an internal error');
  if (answer.code === 'API_OVERLOADED' && !reply.hasHeader('Retry-After')) reply.header('Retry-After', '1');
  return reply.code(answer.status).type(PROBLEM_MEDIA_TYPE).send(answer);
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}
