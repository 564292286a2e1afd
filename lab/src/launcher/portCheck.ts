import { createServer } from 'node:net';

/** The first port in [from, from + count) that something already listens on at `host`, if any. */
export async function firstTakenPort(host: string, from: number, count: number): Promise<number | undefined> {
  for (let port = from; port < from + count; port++) {
    if (!(await portFree(host, port))) return port;
  }
  return undefined;
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
