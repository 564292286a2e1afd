import { type Socket, connect } from 'node:net';
import { createLogger, type Logger } from '@milli/core';
import ssh2 from 'ssh2';

/** Opens `count` raw TCP connections that never speak; resolves once each is connected or refused. */
export async function openIdleSockets(port: number, count: number, host = '127.0.0.1'): Promise<Socket[]> {
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect({ host, port });
          sockets.push(socket);
          socket.resume(); // read, so that the server closing it is seen
          socket.on('error', () => resolve());
          socket.on('connect', () => resolve());
          socket.on('close', () => resolve());
        }),
    ),
  );
  return sockets;
}

/** How many of the sockets the other side has not closed. */
export function stillOpen(sockets: Socket[]): number {
  return sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
}

/** Every remote end of these sockets sees them go (the sockets are destroyed). */
export function destroyAll(sockets: Socket[]): void {
  for (const socket of sockets) socket.destroy();
}

/**
 * SSH password attempts on one connection, one after another: 'ok', 'denied' when every one was refused, or
 * 'closed' when the server ended the connection first.
 */
export function tryPassword(port: number, username: string, password: string | string[]): Promise<'ok' | 'denied' | 'closed'> {
  const passwords = Array.isArray(password) ? [...password] : [password];
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let settled = false;
    const done = (result: 'ok' | 'denied' | 'closed') => {
      if (settled) return;
      settled = true;
      client.end();
      resolve(result);
    };
    client.on('ready', () => done('ok'));
    client.on('error', (err: Error & { level?: string }) => done(err.level === 'client-authentication' ? 'denied' : 'closed'));
    client.on('close', () => done('closed'));
    client.connect({
      host: '127.0.0.1',
      port,
      username,
      readyTimeout: 20_000,
      authHandler: (_methods, _partial, next) => {
        const attempt = passwords.shift();
        // ssh2 takes `false` for "no more methods", which its types leave out.
        next((attempt === undefined ? false : { type: 'password', username, password: attempt }) as ssh2.AnyAuthMethod);
      },
    } as ssh2.ConnectConfig);
  });
}

/** A logger whose JSON lines are kept in memory, for tests that check what a device logs. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => raw.push(line) } as unknown as NodeJS.WritableStream,
  });
  return {
    logger,
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => raw.join(''),
  };
}
