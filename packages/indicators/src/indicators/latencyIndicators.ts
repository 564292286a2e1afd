import type { DcPair, OneHop } from '../latency/reach';
import type { Indicator, LatencyCircle, MetroArea, ServiceArea } from '../model';
import { indicator, notComputed } from './catalog';

const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;

/** Indicator 1: the worst DC pair's optical one-way latency, every pair with the path behind its figure. */
export function dcInterconnectLatency(pairs: DcPair[], dcCount: number, boundUs: number): Indicator {
  const target = { op: '<' as const, value: boundUs, unit: 'us' as const };
  if (dcCount < 2) return notComputed('dc-interconnect-latency', `${dcCount} medium-and-above DC(s): no pair to interconnect`, target);
  const matrix = pairs.map(({ a, b, probe }) => ({
    a,
    b,
    latencyUs: probe.latencyUs,
    fibreUs: probe.fibreUs,
    layer: probe.layer,
    pass: probe.latencyUs !== null && probe.latencyUs < boundUs,
    path: probe.devices,
    fibres: probe.fibres,
    ...(probe.failure ? { failure: probe.failure } : {}),
  }));
  const noPath = matrix.filter((m) => m.latencyUs === null);
  const over = matrix.filter((m) => m.latencyUs !== null && !m.pass);
  const worst = noPath.length > 0 ? null : Math.max(...matrix.map((m) => m.latencyUs!));
  const problems = [
    ...noPath.map((m) => `no optical path between ${m.a} and ${m.b}: ${m.failure?.code ?? ''} ${m.failure?.message ?? ''}`.trim()),
    ...over.map((m) => `${m.a} ↔ ${m.b}: ${ms(m.latencyUs!)} is not under ${ms(boundUs)} (path ${m.path.join(' → ')})`),
  ];
  return indicator('dc-interconnect-latency', {
    value: worst,
    target,
    summary:
      worst === null
        ? `${noPath.length} of ${matrix.length} DC pairs have no optical path`
        : `worst of ${matrix.length} DC pairs: ${ms(worst)}; ${matrix.length - over.length} under ${ms(boundUs)}`,
    evidence: { pairs: matrix.length, matrix },
    problems,
  });
}

/** Indicator 5: union of the DCs' circles over the metro area, also as a count of access points. */
export function latencyCircleCoverage(
  circles: LatencyCircle[],
  covered: Set<string>,
  accessPoints: string[],
  areas: ServiceArea[],
  metro: MetroArea,
  boundUs: number,
): Indicator {
  if (circles.length === 0) return notComputed('latency-circle-coverage', 'no medium-and-above DC in the topology');
  if (accessPoints.length === 0) return notComputed('latency-circle-coverage', 'no integrated access points in the topology');
  if (!(metro.areaKm2 > 0))
    return notComputed('latency-circle-coverage', 'the metro has no area to measure (no boundary, and no sites to draw a hull round)');
  const areaOf = new Map(areas.map((a) => [a.accessPoint, a.areaKm2]));
  const coveredKm2 = [...covered].reduce((s, ap) => s + (areaOf.get(ap) ?? 0), 0);
  const value = metro.areaKm2 > 0 ? coveredKm2 / metro.areaKm2 : null;
  const countRatio = covered.size / accessPoints.length;
  const uncovered = accessPoints.filter((ap) => !covered.has(ap));
  return indicator('latency-circle-coverage', {
    value,
    summary: `${(100 * (value ?? 0)).toFixed(1)}% of ${metro.areaKm2.toFixed(1)} km² lies in some DC's ${ms(boundUs)} circle; ${covered.size} of ${accessPoints.length} access points (${(100 * countRatio).toFixed(1)}%)`,
    evidence: {
      coveredKm2,
      metroKm2: metro.areaKm2,
      metroBoundary: metro.source === 'topology' ? 'the topology boundary' : `convex hull of the sites buffered by ${metro.marginKm} km`,
      countRatio,
      coveredCount: covered.size,
      accessPointCount: accessPoints.length,
      circles: circles.map((c) => ({
        dc: c.dc,
        egressDevice: c.egressDevice,
        count: c.count,
        areaKm2: c.areaKm2,
        accessPoints: c.members.map((m) => m.accessPoint),
        latencyUs: Object.fromEntries(c.members.map((m) => [m.accessPoint, m.latencyUs])),
      })),
      uncovered,
    },
    problems: uncovered.length > 0 ? [`${uncovered.length} access point(s) lie in no DC's circle: ${list(uncovered)}`] : [],
  });
}

/** Indicator 9: access points with an OSU/OTN path the PCE can set up as one service to some DC within the bound. */
export function oneHopAccessRatio(results: OneHop[], boundUs: number): Indicator {
  if (results.length === 0) return notComputed('one-hop-access-ratio', 'no integrated access points in the topology');
  const yes = results.filter((r) => r.dc !== null);
  const no = results.filter((r) => r.dc === null);
  const value = yes.length / results.length;
  return indicator('one-hop-access-ratio', {
    value,
    summary: `${yes.length} of ${results.length} access points reach a DC in one OSU service under ${ms(boundUs)}`,
    evidence: {
      countedIn: yes.map((r) => ({ accessPoint: r.accessPoint, dc: r.dc, latencyUs: r.probe?.latencyUs, path: r.probe?.devices })),
      countedOut: no.map((r) => ({ accessPoint: r.accessPoint, reason: r.reason })),
      numerator: yes.length,
      denominator: results.length,
    },
    problems: no.length > 0 ? [`${no.length} access point(s) without one-hop access: ${list(no.map((r) => r.accessPoint))}`] : [],
  });
}

function list(ids: string[]): string {
  return ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more`;
}
