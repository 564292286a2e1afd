import { routeKm } from '../generate/generateMetro';
import { firstProblems, PROBLEMS_SHOWN, TopologyImportError } from '../TopologyError';
import {
  buildImportedTopology,
  type ImportedLink,
  type ImportedNode,
  type ImportOptions,
  type ImportResult,
} from './buildImportedTopology';

/**
 * SNDlib native format (network files): sections `NAME ( ... )` with one entry per line; `#` starts a comment and
 * the `?SNDlib native format...` line is a header. We read
 *   NODES: `<id> ( <longitude> <latitude> )`
 *   LINKS: `<id> ( <source> <target> ) <capacity> <cost> <routing cost> <setup cost> ( <modules> )`
 * and ignore META, DEMANDS and ADMISSIBLE_PATHS. Links carry no length: great-circle × ROUTE_FACTOR (1.3).
 * Coordinates must be longitude/latitude (SNDlib's geographic instances); others are refused.
 */
const NODE = /^(\S+)\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)$/;
const LINK = /^(\S+)\s*\(\s*(\S+)\s+(\S+)\s*\)(?:\s.*)?$/;

export function importSndlib(text: string, options: ImportOptions = {}): ImportResult {
  const problems: string[] = [];
  const nodes: ImportedNode[] = [];
  const links: ImportedLink[] = [];
  const rawLinks: { id: string; a: string; b: string; line: number }[] = [];
  let section: string | undefined;
  let depth = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    const n = i + 1;
    if (line === '' || line.startsWith('?')) continue;
    if (section === undefined) {
      const open = /^([A-Z_]+)\s*\($/.exec(line);
      if (open === null) problems.push(`line ${n}: expected a section such as NODES ( or LINKS (, got "${line}"`);
      else {
        section = open[1];
        depth = 1;
      }
      continue;
    }
    if (line === ')' && depth === 1) {
      section = undefined;
      continue;
    }
    if (section === 'NODES') {
      const m = NODE.exec(line);
      if (m === null) {
        problems.push(`line ${n}: a node is "<id> ( <longitude> <latitude> )", got "${line}"`);
        continue;
      }
      const [lon, lat] = [Number(m[2]), Number(m[3])];
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        problems.push(`line ${n}: node ${m[1]} has (${lon} ${lat}), not longitude/latitude`);
        continue;
      }
      nodes.push({ key: m[1]!, name: m[1]!, lat, lon });
    } else if (section === 'LINKS') {
      const m = LINK.exec(line);
      if (m === null) {
        problems.push(`line ${n}: a link is "<id> ( <source> <target> ) ...", got "${line}"`);
        continue;
      }
      rawLinks.push({ id: m[1]!, a: m[2]!, b: m[3]!, line: n });
    } else {
      // Other sections may nest parentheses on one line or across lines; only their balance matters to us.
      depth += (line.match(/\(/g) ?? []).length - (line.match(/\)/g) ?? []).length;
      if (depth <= 0) section = undefined;
    }
  }
  if (section !== undefined) problems.push(`section ${section} is not closed`);
  const at = new Map(nodes.map((x) => [x.key, x]));
  for (const l of rawLinks) {
    const [a, b] = [at.get(l.a), at.get(l.b)];
    if (a === undefined || b === undefined) problems.push(`line ${l.line}: link ${l.id} names unknown node ${a === undefined ? l.a : l.b}`);
    else links.push({ a: a.key, b: b.key, lengthKm: routeKm(a, b) });
  }
  if (nodes.length === 0 && problems.length === 0) problems.push('no NODES section with nodes');
  if (problems.length > 0) {
    throw new TopologyImportError(`not a usable SNDlib network (${problems.length} problem(s)):\n${firstProblems(problems)}`, {
      problemCount: problems.length,
      problems: problems.slice(0, PROBLEMS_SHOWN),
    });
  }
  return buildImportedTopology(nodes, links, options, []);
}
