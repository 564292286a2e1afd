import { MilliError } from '@milli/core';
import { CORRIDOR_DEG } from './ductSrlgs';
import { bearingDeg, bearingGap, destination, greatCircleKm, type LatLon, round } from '../geo';
import type { PortRate, Site } from '../model';
import type { Prng } from './prng';

/** What the generator is asked for (`milli topo generate` options). */
export interface MetroOptions {
  dcs: number;
  important: number;
  access: number;
  parks: number;
  radiusKm: number;
  seed: number | string;
  /** Metro centre; default People's Square, Shanghai (31.2304 N, 121.4737 E): a dense metro the notice addresses. */
  centre?: LatLon;
  /** Access points per ring (default 3): small rings keep the ring latency and the blast radius of a cut small. */
  ringSize?: number;
  name?: string;
}

export const DEFAULT_CENTRE: LatLon = { lat: 31.2304, lon: 121.4737 };
export const DEFAULT_RING_SIZE = 3;

/** An access ring: from one aggregation site's OTN switch through its access points to the next one's. */
export interface RingPlan {
  from: string;
  to: string;
  accessPoints: string[];
  /** OTU4 on every third ring (ring 1, 4, 7, ...), OTU2 elsewhere: 100G OTN reaches some access points, not all. */
  rate: PortRate;
}

/** The metro at site level: where every site is and which sites are joined. */
export interface MetroPlan {
  sites: Site[];
  cores: string[];
  aggregations: string[];
  dcs: string[];
  /** Optical spans between ROADM/OXC sites (core mesh, aggregation homing and ring, DC dual-homing). */
  spans: [string, string][];
  rings: RingPlan[];
  /** Park → its access point. */
  parkHome: Map<string, string>;
}

const DC_NAMES = [
  ['dc-north', 'Data centre north', 0],
  ['dc-south', 'Data centre south', 180],
  ['dc-east', 'Data centre east', 90],
  ['dc-west', 'Data centre west', 270],
] as const;
/** Radius (fraction of the metro radius) of the k-th ring layer between the same two aggregation sites. */
const RING_LAYER_RADIUS = [0.88, 0.32, 0.75, 0.42, 0.95, 0.6];

function checkOptions(o: MetroOptions): void {
  const bad: string[] = [];
  const intIn = (name: keyof MetroOptions, lo: number, hi: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
      bad.push(`${name} must be an integer in ${lo}..${hi}, got ${String(v)}`);
  };
  intIn('dcs', 1, 64);
  intIn('important', 2, 200);
  intIn('access', 0, 2000);
  intIn('parks', 0, 10000);
  if (o.ringSize !== undefined) intIn('ringSize', 1, 50);
  if (!(o.radiusKm >= 1 && o.radiusKm <= 500)) bad.push(`radiusKm must be in 1..500, got ${o.radiusKm}`);
  if (o.parks > 0 && o.access === 0) bad.push('parks need access points to home to (access is 0)');
  if (bad.length > 0) throw new MilliError('INVALID_ARGUMENT', `cannot generate this metro: ${bad.join('; ')}`, { problems: bad });
}

