// The booked-ledger scenarios of bench:pce: a generated metro of ~1,200 devices where requests are computed one after
// another and every third result is booked, so later requests meet links the earlier ones filled. A target whose only
// links are booked full made the plain search grow labels for minutes (a 10G ODU request to a park whose one OTU2
// line a 10G service already holds); `pceBookedRun.ts` runs one scenario in a process of its own so the bench can
// stop the plain search when it runs too long.
import { MilliError } from '@milli/core';
import { computePath, emptyWork, ledgerForGraph, type PathRequest, PceGraph, type PceOptions, type PceResult } from '@milli/pce';
import { createPrng, generateMetro } from '@milli/topology';
import { dcPairRequest, PLAIN_REQUEST, pick } from './randomRequests';

export const BOOKED_METRO = { dcs: 6, important: 30, access: 300, parks: 800, radiusKm: 50, seed: 'equiv' } as const;
export const SCENARIOS = ['reported', 'sequence'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One request's line: what it asked, how it ended, the time and the search work it took. */
export interface BookedLine {
  i: number;
  label: string;
  outcome: string;
  ms: number;
  popped: number;
  searches: number;
  /** `conflict`: chosen for booking, but the ledger refused it (see runBooked). */
  booked: boolean | 'conflict';
}

const base = PLAIN_REQUEST;

/** Requests of the kinds bench:pce measures, plus 10G ODU between parks, in a seeded random mix. */
function sequence(sites: (kind: string) => string[], n: number): PathRequest[] {
  const rng = createPrng('bench-booked');
  const parks = sites('park');
  const dcs = sites('dc');
  const aps = sites('access');
  const kinds: (() => PathRequest)[] = [
    () => ({ ...base, from: pick(rng, parks), to: pick(rng, dcs), bandwidthKbps: 100_000, maxLatencyUs: 1000 }),
    () => ({ ...base, from: pick(rng, parks), to: pick(rng, parks), bandwidthKbps: 10_000_000, maxLatencyUs: 500 }),
    () => ({ ...base, from: pick(rng, aps), to: pick(rng, dcs), bandwidthKbps: 10_000_000, maxLatencyUs: 1000 }),
    () => dcPairRequest(rng, dcs),
    () => ({ ...base, protection: 'srlg', from: pick(rng, aps), to: pick(rng, dcs), bandwidthKbps: 10_000_000, maxLatencyUs: 1000 }),
    () => ({ ...base, protection: 'srlg', from: pick(rng, parks), to: pick(rng, dcs), bandwidthKbps: 100_000, maxLatencyUs: 1000 }),
  ];
  return Array.from({ length: n }, () => pick(rng, kinds)());
}

/**
 * Runs a scenario, calling `onLine` after each request. `reported`: a 10G service from park P-132 (filling its one
 * line), then the request that took minutes, 10G from P-162 to P-132 within 500 µs. `sequence`: 150 requests of the
 * mix above, every third result booked.
 */
export function runBooked(scenario: Scenario, options: PceOptions, onLine: (line: BookedLine) => void): void {
  const metro = generateMetro(BOOKED_METRO);
  const graph = PceGraph.build(metro);
  const ledger = ledgerForGraph(graph);
  const ask = (from: string, to: string, maxLatencyUs: number): PathRequest => ({
    ...base,
    from,
    to,
    bandwidthKbps: 10_000_000,
    maxLatencyUs,
  });
  const requests =
    scenario === 'reported'
      ? [ask('P-132', 'AP-140', 2000), ask('P-162', 'P-132', 500)]
      : sequence((kind) => metro.sites.filter((s) => s.kind === kind).map((s) => s.id), 150);
  let ok = 0;
  requests.forEach((request, i) => {
    const work = emptyWork();
    const t0 = performance.now();
    const result = computePath(graph, ledger, request, { ...options, work });
    const ms = performance.now() - t0;
    // Every third result is booked (in `reported`, the first, which fills P-132's line).
    let booked: BookedLine['booked'] = false;
    if (result.ok && (scenario === 'reported' ? i === 0 : ok++ % 3 === 0)) {
      try {
        ledger.reserve(`bench-${i}`, result.request.window, [...result.working.reservation, ...(result.protection?.reservation ?? [])]);
        booked = true;
      } catch (error) {
        // A pair over a shared tail is checked per path (README, known limits): both may not fit the tail at once.
        if (!(error instanceof MilliError) || error.code !== 'RESOURCE_CONFLICT') throw error;
        booked = 'conflict';
      }
    }
    onLine({ i, label: describe(request, result), outcome: outcome(result), ms, popped: work.popped, searches: work.searches, booked });
  });
}

function describe(r: PathRequest, result: PceResult): string {
  const bw = r.bandwidthKbps >= 1_000_000 ? `${r.bandwidthKbps / 1_000_000}G` : `${r.bandwidthKbps / 1000}M`;
  return `${r.protection === 'none' ? '' : `${r.protection} pair `}${r.from} → ${r.to} ${result.request.layer} ${bw} ≤ ${r.maxLatencyUs} µs`;
}

/** What a result says, to compare two searches' answers: the code, or the devices and latency of each path. */
export function outcome(result: PceResult): string {
  if (!result.ok) return `${result.failure.code} ${JSON.stringify(result.failure.evidence)}`;
  const path = (p: { devices: string[]; latency: { totalUs: number } }) => `${p.devices.join(' ')} ${p.latency.totalUs}`;
  return [path(result.working), ...(result.protection ? [path(result.protection)] : [])].join(' / ');
}
