import type { PathRequest } from './pathRequest';
import type { Device } from '@milli/topology';
import { PceBadRequestError } from '../PceBadRequestError';
import type { PceGraph } from '../graph/PceGraph';
import type { ConcreteLayer, NormalizedRequest } from '../types';

const GBIT = 1_000_000;

/** architecture.md: < 1 Gbit/s → OSU; 1–100 Gbit/s → ODU; DC interconnect and >= 100 Gbit/s → wavelength. */
export function pickLayer(bandwidthKbps: number, dcInterconnect: boolean): ConcreteLayer {
  if (bandwidthKbps >= 100 * GBIT) return 'wavelength';
  if (bandwidthKbps < GBIT) return 'osu';
  return dcInterconnect ? 'wavelength' : 'odu';
}

export interface ResolvedEndpoint {
  device: Device;
  /** The port named in a `device/port` reference, when it is one. */
  port?: string;
}

/** Validates a request against the graph and resolves its endpoints to devices of the service layer. */
export function resolveRequest(
  graph: PceGraph,
  request: PathRequest,
  now: number,
): { normalized: NormalizedRequest; from: ResolvedEndpoint; to: ResolvedEndpoint } {
  const bad = (message: string, context: Record<string, unknown>): never => {
    throw new PceBadRequestError(message, { request: { from: request.from, to: request.to }, ...context });
  };
  if (!Number.isFinite(request.bandwidthKbps) || request.bandwidthKbps <= 0)
    bad('bandwidth must be a positive number of kbit/s', { bandwidthKbps: request.bandwidthKbps });
  if (request.maxLatencyUs !== undefined && !(request.maxLatencyUs > 0))
    bad('maxLatencyUs must be positive', { maxLatencyUs: request.maxLatencyUs });
  if (!Number.isInteger(request.alternatives) || request.alternatives < 0)
    bad('alternatives must be a whole number >= 0', { alternatives: request.alternatives });
  if (!['auto', 'osu', 'odu', 'wavelength'].includes(request.layer)) bad(`unknown layer '${request.layer}'`, { layer: request.layer });
  if (!['none', 'link', 'node', 'srlg'].includes(request.protection))
    bad(`unknown protection '${request.protection}'`, { protection: request.protection });
  if (!['latency', 'hops', 'resources'].includes(request.objective))
    bad(`unknown objective '${request.objective}'`, { objective: request.objective });
  const window = request.window ?? { start: now, end: null };
  if (!Number.isFinite(window.start) || (window.end !== null && !(window.end > window.start)))
    bad('window must have a finite start and an end after it (or null)', { window });
  const siteA = siteOf(graph, request.from) ?? bad(`unknown endpoint '${request.from}'`, { endpoint: request.from, field: 'from' });
  const siteB = siteOf(graph, request.to) ?? bad(`unknown endpoint '${request.to}'`, { endpoint: request.to, field: 'to' });
  const dcPair = graph.sitesById.get(siteA)?.kind === 'dc' && graph.sitesById.get(siteB)?.kind === 'dc';
  const layer = request.layer === 'auto' ? pickLayer(request.bandwidthKbps, dcPair) : request.layer;
  const from =
    endpointDevice(graph, request.from, layer) ??
    bad(`endpoint '${request.from}' has no device for the ${layer} layer`, { endpoint: request.from, layer, field: 'from' });
  const to =
    endpointDevice(graph, request.to, layer) ??
    bad(`endpoint '${request.to}' has no device for the ${layer} layer`, { endpoint: request.to, layer, field: 'to' });
  if (from.device.id === to.device.id) bad(`both endpoints resolve to device '${from.device.id}'`, { device: from.device.id, layer });
  for (const [set, field] of [
    [request.include, 'include'],
    [request.exclude, 'exclude'],
  ] as const) {
    for (const n of set?.nodes ?? []) if (!graph.index.has(n)) bad(`${field}.nodes names unknown device '${n}'`, { field, device: n });
    for (const l of set?.links ?? []) if (!graph.fibreLatency.has(l)) bad(`${field}.links names unknown fibre '${l}'`, { field, fibre: l });
  }
  const includeCount =
    (request.include?.nodes?.length ?? 0) + (request.include?.links?.length ?? 0) + (request.include?.srlgs?.length ?? 0);
  if (includeCount > 30) bad('at most 30 include elements', { includeCount });
  const normalized: NormalizedRequest = {
    from: request.from,
    to: request.to,
    source: from.device.id,
    target: to.device.id,
    layer,
    bandwidthKbps: request.bandwidthKbps,
    maxLatencyUs: request.maxLatencyUs ?? null,
    protection: request.protection,
    objective: request.objective,
    alternatives: request.alternatives,
    window: { start: window.start, end: window.end },
  };
  return { normalized, from, to };
}

function siteOf(graph: PceGraph, ref: string): string | undefined {
  if (graph.sitesById.has(ref)) return ref;
  const deviceId = ref.split('/')[0]!;
  return graph.devicesById.get(deviceId)?.site;
}

const KINDS: Record<ConcreteLayer, Device['kind'][]> = {
  wavelength: ['roadm', 'oxc'],
  odu: ['otn', 'osu'],
  osu: ['osu', 'otn'],
};

function endpointDevice(graph: PceGraph, ref: string, layer: ConcreteLayer): ResolvedEndpoint | undefined {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const device = graph.devicesById.get(ref.slice(0, slash));
    const port = ref.slice(slash + 1);
    if (device === undefined || !device.ports.some((p) => p.id === port)) return undefined;
    if (KINDS[layer].includes(device.kind)) return { device, port };
    return siteDevice(graph, device.site, layer);
  }
  const device = graph.devicesById.get(ref);
  if (device !== undefined) return KINDS[layer].includes(device.kind) ? { device } : siteDevice(graph, device.site, layer);
  return siteDevice(graph, ref, layer);
}

/** A site's device for the layer: its ROADM/OXC for wavelengths; its OTN switch for ODUs; its OSU CPE, else its OSU-capable OTN switch, for OSU. */
function siteDevice(graph: PceGraph, site: string, layer: ConcreteLayer): ResolvedEndpoint | undefined {
  const devices = graph.devicesBySite.get(site) ?? [];
  const pick = (pred: (d: Device) => boolean) => devices.find(pred);
  let device: Device | undefined;
  if (layer === 'wavelength') device = pick((d) => d.kind === 'roadm' || d.kind === 'oxc');
  else if (layer === 'odu') device = pick((d) => d.kind === 'otn') ?? pick((d) => d.kind === 'osu');
  else
    device = pick((d) => d.kind === 'osu') ?? pick((d) => d.kind === 'otn' && d.ports.some((p) => p.osu)) ?? pick((d) => d.kind === 'otn');
  return device === undefined ? undefined : { device };
}
