import type { TopologyIndex } from '@milli/topology';
import type { ParsedDocument } from '../document';
import { IntentInvalidError } from '../errors';
import type { Intent } from '../intent';
import { checkAgainstTopology, checkEnds, checkLine } from './checkAgainstTopology';
import { normalizeDocument } from './normalizeDocument';
import { ProblemList } from './ProblemList';
import { siteLookup } from './siteLookup';
import { parseZone } from './timeSpec';

export interface ValidationContext {
  topology: TopologyIndex;
  /** Epoch ms that relative times (`20:00`, `within 6h`, a missing start) are measured from. */
  now: number;
  /** Zone of times of day written without one, minutes east of UTC; default the topology's `utcOffset`, else UTC. */
  utcOffsetMinutes?: number;
  /** Ids of existing lines; when given, elastic and release intents must name one. */
  existingLines?: ReadonlySet<string>;
}

/**
 * A parsed document (text or JSON) → a checked intent, or IntentInvalidError listing every problem found,
 * each with its location in what the user wrote and the fix. Pure: the network and the time come in `context`.
 */
export function validateIntent(parsed: ParsedDocument, context: ValidationContext): Intent {
  const problems = new ProblemList(parsed);
  const utcOffsetMinutes = context.utcOffsetMinutes ?? networkOffset(context.topology);
  const intent = normalizeDocument(parsed.document, problems, { now: context.now, utcOffsetMinutes });
  if (intent) {
    checkAgainstTopology(intent, problems, {
      sites: siteLookup(context.topology),
      ...(context.existingLines ? { existingLines: context.existingLines } : {}),
    });
  } else {
    // Units or times were wrong; the sites can still be checked from the document, so report those too.
    checkSitesOnly(parsed, problems, context);
  }
  if (!problems.empty) {
    // Text problems read left to right; JSON ones stay in field order.
    const list = parsed.form === 'text' ? [...problems.problems].sort((a, b) => (a.at as number) - (b.at as number)) : problems.problems;
    throw new IntentInvalidError(list, parsed.language);
  }
  return intent!;
}

function checkSitesOnly(parsed: ParsedDocument, problems: ProblemList, context: ValidationContext): void {
  const d = parsed.document;
  const facts = { sites: siteLookup(context.topology), ...(context.existingLines ? { existingLines: context.existingLines } : {}) };
  if (d.kind === 'elastic' || d.kind === 'release') checkLine(d.line, problems, facts);
  else checkEnds(d.kind, d.from, d.to, problems, facts);
}

/** The topology's default zone (checked by its schema), else UTC. */
function networkOffset(topology: TopologyIndex): number {
  const text = topology.topology.utcOffset;
  if (text === undefined) return 0;
  const offset = parseZone(text);
  return typeof offset === 'number' ? offset : 0;
}
