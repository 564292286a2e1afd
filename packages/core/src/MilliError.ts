import { type ErrorCode, isRetryableCode } from './codes';

/** Structured facts about where an error happened: device, rpc, message-id, error-tag, data path... */
export type ErrorContext = Record<string, unknown>;

/**
 * The base of every error milli throws or returns. A stable `code` (see codes.ts) plus a context
 * object, so callers, logs and the API can act on fields rather than parse messages.
 */
export class MilliError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }

  get retryable(): boolean {
    return isRetryableCode(this.code);
  }

  toJSON(): { name: string; code: ErrorCode; message: string; context: ErrorContext } {
    return { name: this.name, code: this.code, message: this.message, context: this.context };
  }
}

export function isMilliError(value: unknown, code?: ErrorCode): value is MilliError {
  return value instanceof MilliError && (code === undefined || value.code === code);
}
