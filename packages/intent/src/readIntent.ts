import { createCompilerRegistry } from './compile/defaultCompilers';
import type { Compilation } from './compile/Compilation';
import type { CompilerRegistry } from './compile/CompilerRegistry';
import type { ParsedDocument } from './document';
import { IntentSchemaError } from './errors';
import type { Intent } from './intent';
import { parseIntentJson } from './json/parseIntentJson';
import { parseIntentText, type TextOptions } from './text/parseIntentText';
import { chineseSiteNames } from './text/chineseSiteNames';
import { type ValidationContext, validateIntent } from './validate/validateIntent';

/**
 * Either form from a string: text that starts with `{` is the JSON form, anything else the text form.
 * Throws IntentSyntaxError (text) or IntentSchemaError (JSON), both MilliErrors.
 */
export function parseIntent(input: string | object, options: TextOptions = {}): ParsedDocument {
  if (typeof input !== 'string') return parseIntentJson(input);
  if (!input.trimStart().startsWith('{')) return parseIntentText(input, options);
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    throw new IntentSchemaError([{ path: '', at: '/', message: `intent JSON is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseIntentJson(value);
}

export interface ReadIntentOptions extends ValidationContext {
  /** The line's previous compilation, for elastic and release. */
  previous?: Compilation;
  registry?: CompilerRegistry;
  /** How far ahead a schedule's occurrences are listed; default 30 days. */
  horizonMs?: number;
}

export interface ReadIntentResult {
  parsed: ParsedDocument;
  intent: Intent;
  compilation: Compilation;
}

const defaultRegistry = createCompilerRegistry();

/** Parse (either form), validate against the network, compile: the whole pipeline, pure, throwing only MilliErrors. */
export function readIntent(input: string | object, options: ReadIntentOptions): ReadIntentResult {
  const parsed = parseIntent(input, { siteNames: chineseSiteNames(options.topology) });
  const intent = validateIntent(parsed, options);
  const registry = options.registry ?? defaultRegistry;
  const context = {
    topology: options.topology,
    now: options.now,
    source: parsed,
    ...(options.horizonMs !== undefined ? { horizonMs: options.horizonMs } : {}),
  };
  const compilation = registry.compile(intent, context, options.previous);
  return { parsed, intent, compilation };
}
