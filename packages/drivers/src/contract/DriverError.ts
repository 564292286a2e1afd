import { type ErrorCode, MilliError } from '@milli/core';

/** Where a driver failure happened; every field optional because a local check has no rpc or message-id. */
export interface DriverErrorContext {
  device?: string;
  rpc?: string;
  messageId?: string;
  /** The NETCONF error-tag (RFC 6241 appendix A) when the device answered with rpc-error. */
  errorTag?: string;
  /** The data path the error is about: a device's error-path, or the path of the edit that failed locally. */
  path?: string;
  [more: string]: unknown;
}

/** The DRIVER_* subset of the shared error codes: a DriverError takes no other. */
export type DriverErrorCode = Extract<ErrorCode, `DRIVER_${string}`>;

/** Every error a driver raises: a stable DRIVER_* code plus device, rpc, message-id, error-tag and data path. */
export class DriverError extends MilliError {
  declare readonly code: DriverErrorCode;
  declare readonly context: DriverErrorContext;

  constructor(code: DriverErrorCode, message: string, context: DriverErrorContext = {}, options?: { cause?: unknown }) {
    super(code, message, context, options);
  }
}
