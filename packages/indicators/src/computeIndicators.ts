import type { Site } from '@milli/topology';
import { buildCircles } from './geometry/buildCircles';
import { metroArea } from './geometry/metroArea';
import { serviceAreas } from './geometry/serviceAreas';
import { NEEDS_LIVE, notComputed } from './indicators/catalog';
import { accessPoint100gOtnRatio, dcEgress400gRatio, importantSiteOxcRatio } from './indicators/inventoryRatios';
import { dcInterconnectLatency, latencyCircleCoverage, oneHopAccessRatio } from './indicators/latencyIndicators';
import { allOpticalAccess, servicePackages, slaTier4a, taskScheduling, terminalToDc } from './indicators/liveIndicators';
import { DEFAULTS, type ReportInput } from './inputs';
import { LatencyProbe } from './latency/LatencyProbe';
import { circleReach, type CircleReach, dcMatrix, type DcPair, type OneHop, oneHopReach } from './latency/reach';
import { describeMethod } from './method';
import type { Indicator, IndicatorReport, MetroArea, ServiceArea } from './model';
import { classifySites, type SiteClasses } from './network/classifySites';

export interface Latencies {
  classes: SiteClasses;
  pairs: DcPair[];
  reach: CircleReach[];
  oneHop: OneHop[];
  work: IndicatorReport['work'];
}

export interface Geometry {
  metro: MetroArea;
  areas: ServiceArea[];
}

const settings = (input: ReportInput) => ({ ...DEFAULTS, ...input.options });

/** Every latency the report needs, from the PCE: the DC matrix, each DC's reach to every access point, one-hop access. */
export function measureLatencies(input: ReportInput): Latencies {
  const o = settings(input);
  const classes = classifySites(input.topology, input.inventory, o.assumedRacks);
  const probe = new LatencyProbe(input.topology, o.nodeLatency);
  const pairs = dcMatrix(probe, classes);
  const { reach, proven } = circleReach(probe, classes, o.boundUs);
  const allDcs = input.topology.sites.filter((s) => s.kind === 'dc');
  const oneHop = oneHopReach(probe, classes, allDcs, o.boundUs);
  return {
    classes,
    pairs,
    reach,
    oneHop,
    work: { pathComputations: probe.computations, boundedOut: probe.boundedOut, provenWithoutSearch: proven },
  };
}

/** The metro area and every access point's service area (clipped Voronoi cell). */
export function measureGeometry(input: ReportInput): Geometry {
  const o = settings(input);
  const metro = metroArea(input.topology, o.hullMarginKm);
  return {
    metro,
    areas: serviceAreas(
      input.topology.sites.filter((s) => s.kind === 'access'),
      metro,
    ),
  };
}

/**
 * The programme's indicators from the network as it is: latencies by the PCE, areas by the geometry library,
 * ratios from the devices (and the inventory), line indicators from the controller's records when given.
 */
export function computeIndicators(input: ReportInput): IndicatorReport {
  return assembleReport(input, measureLatencies(input), measureGeometry(input));
}

export function assembleReport(input: ReportInput, latencies: Latencies, geometry: Geometry): IndicatorReport {
  const o = settings(input);
  const { classes } = latencies;
  const { circles, covered } = buildCircles(latencies.reach, geometry.areas);
  const apIds = classes.accessPoints.map((s) => s.id);
  const live = input.live;
  const sites = new Map<string, Site>(input.topology.sites.map((s) => [s.id, s]));
  const siteOfDevice = new Map(input.topology.devices.map((d) => [d.id, d.site]));
  const indicators: Indicator[] = [
    dcInterconnectLatency(latencies.pairs, classes.dcs.length, o.boundUs),
    importantSiteOxcRatio(classes),
    live ? taskScheduling(live) : notComputed('dc-interconnect-technique', NEEDS_LIVE),
    dcEgress400gRatio(classes),
    latencyCircleCoverage(circles, covered, apIds, geometry.areas, geometry.metro, o.boundUs),
    live ? allOpticalAccess(live) : notComputed('all-optical-access', NEEDS_LIVE),
    live ? slaTier4a(live) : notComputed('sla-tier-4a', NEEDS_LIVE),
    accessPoint100gOtnRatio(classes),
    oneHopAccessRatio(latencies.oneHop, o.boundUs),
    live
      ? terminalToDc(live, sites, siteOfDevice, o.accessBudgetUs, o.terminalBoundUs)
      : notComputed('terminal-to-dc-latency', NEEDS_LIVE, { op: '<', value: o.terminalBoundUs, unit: 'us' }),
    live ? servicePackages(live) : notComputed('service-packages', NEEDS_LIVE),
  ];
  const problems = indicators.flatMap((i) => {
    const head = `[${i.number}] ${i.id}`;
    const verdict =
      i.pass === null
        ? i.kind === 'must'
          ? [`${head}: not computed (${i.reason})`]
          : []
        : i.pass
          ? []
          : [`${head}: ${i.summary}, target ${i.target.op} ${i.target.value}${i.target.unit === 'ratio' ? '' : ` ${i.target.unit}`}`];
    return [...verdict, ...i.problems.map((p) => `${head}: ${p}`)];
  });
  if (classes.smallDcs.length > 0) {
    problems.push(`DCs below 1000 racks left out of indicators 1, 4 and 5: ${classes.smallDcs.map((s) => s.id).join(', ')}`);
  }
  return {
    network: input.topology.name ?? 'network',
    generatedAt: o.now ?? null,
    live: live !== undefined,
    indicators,
    circles,
    uncovered: apIds.filter((ap) => !covered.has(ap)),
    metro: geometry.metro,
    serviceAreas: geometry.areas,
    method: describeMethod(o, geometry.metro),
    assumptions: classes.assumptions,
    problems,
    work: latencies.work,
  };
}
