import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/** Runs `milli serve` as its own process on a free port and resolves once it says it is ready. */
export function spawnServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/cli/bin/milli.ts'), 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, MILLI_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    out += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`milli serve did not get ready in 60 s:\n${out}`)), 60_000);
    const poll = setInterval(() => {
      const url = /milli API on (http:\/\/\S+) /.exec(out)?.[1];
      if (url && out.includes('ready:')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({
          child,
          url,
          output: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`milli serve exited with ${code} before it was ready:\n${out}`));
    });
  });
}