export function planMetro(o: MetroOptions, rng: Prng): MetroPlan {
  checkOptions(o);
  const centre = o.centre ?? DEFAULT_CENTRE;
  const R = o.radiusKm;
  const at = (bearing: number, km: number): LatLon => destination(centre, ((bearing % 360) + 360) % 360, km);
  const sites: Site[] = [];
  const where = new Map<string, LatLon>();
  const add = (site: Omit<Site, 'lat' | 'lon'>, p: LatLon) => {
    const s = { ...site, lat: round(p.lat, 6), lon: round(p.lon, 6) } as Site;
    sites.push(s);
    where.set(s.id, s);
    return s.id;
  };
  const rot = rng.between(0, 360);

  const dcs: string[] = [];
  for (let i = 0; i < o.dcs; i++) {
    const named = DC_NAMES[i];
    const bearing = named === undefined ? rng.between(0, 360) : named[2] + rng.between(-15, 15);
    const p = at(bearing, rng.between(0.55, 0.8) * R);
    const racks = i < 2 ? 1000 + 100 * rng.int(0, 40) : 100 * rng.int(3, 50);
    const egressGbps = i === 0 || rng.next() < 0.5 ? 400 : 100;
    const id = named?.[0] ?? `dc-${i + 1}`;
    dcs.push(add({ id, kind: 'dc', name: named?.[1] ?? `Data centre ${i + 1}`, racks, egressGbps }, p));
  }

  const nCore = o.important >= 3 ? Math.max(1, Math.round(o.important / 3)) : 1;
  const nAgg = o.important - nCore;
  const cores: string[] = [];
  for (let i = 0; i < nCore; i++) {
    const p =
      nCore === 1
        ? at(rng.between(0, 360), rng.between(0, 0.1) * R)
        : at(rot + (i * 360) / nCore + rng.between(-10, 10), rng.between(0.12, 0.25) * R);
    cores.push(add({ id: `CORE-${i + 1}`, kind: 'important', name: `Core ${i + 1}`, role: 'core' }, p));
  }
  const aggAngle: number[] = [];
  const aggregations: string[] = [];
  for (let i = 0; i < nAgg; i++) {
    const step = 360 / nAgg;
    aggAngle.push(rot + (i + 0.5) * step + rng.between(-0.15, 0.15) * step);
    const p = at(aggAngle[i]!, rng.between(0.45, 0.62) * R);
    aggregations.push(add({ id: `AGG-${i + 1}`, kind: 'important', name: `Aggregation ${i + 1}`, role: 'aggregation' }, p));
  }

  const rings: RingPlan[] = [];
  const nRings = o.access === 0 ? 0 : Math.ceil(o.access / (o.ringSize ?? DEFAULT_RING_SIZE));
  let ap = 0;
  for (let k = 0; k < nRings; k++) {
    const size = Math.floor(o.access / nRings) + (k < o.access % nRings ? 1 : 0);
    const i = k % nAgg;
    const j = (i + 1) % nAgg;
    const from = aggAngle[i]!;
    const span = nAgg === 1 ? 360 : (((aggAngle[j]! - from) % 360) + 360) % 360;
    const layer = RING_LAYER_RADIUS[Math.floor(k / nAgg) % RING_LAYER_RADIUS.length]!;
    const accessPoints: string[] = [];
    for (let n = 1; n <= size; n++) {
      const angle = from + (span * n) / (size + 1) + rng.between(-0.12, 0.12) * (span / (size + 1));
      const r = Math.min(0.97, layer + rng.between(-0.04, 0.04)) * R;
      ap++;
      accessPoints.push(add({ id: `AP-${ap}`, kind: 'access', name: `Access point ${ap}` }, at(angle, r)));
    }
    rings.push({ from: aggregations[i]!, to: aggregations[j]!, accessPoints, rate: k % 3 === 0 ? 'OTU4' : 'OTU2' });
  }
  const aps = rings.flatMap((r) => r.accessPoints);

  const parkHome = new Map<string, string>();
  for (let p = 0; p < o.parks; p++) {
    const home = aps[p % aps.length]!;
    const homeAt = where.get(home)!;
    let pos = destination(homeAt, rng.between(0, 360), rng.between(0.8, 4));
    if (greatCircleKm(centre, pos) > 0.98 * R)
      pos = destination(homeAt, bearingDeg(homeAt, centre) + rng.between(-30, 30), rng.between(0.8, 4));
    const id = add({ id: `P-${p + 1}`, kind: 'park', name: `Park ${p + 1}` }, pos);
    parkHome.set(id, home);
  }

  return { sites, cores, aggregations, dcs, spans: opticalMesh(where, cores, aggregations, dcs), rings, parkHome };
}

/** The ROADM/OXC mesh: cores meshed, each aggregation site homed to its two nearest cores and ringed with its neighbours, DCs dual-homed. */
function opticalMesh(where: Map<string, LatLon>, cores: string[], aggs: string[], dcs: string[]): [string, string][] {
  const spans: [string, string][] = [];
  const seen = new Set<string>();
  const link = (a: string, b: string) => {
    const key = [a, b].sort().join('|');
    if (a === b || seen.has(key)) return;
    seen.add(key);
    spans.push([a, b]);
  };
  const km = (a: string, b: string) => greatCircleKm(where.get(a)!, where.get(b)!);
  const nearest = (from: string, among: string[]) =>
    [...among].filter((x) => x !== from).sort((x, y) => km(from, x) - km(from, y) || (x < y ? -1 : 1));

  if (cores.length <= 4) {
    for (let i = 0; i < cores.length; i++) for (const b of cores.slice(i + 1)) link(cores[i]!, b);
  } else {
    for (let i = 0; i < cores.length; i++) link(cores[i]!, cores[(i + 1) % cores.length]!);
    for (const a of cores) for (const b of nearest(a, cores).slice(0, 2)) link(a, b);
  }
  for (const a of aggs) for (const c of nearest(a, cores).slice(0, 2)) link(a, c);
  if (aggs.length === 2) link(aggs[0]!, aggs[1]!);
  if (aggs.length >= 3) for (let i = 0; i < aggs.length; i++) link(aggs[i]!, aggs[(i + 1) % aggs.length]!);

  const important = [...cores, ...aggs];
  for (const dc of dcs) {
    const [first, ...rest] = nearest(dc, important);
    const firstBearing = bearingDeg(where.get(dc)!, where.get(first!)!);
    // The second home must leave the DC along another corridor, or one dig would cut both.
    const second = rest.find((s) => bearingGap(firstBearing, bearingDeg(where.get(dc)!, where.get(s)!)) > CORRIDOR_DEG + 10) ?? rest[0];
    link(dc, first!);
    if (second !== undefined) link(dc, second);
  }
  return spans;
}
