import { MilliError } from '@milli/core';
import type { PceFailure } from './types';

/** A "no path" outcome thrown by callers that prefer exceptions; the failure (code and evidence) is kept whole. */
export class PceError extends MilliError {
  readonly failure: PceFailure;

  constructor(failure: PceFailure) {
    super(failure.code, failure.message, failure.evidence);
    this.failure = failure;
  }
}
