import { chineseSiteNames, type Intent, parseIntent, type ReadIntentResult, readIntent, validateIntent } from '@milli/intent';
import type { TopologyIndex } from '@milli/topology';
import type { NetworkContext } from './NetworkContext';

export interface CheckContext {
  index: TopologyIndex;
  network: NetworkContext;
  existingLines: ReadonlySet<string>;
  now: number;
}

/**
 * The dry run behind `POST /v1/intents/check`: parse, validate against the network and the lines that exist,
 * compile (with the line's compilation for elastic and release), exactly as `milli intent check` does. Pure.
 */
export async function checkIntent(input: string | object, context: CheckContext): Promise<ReadIntentResult> {
  const line = lineOf(input);
  const previous = line === undefined ? undefined : await context.network.compilationOf?.(line);
  return readIntent(input, {
    topology: context.index,
    now: context.now,
    existingLines: context.existingLines,
    ...(previous ? { previous } : {}),
  });
}

/**
 * What a submit must pass before it is handed to the controller: every syntax, schema and network problem, at once.
 * A new line is also compiled, as the controller will, so what only compiling finds (a schedule with nothing to book
 * in the horizon) is a 422 too rather than a 202 that fails; an elastic change or release needs its line's stored
 * compilation, which the controller reads, so it is validated only. Sites may be named as the topology names them in Chinese.
 */
export function validateForSubmit(input: string | object, context: CheckContext): Intent {
  const options = { topology: context.index, now: context.now, existingLines: context.existingLines };
  const parsed = parseIntent(input, { siteNames: chineseSiteNames(context.index) });
  if (parsed.document.kind === 'elastic' || parsed.document.kind === 'release') return validateIntent(parsed, options);
  return readIntent(input, options).intent;
}

function lineOf(input: string | object): string | undefined {
  try {
    const { document } = parseIntent(input);
    return 'line' in document && typeof document.line === 'string' ? document.line : undefined;
  } catch {
    return undefined;
  }
}
