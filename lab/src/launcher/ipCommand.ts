import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MilliError } from '@milli/core';

const execFileAsync = promisify(execFile);

/** Runs `ip ARGS...`; a failure becomes a LAB_NETNS error naming the command and ip's own message. */
export async function ip(...args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('ip', args, { timeout: 15_000 });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new MilliError('LAB_NETNS', `ip ${args.join(' ')} failed: ${stderr}`, { args, stderr });
  }
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
