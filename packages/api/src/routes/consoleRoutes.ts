import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { MilliError } from '@milli/core';
import type { FastifyInstance } from 'fastify';
import './RouteDeps';

/** Where the web console is served; its static files carry no network data, so they are open like /docs. */
export const CONSOLE_PREFIX = '/ui';

/**
 * The web console's built files (packages/console/dist, passed in by `milli serve`) under /ui: served from disk, no
 * network at run time. When the directory is missing (the console was not built) every /ui address answers 404 with
 * what to do, without asking for a token: a browser cannot send one, and a 401 would send the user after the wrong cause.
 */
export async function registerConsoleRoutes(app: FastifyInstance, consoleDir: string | undefined): Promise<void> {
  if (consoleDir === undefined || !existsSync(consoleDir)) return registerConsoleMissing(app, consoleDir);
  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: `${CONSOLE_PREFIX}/`,
    redirect: true,
    decorateReply: false,
    schemaHide: true,
  });
  app.get(CONSOLE_PREFIX, { config: { open: true }, schema: { hide: true } }, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`));
}

function registerConsoleMissing(app: FastifyInstance, consoleDir: string | undefined): void {
  const notBuilt = () => {
    const where = consoleDir === undefined ? 'this server was started without a console directory' : `${consoleDir} does not exist`;
    throw new MilliError('API_NOT_FOUND', `the web console is not built (${where}); run scripts/setup.sh, then restart milli serve`, {
      consoleDir: consoleDir ?? null,
    });
  };
  app.get(CONSOLE_PREFIX, { config: { open: true }, schema: { hide: true } }, notBuilt);
  app.get(`${CONSOLE_PREFIX}/*`, { config: { open: true }, schema: { hide: true } }, notBuilt);
}
