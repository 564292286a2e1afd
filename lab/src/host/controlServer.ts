import { chmodSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { isMilliError } from '@milli/core';
import type { ControlReply, ControlRequest } from './controlProtocol';

/** Serves the control protocol on a unix socket; each line is handled in order, each reply is one line. */
export function serveControl(path: string, handle: (request: ControlRequest) => Promise<ControlReply>): Promise<Server> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffered = '';
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      buffered += String(chunk);
      if (buffered.length > 1_000_000) socket.destroy();
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        chain = chain.then(() => answer(line)).then((reply) => void socket.write(`${JSON.stringify(reply)}\n`));
        newline = buffered.indexOf('\n');
      }
    });
    socket.on('error', () => socket.destroy());
  });

  async function answer(line: string): Promise<ControlReply> {
    try {
      return await handle(JSON.parse(line) as ControlRequest);
    } catch (error) {
      const code = isMilliError(error) ? error.code : 'INTERNAL';
      return { ok: false, code, error: (error as Error).message };
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      chmodSync(path, 0o600);
      resolve(server);
    });
  });
}
