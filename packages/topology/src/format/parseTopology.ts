import { extname } from 'node:path';
import { type ReadFileOptions, readTextFile } from '@milli/core';
import { LineCounter, parseDocument } from 'yaml';
import type { Topology } from '../model';
import { TopologyError, type TopologyProblem } from '../TopologyError';
import { validateTopology } from './validateTopology';

export type TopologyFormat = 'yaml' | 'json';

/** How far YAML aliases may expand (the yaml package's maxAliasCount): a real topology uses few or none. */
export const MAX_ALIAS_COUNT = 1000;

/** `fibres[12].b.port` → ['fibres', 12, 'b', 'port'] (to find the node in the YAML document). */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** Adds 1-based line numbers to problems by finding each path (or its nearest existing parent) in the text. */
function withLines(text: string, problems: TopologyProblem[]): TopologyProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return problems;
  return problems.map((problem) => {
    const segments = pathSegments(problem.path);
    while (segments.length > 0) {
      const node = doc.getIn(segments, true) as { range?: [number, number, number] } | undefined;
      if (node?.range !== undefined) return { ...problem, line: lineCounter.linePos(node.range[0]).line };
      segments.pop();
    }
    return problem;
  });
}

function syntaxProblems(text: string, format: TopologyFormat): { doc: unknown; problems: TopologyProblem[] } {
  if (format === 'json') {
    try {
      return { doc: JSON.parse(text), problems: [] };
    } catch (e) {
      return { doc: undefined, problems: [{ path: '(document)', message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      doc: undefined,
      problems: doc.errors.map((e) => ({
        path: '(document)',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    };
  }
  try {
    return { doc: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (e) {
    // yaml refuses an alias that expands too far with a ReferenceError: an alias bomb, or a document that is not ours.
    if (!(e instanceof ReferenceError)) throw e;
    const problem = `not a usable YAML document: its aliases expand to more than ${MAX_ALIAS_COUNT} nodes (${e.message})`;
    return { doc: undefined, problems: [{ path: '(document)', message: problem }] };
  }
}

/**
 * Parses and validates topology text. Returns a whole, valid topology or throws one TopologyError
 * (code TOPOLOGY_INVALID) listing every problem with its location; never a partial result.
 */
export function parseTopology(text: string, format: TopologyFormat, source?: string): Topology {
  const { doc, problems } = syntaxProblems(text, format);
  if (problems.length > 0) throw new TopologyError(problems, source);
  const found = validateTopology(doc);
  if (found.length > 0) throw new TopologyError(withLines(text, found), source);
  return doc as Topology;
}

/** The format a path's extension names: .json → json, .yaml/.yml → yaml; otherwise sniffed from the text. */
export function formatOf(path: string, text?: string): TopologyFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return text?.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** Reads and validates a topology file (YAML or JSON by extension), refusing files over `options.maxBytes`. */
export async function loadTopology(path: string, options: Pick<ReadFileOptions, 'maxBytes' | 'limitFlag'> = {}): Promise<Topology> {
  const text = readTextFile(path, { ...options, what: 'topology file' });
  return parseTopology(text, formatOf(path, text), path);
}
