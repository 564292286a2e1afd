import { captureOutput } from '@milli/test-support';
import { buildProgram } from '../../src/buildProgram';
import { runProgram } from '../../src/runProgram';

/** `milli ARGS...` in the test's process, as packages/cli/bin/milli.ts runs it: the exit status and what it printed. */
export async function milli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const previous = process.exitCode;
  try {
    const { result, out, err } = await captureOutput(() => runProgram(buildProgram(), ['node', 'milli', ...args]));
    return { code: result, out, err };
  } finally {
    process.exitCode = previous;
  }
}
