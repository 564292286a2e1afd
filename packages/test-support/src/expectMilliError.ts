import type { ErrorCode, ErrorContext, MilliError } from '@milli/core';
import { isMilliError } from '@milli/core';
import { expect } from 'vitest';

/**
 * Runs `action` (a function or a promise) that must fail with a MilliError of `code` whose context holds at
 * least `context`; returns the error for further checks. Any other outcome fails the test with what happened.
 */
export async function expectMilliError(
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  context: ErrorContext = {},
): Promise<MilliError> {
  let outcome: { threw: false; value: unknown } | { threw: true; error: unknown };
  try {
    outcome = { threw: false, value: await (typeof action === 'function' ? action() : action) };
  } catch (error) {
    outcome = { threw: true, error };
  }
  if (!outcome.threw) return expect.fail(`expected a MilliError ${code}, got a result: ${String(outcome.value)}`);
  const error = outcome.error;
  if (!isMilliError(error)) return expect.fail(`expected a MilliError ${code}, got ${String(error)}`);
  expect(error.code, error.message).toBe(code);
  expect(error.context).toMatchObject(context);
  return error;
}
