// Where a process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): self time summed by part of milli, so
// bench:provision can say how much of the controller's time went to SQLite, YANG validation, NETCONF/SSH, planning,
// the PCE, the lifecycle or HTTP, and how much it sat idle waiting on the devices.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  /** µs on the system's monotonic clock (what `process.hrtime` reads in any process of the machine). */
  startTime: number;
}

/** A stretch of the run on the monotonic clock, in µs (`monotonicUs()` in the bench process). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now on the monotonic clock the V8 profiler stamps its samples with, in µs. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Parts by the first pattern their source file matches; the order matters (specific before general). */
const PARTS: [string, RegExp][] = [
  ['idle (waiting on devices and clients)', /^\(idle\)$/],
  ['SQLite store', /better-sqlite3|controller\/src\/store\//],
  ['YANG (libyang: parse, validate)', /yang-ts\/|YangDeviceSchema|koffi/],
  ['NETCONF and SSH', /netconf-client\/|ssh2|node:crypto|node:internal\/crypto|node:net|node:internal\/stream|writev|writeBuffer/],
  ['change sets (edits, payloads)', /drivers\/src\/changeset\//],
  ['read-back (drivers parsing state)', /drivers\/src\/builtin\//],
  ['planning and rendering', /controller\/src\/installer\//],
  ['group commit', /controller\/src\/line\//],
  ['PCE and ledger', /pce\/src\//],
  ['intent parse and compile', /intent\/src\/|controller\/src\/usecases\/compile/],
  ['lifecycle (xstate, use cases)', /xstate|controller\/src\/(lifecycle|usecases|facade)\//],
  ['HTTP API', /fastify|api\/src\/|avvio|find-my-way|ajv|light-my-request/],
  ['garbage collection', /^\(garbage collector\)$/],
];

/**
 * Seconds of self time per part for the main thread's profile in `dir` (the largest: tsx's loader thread writes one
 * too), largest first; only the samples within `window` when given.
 */
export function summariseCpuProfile(dir: string, window?: ProfileWindow): { part: string; seconds: number }[] {
  const parts = new Map<string, number>();
  for (const { where, seconds } of samplesOf(dir, window)) {
    const part = PARTS.find(([, pattern]) => pattern.test(where.url || where.name))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + seconds);
  }
  return [...parts].map(([part, seconds]) => ({ part, seconds })).sort((a, b) => b.seconds - a.seconds);
}

/** The functions with the most self time (name and file), largest first. */
export function topFunctions(dir: string, window: ProfileWindow | undefined, count: number): { fn: string; seconds: number }[] {
  const fns = new Map<string, number>();
  for (const { where, seconds } of samplesOf(dir, window)) {
    const fn = `${where.name || '(anonymous)'} ${where.url.replace(/^.*\/(packages|lab|node_modules)\//, '$1/')}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + seconds);
  }
  return [...fns]
    .map(([fn, seconds]) => ({ fn, seconds }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);
}

function* samplesOf(dir: string, window: ProfileWindow | undefined): Generator<{ where: { name: string; url: string }; seconds: number }> {
  const main = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ f, size: statSync(join(dir, f)).size }))
    .sort((a, b) => b.size - a.size)[0]?.f;
  if (!main) return;
  const profile = JSON.parse(readFileSync(join(dir, main), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const frame = byId.get(profile.samples[i]!)?.callFrame;
    const name = frame?.functionName ?? '';
    const url = frame?.url ?? '';
    yield { where: { name: url ? name : `(${name.replace(/[()]/g, '') || 'unknown'})`, url }, seconds: delta / 1e6 };
  }
}
