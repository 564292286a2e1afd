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
}

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

/** Seconds of self time per part for the main thread's profile in `dir` (the largest: tsx's loader thread writes one too), largest first. */
export function summariseCpuProfile(dir: string): { part: string; seconds: number }[] {
  const main = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ f, size: statSync(join(dir, f)).size }))
    .sort((a, b) => b.size - a.size)[0]?.f;
  if (!main) return [];
  const profile = JSON.parse(readFileSync(join(dir, main), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const where = frame?.url || `(${frame?.functionName.replace(/[()]/g, '') ?? 'unknown'})`;
    const part = PARTS.find(([, pattern]) => pattern.test(where))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1e6);
  });
  return [...parts].map(([part, seconds]) => ({ part, seconds })).sort((a, b) => b.seconds - a.seconds);
}
