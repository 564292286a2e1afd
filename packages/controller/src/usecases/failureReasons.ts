import { type ErrorCode, isMilliError } from '@milli/core';
import type { PceFailure } from '@milli/pce';
import type { FailureReason } from '../facade/types';

/** An error thrown while reading an intent, as the typed reason its intent fails with. */
export function invalidReason(error: unknown): FailureReason {
  if (!isMilliError(error)) return internalReason(error);
  if (!error.code.startsWith('INTENT_') && error.code !== 'PCE_BAD_REQUEST') return internalReason(error);
  const problems = (error.context.problems as { message: string; path?: string }[] | undefined) ?? [{ message: error.message }];
  return {
    kind: 'invalid',
    code: error.code,
    message: error.message,
    problems: problems.map((p) => ({ message: p.message, ...(p.path !== undefined ? { at: p.path } : {}) })),
  };
}

export function noPathReason(failure: PceFailure): FailureReason {
  return { kind: 'no-path', code: failure.code, message: failure.message, evidence: failure.evidence };
}

/** A path that exists but cannot be entered: no free add/drop port, transponder or client port at an end. */
export function noPortReason(error: { code: ErrorCode; message: string; context: Record<string, unknown> }): FailureReason {
  return { kind: 'no-path', code: error.code, message: error.message, evidence: error.context };
}

export function internalReason(error: unknown): FailureReason {
  const code: ErrorCode = isMilliError(error) ? error.code : 'INTERNAL';
  return { kind: 'internal', code, message: error instanceof Error ? error.message : String(error) };
}

export function transactionReason(phase: string, devices: string[], message: string): FailureReason {
  return {
    kind: 'transaction',
    code: 'CONTROLLER_TRANSACTION_FAILED',
    message: `transaction failed at ${phase} on ${devices.join(', ') || 'no device'}: ${message}`,
    phase,
    devices,
  };
}
