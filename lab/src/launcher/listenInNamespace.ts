import { spawn } from 'node:child_process';
import type { Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MilliError } from '@milli/core';

const LISTENER = fileURLToPath(new URL('./nsListener.cjs', import.meta.url));

/**
 * Returns a listening server whose socket lives in network namespace `namespace`. A Node process cannot
 * enter a namespace itself, so a short-lived child does (`ip netns exec`), listens, and passes the socket back.
 */
export function listenInNamespace(namespace: string, host: string, port: number, timeoutMs = 10_000): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, LISTENER, host, String(port)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new MilliError('LAB_START', `no listener in namespace ${namespace} after ${timeoutMs} ms`, { namespace }));
    }, timeoutMs);
    child.on('message', (message: { ok: boolean; error?: string }, handle) => {
      clearTimeout(timer);
      if (message.ok && handle) resolve(handle as Server);
      else
        reject(
          new MilliError('LAB_START', `listening on ${host}:${port} in ${namespace} failed: ${message.error}`, { namespace, host, port }),
        );
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new MilliError('LAB_START', `listener in ${namespace} exited (${code}) before handing over: ${stderr.trim()}`, { namespace }));
    });
  });
}
