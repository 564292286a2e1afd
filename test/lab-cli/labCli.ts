import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerLabCommands, runProgram } from '@milli/cli';
import { captureOutput } from '@milli/test-support';
import { REPO_ROOT } from '../../lab/test/support/labHarness';

/** tsx's loader by absolute URL, so a child started in another directory still finds it. */
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

/** Runs `milli lab ARGS...` in this process (as packages/cli/bin/milli.ts runs it), capturing what it prints. */
export async function milliLab(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const program = new Command('milli');
  registerLabCommands(program);
  const previousExit = process.exitCode;
  try {
    const { result, out, err } = await captureOutput(() => runProgram(program, ['node', 'milli', 'lab', ...args]));
    return { out: out.replace(/\n$/, ''), err, exitCode: result };
  } finally {
    process.exitCode = previousExit;
  }
}

/** Runs `milli` (its lab commands) in a child process (for signals, other users, another PATH). */
export function milliProcess(
  args: string[],
  options: {
    uid?: number;
    gid?: number;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(import.meta.dirname, 'labMilli.ts'), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr?.on('data', (d) => {
      stderr += String(d);
      options.onStderr?.(stderr, child);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
