import { execFile } from 'node:child_process';
import { MilliError } from '@milli/core';

/** Runs `ip ARGS...` (feeding `input` to its stdin); a failure becomes a LAB_NETNS error naming the command and ip's own message. */
export function ip(...args: string[]): Promise<string> {
  return run(args);
}

/**
 * Runs many ip commands in one `ip -batch -` (optionally inside namespace `namespace`, `ip -n NS -batch -`):
 * one process instead of one per command. ip stops at the first failing line and names it (with `force`, it goes on).
 */
export function ipBatch(lines: string[], namespace?: string, force = false): Promise<string> {
  if (lines.length === 0) return Promise.resolve('');
  return run([...(namespace ? ['-n', namespace] : []), ...(force ? ['-force'] : []), '-batch', '-'], `${lines.join('\n')}\n`);
}

function run(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('ip', args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new MilliError('LAB_NETNS', "the 'ip' command (iproute2) is not installed", {
            args,
          }),
        );
      }
      const message = String(stderr || error.message).trim();
      reject(new MilliError('LAB_NETNS', `ip ${args.join(' ')} failed: ${message}`, { args, stderr: message }));
    });
    child.stdin?.on('error', () => {}); // ip may exit before reading all of its input; the exit status tells
    child.stdin?.end(input ?? '');
  });
}

/** Like `ip`, for cleanup: a missing object is not an error. */
export async function ipQuiet(...args: string[]): Promise<boolean> {
  try {
    await ip(...args);
    return true;
  } catch {
    return false;
  }
}
