import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerLabCommands } from '@milli/cli';
import { REPO_ROOT } from '../../lab/test/support/labHarness';

/** tsx's loader by absolute URL, so a child started in another directory still finds it. */
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

/** Runs `milli lab ARGS...` in this process (as packages/cli/bin/milli.ts mounts it), capturing what it prints. */
export async function milliLab(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const program = new Command('milli').exitOverride();
  registerLabCommands(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const write = process.stderr.write.bind(process.stderr);
  const previousExit = process.exitCode;
  process.exitCode = 0;
  console.log = (...parts: unknown[]) => void out.push(parts.map(String).join(' '));
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'milli', 'lab', ...args]);
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previousExit;
  return { out: out.join('\n'), err: err.join(''), exitCode };
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
