import {
  IntentInvalidError,
  parseIntent,
  readIntent,
  type ReadIntentOptions,
  validateIntent,
  type Intent,
  type ValidationContext,
} from '@milli/intent';
import { expect } from 'vitest';
import { NOW, smallMetro } from './fixtures/smallMetro';

export const CONTEXT: ValidationContext = { topology: smallMetro, now: NOW };

export function valid(input: string | object, context: Partial<ValidationContext> = {}): Intent {
  return validateIntent(parseIntent(input), { ...CONTEXT, ...context });
}

/** The messages of the IntentInvalidError that validating `input` must throw. */
export function problems(input: string | object, context: Partial<ValidationContext> = {}): string[] {
  try {
    valid(input, context);
  } catch (error) {
    expect(error).toBeInstanceOf(IntentInvalidError);
    expect((error as IntentInvalidError).code).toBe('INTENT_INVALID');
    return (error as IntentInvalidError).problems.map((p) => p.message);
  }
  throw new Error(`validated without problems: ${JSON.stringify(input)}`);
}

/** The messages of the IntentInvalidError that compiling `text` must throw (what only compiling finds, too). */
export function compileProblems(text: string, options: ReadIntentOptions = CONTEXT): string[] {
  try {
    readIntent(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(IntentInvalidError);
    return (error as IntentInvalidError).problems.map((p) => p.message);
  }
  throw new Error(`compiled without problems: ${text}`);
}
