import { writeTextFileAtomic } from '@milli/core';
import { Document, isMap, isSeq } from 'yaml';
import type { Device, Fibre, Port, Site, Topology } from '../model';
import { TopologyError } from '../TopologyError';
import { formatOf, type TopologyFormat } from './parseTopology';
import { validateTopology } from './validateTopology';

/** Copies the known keys of `obj` in a fixed order, dropping undefined ones, so output is canonical. */
function pick<T extends object>(obj: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

/** The topology with keys in the order of the file format (stable text, readable diffs). */
export function canonicalTopology(t: Topology): Topology {
  const site = (s: Site) => pick(s, ['id', 'kind', 'name', 'nameZh', 'lat', 'lon', 'role', 'racks', 'egressGbps']) as Site;
  const port = (p: Port) => pick(p, ['id', 'kind', 'rate', 'group', 'osu']) as Port;
  const device = (d: Device) =>
    ({
      ...pick(d, ['id', 'site', 'kind', 'model']),
      ports: d.ports.map(port),
      management: pick(d.management, ['address', 'port']),
    }) as Device;
  const fibre = (f: Fibre) =>
    ({
      id: f.id,
      a: { device: f.a.device, port: f.a.port },
      b: { device: f.b.device, port: f.b.port },
      ...pick(f, ['lengthKm', 'srlgs', 'latencyUs', 'amplifiers']),
    }) as Fibre;
  return {
    ...(t.name === undefined ? {} : { name: t.name }),
    ...(t.utcOffset === undefined ? {} : { utcOffset: t.utcOffset }),
    sites: t.sites.map(site),
    devices: t.devices.map(device),
    fibres: t.fibres.map(fibre),
    ...(t.boundary === undefined ? {} : { boundary: { type: 'Polygon', coordinates: t.boundary.coordinates } }),
  };
}

function toYaml(t: Topology, header: string | undefined): string {
  const doc = new Document(canonicalTopology(t));
  // Small leaf objects on one line: a port, a fibre end, an SRLG list, a boundary point.
  const flowAll = (path: (string | number)[], pick: (node: unknown) => unknown[]) => {
    const seq = doc.getIn(path, true);
    if (!isSeq(seq)) return;
    for (const item of seq.items) for (const node of pick(item)) if (isMap(node) || isSeq(node)) node.flow = true;
  };
  flowAll(['devices'], (d) =>
    isMap(d) ? [d.get('management', true), ...((d.get('ports', true) as { items?: unknown[] })?.items ?? [])] : [],
  );
  flowAll(['fibres'], (f) => (isMap(f) ? [f.get('a', true), f.get('b', true), f.get('srlgs', true)] : []));
  flowAll(['boundary', 'coordinates'], (ring) => (isSeq(ring) ? ring.items : []));
  if (header !== undefined)
    doc.commentBefore = header
      .split('\n')
      .map((l) => (l === '' ? '' : ` ${l}`))
      .join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Topology → text in the given format (YAML gets `header` as a leading comment; JSON cannot carry one). */
export function serialiseTopology(t: Topology, format: TopologyFormat, options: { header?: string } = {}): string {
  if (format === 'json') return `${JSON.stringify(canonicalTopology(t), null, 2)}\n`;
  return toYaml(t, options.header);
}

/**
 * Validates, then writes a topology file atomically (temp file + rename, the temp file removed when the write fails):
 * an invalid topology is never written, and a failed write leaves nothing behind.
 * The format follows the extension unless given.
 */
export async function writeTopology(path: string, t: Topology, options: { format?: TopologyFormat; header?: string } = {}): Promise<void> {
  const problems = validateTopology(t);
  if (problems.length > 0) throw new TopologyError(problems, path);
  const format = options.format ?? formatOf(path);
  writeTextFileAtomic(path, serialiseTopology(t, format, options), 'topology file');
}
