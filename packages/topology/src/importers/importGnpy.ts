import { TopologyImportError } from '../TopologyError';
import {
  buildImportedTopology,
  type ImportedLink,
  type ImportedNode,
  type ImportOptions,
  type ImportResult,
} from './buildImportedTopology';

/**
 * GNPy network JSON: `elements` (Roadm, Fiber, Edfa, Fused, Transceiver...) and `connections` (from_node → to_node).
 * Each Roadm becomes a site. A span is the chain of elements from one Roadm to the next: its Fiber elements add up
 * to the real length (params.length, in `length_units`, km by default) and its Edfa elements (boosters, in-line,
 * pre-amplifiers) are counted for the amplifier latency. The two directions of a span become one fibre: paired by
 * their end Roadms (several parallel spans by length order), length and amplifiers taken from the longer direction.
 */

interface GnpyElement {
  uid: string;
  type: string;
  params?: { length?: number; length_units?: string };
  metadata?: { location?: { latitude?: number; longitude?: number; city?: string | null } };
}

interface DirectedSpan {
  from: string;
  to: string;
  km: number;
  amplifiers: number;
}

function lengthKm(e: GnpyElement): number {
  const length = e.params?.length;
  if (typeof length !== 'number' || !(length >= 0)) throw new TopologyImportError(`Fiber ${e.uid} has no params.length`, { uid: e.uid });
  const units = e.params?.length_units ?? 'km';
  if (units === 'km') return length;
  if (units === 'm') return length / 1000;
  throw new TopologyImportError(`Fiber ${e.uid} has length_units ${units}; km or m expected`, { uid: e.uid, units });
}

export function importGnpy(text: string, options: ImportOptions = {}): ImportResult {
  let doc: { elements?: GnpyElement[]; connections?: { from_node: string; to_node: string }[] };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TopologyImportError(`not GNPy JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc.elements) || !Array.isArray(doc.connections)) {
    throw new TopologyImportError('not GNPy JSON: elements[] and connections[] expected');
  }
  const warnings: string[] = [];
  const elements = new Map(doc.elements.map((e) => [e.uid, e]));
  const next = new Map<string, string[]>();
  for (const c of doc.connections) next.set(c.from_node, [...(next.get(c.from_node) ?? []), c.to_node]);

  const nodes: ImportedNode[] = [];
  for (const e of doc.elements) {
    if (e.type !== 'Roadm') continue;
    const loc = e.metadata?.location;
    if (typeof loc?.latitude !== 'number' || typeof loc.longitude !== 'number') {
      warnings.push(`Roadm ${e.uid} has no latitude/longitude: skipped with its spans`);
      continue;
    }
    nodes.push({ key: e.uid, name: loc.city ?? e.uid.replace(/^roadm[ _]/i, ''), lat: loc.latitude, lon: loc.longitude });
  }
  const isNode = new Set(nodes.map((n) => n.key));

  const spans: DirectedSpan[] = [];
  for (const roadm of isNode) {
    for (const first of next.get(roadm) ?? []) {
      let km = 0;
      let amplifiers = 0;
      let at: string | undefined = first;
      const seen = new Set<string>();
      while (at !== undefined && !isNode.has(at)) {
        const e = elements.get(at);
        if (e === undefined || seen.has(at)) {
          warnings.push(`span from ${roadm} via ${first} ${e === undefined ? `reaches unknown element ${at}` : 'loops'}: skipped`);
          at = undefined;
          break;
        }
        seen.add(at);
        if (e.type === 'Transceiver') {
          at = undefined; // a roadm's add/drop side, not a span
          break;
        }
        if (e.type === 'Fiber') km += lengthKm(e);
        else if (e.type === 'Edfa') amplifiers++;
        const out: string[] = next.get(at) ?? [];
        if (out.length !== 1) {
          warnings.push(`span from ${roadm} via ${first} ${out.length === 0 ? 'ends' : 'branches'} at ${at}: skipped`);
          at = undefined;
          break;
        }
        at = out[0];
      }
      if (at !== undefined) {
        if (km === 0) warnings.push(`span ${roadm} → ${at} has no Fiber elements: skipped`);
        else spans.push({ from: roadm, to: at, km, amplifiers });
      }
    }
  }

  const pairs = new Map<string, { ab: DirectedSpan[]; ba: DirectedSpan[] }>();
  for (const s of spans) {
    const [a, b] = [s.from, s.to].sort() as [string, string];
    const key = `${a}\u0000${b}`;
    const entry = pairs.get(key) ?? { ab: [], ba: [] };
    (s.from === a ? entry.ab : entry.ba).push(s);
    pairs.set(key, entry);
  }
  const links: ImportedLink[] = [];
  for (const { ab, ba } of pairs.values()) {
    ab.sort((x, y) => x.km - y.km);
    ba.sort((x, y) => x.km - y.km);
    for (let i = 0; i < Math.max(ab.length, ba.length); i++) {
      const [x, y] = [ab[i], ba[i]];
      const one = (x ?? y)!;
      if (x === undefined || y === undefined)
        warnings.push(`span ${one.from} → ${one.to} has no reverse direction: one fibre all the same`);
      else if (Math.abs(x.km - y.km) > 0.001)
        warnings.push(`span ${x.from} ↔ ${x.to}: directions differ (${x.km} km, ${y.km} km); the longer kept`);
      links.push({
        a: one.from,
        b: one.to,
        lengthKm: Math.max(x?.km ?? 0, y?.km ?? 0),
        amplifiers: Math.max(x?.amplifiers ?? 0, y?.amplifiers ?? 0),
      });
    }
  }
  return buildImportedTopology(nodes, links, options, warnings);
}
