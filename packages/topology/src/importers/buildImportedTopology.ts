import { hullPolygon, type LatLon, round } from '../geo';
import { DEVICE_MODELS } from '../generate/generateMetro';
import { ductSrlgs } from '../generate/ductSrlgs';
import { addSiteClientPorts, patchOtnIntoRoadm } from '../generate/equipSite';
import { TopologyBuilder } from '../generate/TopologyBuilder';
import type { Site, Topology } from '../model';
import { TopologyImportError } from '../TopologyError';

/** A node of a public dataset, before it becomes a site. */
export interface ImportedNode {
  /** The dataset's own id (GNPy uid, GraphML node id, SNDlib node name). */
  key: string;
  name: string;
  lat: number;
  lon: number;
}

/** A link between two dataset nodes: one bidirectional fibre. */
export interface ImportedLink {
  a: string;
  b: string;
  lengthKm: number;
  amplifiers?: number;
}

export interface ImportOptions {
  /** Dataset nodes to make data centres, by key, name or resulting site id. */
  dcs?: string[];
  name?: string;
}

/** What an importer gives back: a valid topology plus what it had to leave out or guess, for the user to read. */
export interface ImportResult {
  topology: Topology;
  warnings: string[];
}

/** A site id from a dataset name: ASCII letters, digits and `._:-` only (accents dropped), made unique. */
export function siteIdFrom(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._:-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+|-+$/g, '')
      .slice(0, 100) || 'node';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Turns dataset nodes and links into our topology: each node a site with a ROADM (one degree per link) and an OTN
 * switch patched into it, so a path computation can route on it at both layers. Nodes named by `--dc` become data
 * centres (no racks or egress given: the datasets do not say); the others important sites, `core` when they have
 * three or more links (a hub), `aggregation` otherwise. SRLGs follow the shared-duct rule; the boundary is the
 * convex hull of the sites.
 */
export function buildImportedTopology(
  nodes: ImportedNode[],
  links: ImportedLink[],
  options: ImportOptions,
  warnings: string[],
): ImportResult {
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  for (const n of nodes) idOf.set(n.key, siteIdFrom(n.name, taken));

  const dcSites = new Set<string>();
  const unknown: string[] = [];
  for (const wanted of options.dcs ?? []) {
    const node = nodes.find((n) => n.key === wanted || n.name === wanted || idOf.get(n.key) === wanted);
    if (node === undefined) unknown.push(wanted);
    else dcSites.add(idOf.get(node.key)!);
  }
  if (unknown.length > 0) {
    throw new TopologyImportError(`--dc names no node of the dataset: ${unknown.join(', ')}`, {
      unknown,
      nodes: nodes.map((n) => n.name).slice(0, 50),
    });
  }

  const usable = links.filter((l) => {
    if (!idOf.has(l.a) || !idOf.has(l.b)) return false;
    if (l.a === l.b) warnings.push(`link ${l.a}–${l.b} joins a node to itself: skipped`);
    return l.a !== l.b;
  });
  const degree = new Map<string, number>();
  for (const l of usable) for (const k of [l.a, l.b]) degree.set(k, (degree.get(k) ?? 0) + 1);
  const siteDegree = new Map(nodes.map((n) => [idOf.get(n.key)!, degree.get(n.key) ?? 0]));

  const b = new TopologyBuilder();
  const where = new Map<string, LatLon>();
  const sites: Site[] = [];
  for (const n of nodes) {
    const id = idOf.get(n.key)!;
    const base = { id, name: n.name, lat: round(n.lat, 6), lon: round(n.lon, 6) };
    const site: Site = dcSites.has(id)
      ? { ...base, kind: 'dc' }
      : { ...base, kind: 'important', role: (degree.get(n.key) ?? 0) >= 3 ? 'core' : 'aggregation' };
    b.addSite(site);
    sites.push(site);
    where.set(id, site);
    b.addDevice(id, 'roadm', `${id}-roadm`, DEVICE_MODELS.roadm);
    b.addDevice(id, 'otn', `${id}-otn`, DEVICE_MODELS.otn);
    if ((degree.get(n.key) ?? 0) === 0) warnings.push(`node ${n.name} has no links: kept as an isolated site`);
  }

  const srlgs = ductSrlgs(
    where,
    usable.map((l) => ({ a: idOf.get(l.a)!, b: idOf.get(l.b)! })),
  );
  usable.forEach((l, i) => {
    const [sa, sb] = [idOf.get(l.a)!, idOf.get(l.b)!];
    const ea = b.addPort(`${sa}-roadm`, 'deg', { kind: 'degree' });
    const eb = b.addPort(`${sb}-roadm`, 'deg', { kind: 'degree' });
    b.connect(ea, eb, round(l.lengthKm, 3), { srlgs: srlgs[i]!, ...(l.amplifiers ? { amplifiers: l.amplifiers } : {}) });
  });
  for (const site of sites) {
    patchOtnIntoRoadm(b, `${site.id}-otn`, `${site.id}-roadm`, siteDegree.get(site.id) ?? 0);
    addSiteClientPorts(b, site, `${site.id}-otn`);
  }
  return { topology: b.build(options.name, hullPolygon(sites)), warnings };
}
