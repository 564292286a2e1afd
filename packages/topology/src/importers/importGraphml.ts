import { SaxesParser } from 'saxes';
import { routeKm } from '../generate/generateMetro';
import { TopologyImportError } from '../TopologyError';
import {
  buildImportedTopology,
  type ImportedLink,
  type ImportedNode,
  type ImportOptions,
  type ImportResult,
} from './buildImportedTopology';
import { placeMissing, type RawNode } from './placeMissing';

/**
 * GraphML as the Internet Topology Zoo writes it: `<key attr.name="Latitude" id="d29">` maps data keys to names;
 * nodes carry Latitude/Longitude (some none) and a label; edges have no length, so each fibre is the great-circle
 * distance × ROUTE_FACTOR (1.3). Parallel edges stay parallel fibres; in a directed graph, u→v and v→u are one fibre.
 */

interface RawGraph {
  directed: boolean;
  keys: Map<string, string>;
  nodes: { id: string; data: Map<string, string> }[];
  edges: { source: string; target: string }[];
}

function readGraphml(text: string): RawGraph {
  const graph: RawGraph = { directed: false, keys: new Map(), nodes: [], edges: [] };
  const parser = new SaxesParser({ xmlns: false });
  let node: { id: string; data: Map<string, string> } | undefined;
  let dataKey: string | undefined;
  let dataText = '';
  parser.on('opentag', (tag) => {
    const attr = (name: string) => {
      const v = tag.attributes[name];
      return typeof v === 'string' ? v : undefined;
    };
    const local = tag.name.replace(/^.*:/, '');
    if (local === 'key') {
      const id = attr('id');
      const name = attr('attr.name');
      if (id !== undefined && name !== undefined && (attr('for') ?? 'node') !== 'graph') graph.keys.set(id, name);
    } else if (local === 'graph') graph.directed = attr('edgedefault') === 'directed';
    else if (local === 'node') {
      node = { id: attr('id') ?? `n${graph.nodes.length}`, data: new Map() };
      graph.nodes.push(node);
    } else if (local === 'edge') {
      const [source, target] = [attr('source'), attr('target')];
      if (source !== undefined && target !== undefined) graph.edges.push({ source, target });
    } else if (local === 'data' && node !== undefined) {
      dataKey = attr('key');
      dataText = '';
    }
  });
  parser.on('text', (t) => {
    if (dataKey !== undefined) dataText += t;
  });
  parser.on('closetag', (tag) => {
    const local = tag.name.replace(/^.*:/, '');
    if (local === 'data' && node !== undefined && dataKey !== undefined) {
      node.data.set(graph.keys.get(dataKey) ?? dataKey, dataText.trim());
      dataKey = undefined;
    } else if (local === 'node') node = undefined;
  });
  parser.on('doctype', () => {
    throw new TopologyImportError('GraphML with a DOCTYPE is refused (entities)');
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof TopologyImportError) throw e;
    throw new TopologyImportError(`not GraphML: ${(e as Error).message}`);
  }
  return graph;
}

export function importGraphml(text: string, options: ImportOptions = {}): ImportResult {
  const graph = readGraphml(text);
  if (graph.nodes.length === 0) throw new TopologyImportError('GraphML holds no nodes');
  const warnings: string[] = [];
  const num = (v: string | undefined) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
  const raw: RawNode[] = graph.nodes.map((n) => ({
    key: n.id,
    name: n.data.get('label') || n.id,
    lat: num(n.data.get('Latitude')),
    lon: num(n.data.get('Longitude')),
  }));
  const nodes: ImportedNode[] = placeMissing(
    raw,
    graph.edges.map((e) => [e.source, e.target]),
    warnings,
  );
  const at = new Map(nodes.map((n) => [n.key, n]));

  const links: ImportedLink[] = [];
  const reverse = new Map<string, number>();
  for (const e of graph.edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    if (a === undefined || b === undefined) continue;
    if (graph.directed) {
      // u→v after v→u: the other direction of the same fibre.
      const back = reverse.get(`${e.target}\u0000${e.source}`) ?? 0;
      if (back > 0) {
        reverse.set(`${e.target}\u0000${e.source}`, back - 1);
        continue;
      }
      reverse.set(`${e.source}\u0000${e.target}`, (reverse.get(`${e.source}\u0000${e.target}`) ?? 0) + 1);
    }
    links.push({ a: a.key, b: b.key, lengthKm: routeKm(a, b) });
  }
  return buildImportedTopology(nodes, links, options, warnings);
}
