import { MilliError } from '@milli/core';

/**
 * Where a problem sits in what the user wrote: a 0-based character offset into intent text,
 * or a JSON pointer (`/from/site`) into an intent object.
 */
export type SourceLocation = number | string;

/** One thing wrong with an intent: what (message, with its location and the fix), where, and which field. */
export interface IntentProblem {
  /** JSON pointer of the field in the intent document, e.g. `/to/site`; the same for both forms. */
  path: string;
  at: SourceLocation;
  message: string;
}

/** Intent text that does not follow the grammar; parsing stops at the first such place. */
export class IntentSyntaxError extends MilliError {
  constructor(message: string, at: number, context: Record<string, unknown> = {}) {
    super('INTENT_SYNTAX', message, { at, ...context });
  }

  get at(): number {
    return this.context.at as number;
  }
}

/** An intent object that does not match the published JSON Schema; every mismatch is listed. */
export class IntentSchemaError extends MilliError {
  readonly problems: IntentProblem[];

  constructor(problems: IntentProblem[]) {
    super('INTENT_SCHEMA', summarise('intent JSON does not match the intent schema', problems), { problems });
    this.problems = problems;
  }
}

/** A well-formed intent that is wrong in itself or for the network; every problem found is listed. */
export class IntentInvalidError extends MilliError {
  readonly problems: IntentProblem[];

  constructor(problems: IntentProblem[], language: 'en' | 'zh' = 'en') {
    const head = language === 'zh' ? '意图无效' : 'intent is not valid';
    super('INTENT_INVALID', summarise(head, problems, language), { problems });
    this.problems = problems;
  }
}

/** No compiler is registered for an intent's kind. */
export class IntentUnknownKindError extends MilliError {
  constructor(kind: string, known: string[]) {
    super('INTENT_UNKNOWN_KIND', `no compiler for intent kind '${kind}'; registered: ${known.join(', ') || 'none'}`, { kind, known });
  }
}

function summarise(head: string, problems: IntentProblem[], language: 'en' | 'zh' = 'en'): string {
  if (problems.length === 1) return problems[0]?.message ?? head;
  const count = language === 'zh' ? `${head}：共 ${problems.length} 个问题` : `${head}: ${problems.length} problems`;
  return `${count}\n${problems.map((p, i) => `  ${i + 1}. ${p.message}`).join('\n')}`;
}

/** `24` for text, `/to/site` for JSON: how a location reads inside a message. */
export function where(at: SourceLocation): string {
  return typeof at === 'number' ? `at ${at}` : `at ${at === '' ? '/' : at}`;
}
