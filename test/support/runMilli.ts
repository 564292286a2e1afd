import { buildProgram } from '@milli/cli';
import { vi } from 'vitest';

/** Runs `milli ARGS --api URL --token-env MILLI_TEST_OPERATOR` in this process; its output and exit status. */
export async function runMilli(url: string, ...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  process.exitCode = 0;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'milli', ...args, '--api', url, '--token-env', 'MILLI_TEST_OPERATOR']);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join(''), err: err.join(''), code };
}
