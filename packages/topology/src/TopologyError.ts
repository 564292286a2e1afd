import { MilliError } from '@milli/core';

/** One thing wrong with a topology, with where it is: `fibres[12].b.port` and, for YAML text, the line. */
export interface TopologyProblem {
  /** Location in the document, e.g. `fibres[12].b.port`; `(document)` for the whole text. */
  path: string;
  message: string;
  /** 1-based line in the source text, when the text was YAML or JSON we could map back. */
  line?: number;
}

/** How many problems a message lists before it says how many more there are: a junk file must not flood a terminal. */
export const PROBLEMS_SHOWN = 20;

/** The first PROBLEMS_SHOWN lines, then `... and N more`. */
export function firstProblems(lines: readonly string[], indent = '  - '): string {
  const shown = lines.slice(0, PROBLEMS_SHOWN).map((line) => `${indent}${line}`);
  if (lines.length > PROBLEMS_SHOWN) shown.push(`${indent}... and ${lines.length - PROBLEMS_SHOWN} more`);
  return shown.join('\n');
}

export function formatProblem(problem: TopologyProblem): string {
  return `${problem.path}: ${problem.message}${problem.line === undefined ? '' : ` (line ${problem.line})`}`;
}

/**
 * A topology that cannot be used: every problem found, all at once (code TOPOLOGY_INVALID).
 * Loading either returns a whole, valid topology or throws this; nothing is half-loaded.
 */
export class TopologyError extends MilliError {
  readonly problems: TopologyProblem[];

  constructor(problems: TopologyProblem[], source?: string) {
    const where = source === undefined ? 'topology' : `topology ${source}`;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('TOPOLOGY_INVALID', `${where} has ${count}:\n${firstProblems(problems.map(formatProblem))}`, {
      ...(source === undefined ? {} : { file: source }),
      problemCount: problems.length,
      problems: problems.slice(0, PROBLEMS_SHOWN),
    });
    this.problems = problems;
  }
}

/** An id (site, device, port, fibre) that the topology does not hold (code TOPOLOGY_NOT_FOUND). */
export class TopologyNotFoundError extends MilliError {
  constructor(what: 'site' | 'device' | 'port' | 'fibre', id: string) {
    super('TOPOLOGY_NOT_FOUND', `no ${what} ${id} in the topology`, { what, id });
  }
}

/** A public dataset that could not be turned into a topology (code TOPOLOGY_IMPORT). */
export class TopologyImportError extends MilliError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('TOPOLOGY_IMPORT', message, context);
  }
}
