import { type ErrorCode, type ErrorContext, MilliError } from '@milli/core';

/**
 * Facts a NETCONF failure carries, so callers and logs act on fields rather than on message text.
 * Every field is optional: a framing error knows the host but no message-id; an rpc-error knows all of them.
 */
export interface NetconfErrorContext extends ErrorContext {
  host?: string;
  port?: number;
  sessionId?: number;
  messageId?: string;
  rpc?: string;
  errorTag?: string;
  path?: string;
}

/** The NETCONF_* subset of the shared error codes. */
export type NetconfErrorCode = Extract<ErrorCode, `NETCONF_${string}`>;

/** Any failure of the NETCONF client: transport, framing, XML, timeouts, closed sessions. Codes are NETCONF_*. */
export class NetconfError extends MilliError {
  declare readonly code: NetconfErrorCode;
  declare readonly context: NetconfErrorContext;

  constructor(code: NetconfErrorCode, message: string, context: NetconfErrorContext = {}, options?: { cause?: unknown }) {
    super(code, message, context, options);
  }
}
