import { type ErrorCode, type ErrorContext, MilliError } from '@milli/core';

/** The LAB_* subset of the shared error codes: a LabDeviceError takes no other. */
export type LabErrorCode = Extract<ErrorCode, `LAB_${string}`>;

/** A mock device could not start or was given something it cannot use (bad state dir, port in use...). */
export class LabDeviceError extends MilliError {
  declare readonly code: LabErrorCode;

  constructor(code: LabErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(code, message, context, options);
  }
}
