import { MilliError } from '@milli/core';
import { discPolygon, greatCircleKm, ROUTE_FACTOR, round, type LatLon } from '../geo';
import type { FibreEnd, Topology } from '../model';
import { validateTopology } from '../format/validateTopology';
import { ductSrlgs, type SiteLink } from './ductSrlgs';
import { addSiteClientPorts, patchOtnIntoRoadm } from './equipSite';
import { DEFAULT_CENTRE, type MetroOptions, planMetro } from './planMetro';
import { createPrng } from './prng';
import { TopologyBuilder } from './TopologyBuilder';

/** Two buildings are never joined by less than a few hundred metres of route; also keeps co-located points > 0 km. */
export const MIN_SITE_FIBRE_KM = 0.5;

export const DEVICE_MODELS = { roadm: 'generic-roadm', oxc: 'generic-oxc', otn: 'generic-otn', osu: 'generic-osu' } as const;

/** Route length between two sites: great-circle × ROUTE_FACTOR, at least MIN_SITE_FIBRE_KM, to 10 m. */
export function routeKm(a: LatLon, b: LatLon): number {
  return Math.max(MIN_SITE_FIBRE_KM, round(greatCircleKm(a, b) * ROUTE_FACTOR, 2));
}

/**
 * A realistic metro (docs/architecture.md, "Layers") from a seed: same options, same topology, same bytes.
 * - Optical: OXCs at core sites, ROADMs at aggregation sites and DCs; one degree per span of the mesh.
 * - OTN: a switch at every important site and DC, its OTU4/OTUC4 line ports patched into the ROADM's add/drop ports;
 *   one switch per access point, on grey rings of `ringSize` access points between two neighbouring aggregation sites.
 * - OSU: a CPE per park, its OTU2 line to an OSU client port of its access point.
 */
export function generateMetro(options: MetroOptions): Topology {
  const rng = createPrng(options.seed);
  const plan = planMetro(options, rng);
  const where = new Map(plan.sites.map((s) => [s.id, s]));
  const b = new TopologyBuilder();
  for (const s of plan.sites) b.addSite(s);

  const roadmOf = (site: string) => (plan.cores.includes(site) ? `${site}-oxc` : `${site}-roadm`);
  for (const s of plan.sites) {
    if (s.kind === 'dc' || s.kind === 'important') {
      const kind = s.role === 'core' ? 'oxc' : 'roadm';
      b.addDevice(s.id, kind, roadmOf(s.id), DEVICE_MODELS[kind]);
      b.addDevice(s.id, 'otn', `${s.id}-otn`, DEVICE_MODELS.otn);
    } else if (s.kind === 'access') b.addDevice(s.id, 'otn', `${s.id}-otn`, DEVICE_MODELS.otn);
    else b.addDevice(s.id, 'osu', `${s.id}-osu`, DEVICE_MODELS.osu);
  }

  // Inter-site links in fibre order, so the duct rule can see all of them before any fibre is made.
  const links: (SiteLink & { make: () => [FibreEnd, FibreEnd] })[] = [];
  for (const [x, y] of plan.spans) {
    links.push({
      a: x,
      b: y,
      make: () => [b.addPort(roadmOf(x), 'deg', { kind: 'degree' }), b.addPort(roadmOf(y), 'deg', { kind: 'degree' })],
    });
  }
  const ringLinks: typeof links = [];
  for (const ring of plan.rings) {
    const chain = [ring.from, ...ring.accessPoints, ring.to];
    for (let i = 0; i + 1 < chain.length; i++) {
      const [x, y] = [chain[i]!, chain[i + 1]!];
      const line = { kind: 'line' as const, rate: ring.rate };
      ringLinks.push({ a: x, b: y, make: () => [b.addPort(`${x}-otn`, 'line', line), b.addPort(`${y}-otn`, 'line', line)] });
    }
  }
  const srlgs = ductSrlgs(where, [...links, ...ringLinks]);
  const lengthOf = (x: string, y: string) => routeKm(where.get(x)!, where.get(y)!);

  links.forEach((l, i) => {
    const [ea, eb] = l.make();
    b.connect(ea, eb, lengthOf(l.a, l.b), { srlgs: srlgs[i]! });
  });

  const degrees = new Map<string, number>();
  for (const [x, y] of plan.spans) for (const s of [x, y]) degrees.set(s, (degrees.get(s) ?? 0) + 1);
  for (const s of plan.sites) {
    if (s.kind === 'dc' || s.kind === 'important') patchOtnIntoRoadm(b, `${s.id}-otn`, roadmOf(s.id), degrees.get(s.id) ?? 0);
  }

  ringLinks.forEach((l, i) => {
    const [ea, eb] = l.make();
    b.connect(ea, eb, lengthOf(l.a, l.b), { srlgs: srlgs[links.length + i]! });
  });

  // Parks: CPE line (OTU2, OSU) to an OSU client port of the access point. Drops are outside the duct rule: every
  // path from the park takes its drop, so an SRLG there would tell a path computation nothing.
  for (const [park, ap] of plan.parkHome) {
    const line = b.addPort(`${park}-osu`, 'line', { kind: 'line', rate: 'OTU2', osu: true });
    b.addPort(`${park}-osu`, 'client', { kind: 'client', rate: Number(park.slice(2)) % 2 === 0 ? '10GE' : '1GE' });
    const client = b.addPort(`${ap}-otn`, 'client', { kind: 'client', rate: '10GE', osu: true });
    b.connect(line, client, lengthOf(park, ap));
  }

  // A spare OSU client port at each access point; egress and local client ports at DCs and important sites.
  for (const s of plan.sites) {
    if (s.kind === 'access') b.addPort(`${s.id}-otn`, 'client', { kind: 'client', rate: '10GE', osu: true });
    else if (s.kind === 'dc' || s.kind === 'important') addSiteClientPorts(b, s, `${s.id}-otn`);
  }

  const name = options.name ?? `generated metro (seed ${options.seed})`;
  const topology = b.build(name, discPolygon(options.centre ?? DEFAULT_CENTRE, options.radiusKm));
  const problems = validateTopology(topology);
  if (problems.length > 0) throw new MilliError('INTERNAL', 'the generator produced an invalid topology', { problems });
  return topology;
}
