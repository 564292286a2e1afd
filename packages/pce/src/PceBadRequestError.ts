import { type ErrorContext, MilliError } from '@milli/core';

/** A path request that cannot be computed as written: unknown endpoint, bad bandwidth, bad window... */
export class PceBadRequestError extends MilliError {
  constructor(message: string, context: ErrorContext = {}) {
    super('PCE_BAD_REQUEST', message, context);
  }
}
