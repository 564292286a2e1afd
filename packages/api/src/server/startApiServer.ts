import { MilliError } from '@milli/core';
import type { FastifyInstance } from 'fastify';
import { type ApiServerOptions, createApiServer } from './createApiServer';

export interface ListenOptions {
  /** Default 127.0.0.1: nothing listens beyond loopback unless asked. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
}

export interface RunningApi {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Builds the API and listens. `--no-auth` is refused unless the address is loopback. */
export async function startApiServer(options: ApiServerOptions & ListenOptions): Promise<RunningApi> {
  const host = options.host ?? '127.0.0.1';
  if (options.noAuth && !isLoopback(host)) {
    throw new MilliError('INVALID_ARGUMENT', `--no-auth is accepted only on loopback, not on ${host}: give tokens instead`, { host });
  }
  const app = await createApiServer(options);
  await app.listen({ host, port: options.port ?? 8080 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shown}:${port}`, close: () => app.close() };
}
