import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import './RouteDeps';

/** Where the web console is served; its static files carry no network data, so they are open like /docs. */
export const CONSOLE_PREFIX = '/ui';

/**
 * The web console's built files (packages/console/dist, passed in by `milli serve`) under /ui: served from disk, no
 * network at run time. Nothing is mounted when the directory is missing (the console was not built).
 */
export async function registerConsoleRoutes(app: FastifyInstance, consoleDir: string | undefined): Promise<void> {
  if (consoleDir === undefined || !existsSync(consoleDir)) return;
  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: `${CONSOLE_PREFIX}/`,
    redirect: true,
    decorateReply: false,
    schemaHide: true,
  });
  app.get(CONSOLE_PREFIX, { config: { open: true }, schema: { hide: true } }, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`));
}
