import { readFileSync } from 'node:fs';

/** A process's resident memory now and at its peak, in bytes, from /proc (Linux). */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * CPU seconds a process has used so far (user + system, from /proc/PID/stat; Linux's clock tick is 100 Hz). Unlike
 * wall time, barely changed by other work on a shared machine: the bench's figure for what a line costs.
 */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * BENCH_LAB_THREADS: the lab's deviceThreads for this run (0: every device on the host's one thread, the one-thread
 * host as it was, the fair baseline in the same session), as labUp's limits; unset: the lab's default.
 */
export function labThreadsFromEnv(): { deviceThreads?: number } {
  const threads = process.env.BENCH_LAB_THREADS;
  return threads === undefined || threads === '' ? {} : { deviceThreads: Number(threads) };
}

/** `lab host RSS 180 MiB (peak 260 MiB)`, for a bench's log line. */
export function hostMemoryLine(pid: number): string {
  const { rss, peak } = processMemory(pid);
  return `lab host RSS ${(rss / 2 ** 20).toFixed(0)} MiB (peak ${(peak / 2 ** 20).toFixed(0)} MiB)`;
}
