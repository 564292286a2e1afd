import { type ErrorCode, type ErrorContext, MilliError } from '@milli/core';

/** One libyang error record, with its location split out of the message text. */
export interface YangErrorRecord {
  level: 'error' | 'warning';
  /** LY_ERR: 7 is LY_EVALID. */
  code: number;
  /** LY_VECODE: the validation error class (0 when not a validation error). */
  validationCode: number;
  validationCodeName: string;
  message: string;
  dataPath?: string;
  schemaPath?: string;
  line?: number;
  appTag?: string;
}

/**
 * Every libyang failure surfaces as a YangError carrying all the records libyang stored for the call,
 * so callers (the mock device's rpc-error builder, the CLI, drivers) act on paths and codes, not message text.
 */
/** The YANG_* subset of the shared error codes: a YangError takes no other. */
export type YangErrorCode = Extract<ErrorCode, `YANG_${string}`>;

export class YangError extends MilliError {
  declare readonly code: YangErrorCode;
  readonly records: YangErrorRecord[];

  constructor(code: YangErrorCode, message: string, records: YangErrorRecord[] = [], context: ErrorContext = {}) {
    super(code, message, { ...context, records });
    this.records = records;
  }

  /** The first error record (libyang 2.1 stops validation at the first failure, so often the only one). */
  get first(): YangErrorRecord | undefined {
    return this.records.find((r) => r.level === 'error') ?? this.records[0];
  }
}

export function isYangError(value: unknown): value is YangError {
  return value instanceof YangError;
}
