// The processes of bench:netconf: the mock device in a process of its own, CPU pinning with taskset and CPU time
// read from /proc, the same way for the device and for every client measured against it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const TICKS_PER_SECOND = Number(readGetconf('CLK_TCK') ?? 100);

function readGetconf(name: string): string | undefined {
  try {
    return execFileSync('getconf', [name], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process (all its threads) so far, in µs, from /proc/PID/stat (10 ms ticks). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / TICKS_PER_SECOND;
}

/**
 * Which CPUs the device and the clients run on, or why they are not pinned. On a 2-core machine the device gets one
 * core and whichever client is measured the other, so neither client shares a core with the device and both are
 * measured on the same one.
 */
export function cpuPlan(): { device: number; client: number } | { reason: string } {
  if (process.env.BENCH_PIN === '0') return { reason: 'BENCH_PIN=0' };
  if (!existsSync('/usr/bin/taskset')) return { reason: 'taskset (util-linux) is missing' };
  const cpus = Number(readGetconf('_NPROCESSORS_ONLN') ?? 1);
  if (cpus < 2) return { reason: `only ${cpus} CPU online` };
  return { device: 0, client: 1 };
}

/** Pins every thread of a running process to one CPU (threads it starts later inherit the pinning). */
export function pin(pid: number, cpu: number): void {
  execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** The device in its own process. */
export interface DeviceProcess {
  pid: number;
  port: number;
  publicKey: string;
  fingerprint: string;
  stop(): Promise<void>;
}

export async function startDevice(
  root: string,
  stateDir: string,
  user: { username: string; password: string },
  nodeOptions: string[],
): Promise<DeviceProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '--import',
      'tsx',
      join(root, 'bench', 'support', 'netconfDevice.ts'),
      join(root, 'yang'),
      stateDir,
      user.username,
      user.password,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: root },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string | undefined>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => resolve(undefined));
  });
  if (first === undefined || child.pid === undefined) throw new Error('the bench device exited before it listened');
  const hello = JSON.parse(first) as { port: number; publicKey: string; fingerprint: string };
  return {
    ...hello,
    pid: child.pid,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
