import { MilliError } from '@milli/core';
import type { PortRate } from '@milli/topology';

/**
 * A change the operator is considering. `fibre`: a new fibre between two sites (ROADM to ROADM when both have one,
 * else an OTN grey line between their OTN switches). `oxc`: an OXC at a site (its ROADM upgraded, or a new OXC
 * patched into its OTN switch). `access-point`: a new integrated access point, homed by OTN lines to `homes`
 * (default: the two nearest sites with an OTN switch).
 */
export type Candidate =
  | { id: string; kind: 'fibre'; a: string; b: string; lengthKm: number; rate?: PortRate }
  | { id: string; kind: 'oxc'; site: string }
  | { id: string; kind: 'access-point'; site: string; lat: number; lon: number; homes?: string[]; rate?: PortRate };

const LINE_RATES: PortRate[] = ['OTU2', 'OTU4', 'OTUC4'];

/** Reads a candidates document (`{ "candidates": [...] }` or a bare list), naming every bad field at once. */
export function parseCandidates(doc: unknown, where = 'candidates'): Candidate[] {
  const list = Array.isArray(doc) ? doc : (doc as { candidates?: unknown } | null)?.candidates;
  if (!Array.isArray(list))
    throw new MilliError('REPORT_INPUT', `${where}: expected a list of candidates or { "candidates": [...] }`, { where });
  const problems: string[] = [];
  const ids = new Set<string>();
  list.forEach((raw, i) => {
    const at = `${where}[${i}]`;
    const c = raw as Record<string, unknown>;
    const str = (k: string) => {
      if (typeof c?.[k] !== 'string' || c[k] === '') problems.push(`${at}.${k}: expected a non-empty string`);
    };
    const num = (k: string, lo: number, hi: number) => {
      if (typeof c?.[k] !== 'number' || !Number.isFinite(c[k]) || (c[k] as number) < lo || (c[k] as number) > hi)
        problems.push(`${at}.${k}: expected a number in ${lo}..${hi}`);
    };
    str('id');
    if (typeof c?.id === 'string') {
      if (ids.has(c.id)) problems.push(`${at}.id: '${c.id}' repeats an earlier candidate`);
      ids.add(c.id);
    }
    if (c?.rate !== undefined && !LINE_RATES.includes(c.rate as PortRate))
      problems.push(`${at}.rate: expected one of ${LINE_RATES.join(', ')}`);
    switch (c?.kind) {
      case 'fibre':
        str('a');
        str('b');
        num('lengthKm', 0.001, 2000);
        break;
      case 'oxc':
        str('site');
        break;
      case 'access-point':
        str('site');
        num('lat', -90, 90);
        num('lon', -180, 180);
        if (c.homes !== undefined && !(Array.isArray(c.homes) && c.homes.length > 0 && c.homes.every((h) => typeof h === 'string')))
          problems.push(`${at}.homes: expected a non-empty list of site ids`);
        break;
      default:
        problems.push(`${at}.kind: expected fibre, oxc or access-point, got ${JSON.stringify(c?.kind)}`);
    }
  });
  if (problems.length > 0) {
    throw new MilliError('REPORT_INPUT', `${where} has ${problems.length} problem(s):\n${problems.join('\n')}`, { where, problems });
  }
  return list as Candidate[];
}
