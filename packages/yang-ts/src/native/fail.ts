import type { ErrorContext } from '@milli/core';
import { YangError, type YangErrorCode, type YangErrorRecord } from '../YangError';
import { type BarePath, drainErrors, validationCodeName } from './errorRecords';
import type { Ptr } from './libyang';

const LY_ERR_NAMES = [
  'LY_SUCCESS',
  'LY_EMEM',
  'LY_ESYS',
  'LY_EINVAL',
  'LY_EEXIST',
  'LY_ENOTFOUND',
  'LY_EINT',
  'LY_EVALID',
  'LY_EDENIED',
  'LY_EINCOMPLETE',
  'LY_ERECOMPILE',
  'LY_ENOT',
  'LY_EOTHER',
];

/**
 * Builds the YangError for a failed libyang call from every record libyang stored on the context.
 * When libyang stored nothing (some calls fail silently), one record with the return code stands in.
 */
export function failure(
  ctx: Ptr,
  code: YangErrorCode | ((records: YangErrorRecord[]) => YangErrorCode),
  what: string,
  rc: number,
  context: ErrorContext = {},
  bare: BarePath = 'dataPath',
): YangError {
  let records = drainErrors(ctx, bare);
  if (!records.some((r) => r.level === 'error')) {
    const synthetic: YangErrorRecord = {
      level: 'error',
      code: rc,
      validationCode: 0,
      validationCodeName: validationCodeName(0),
      message: `${what} failed (${LY_ERR_NAMES[rc & 0x7f] ?? `libyang error ${rc}`})`,
    };
    records = [...records, synthetic];
  }
  const first = records.find((r) => r.level === 'error') ?? records[0]!;
  const where = first.dataPath ?? first.schemaPath;
  const message = `${what}: ${first.message}${where ? ` (at ${where}${first.line !== undefined ? `, line ${first.line}` : ''})` : ''}`;
  return new YangError(typeof code === 'function' ? code(records) : code, message, records, context);
}

/** Validation-class failures (LYVE_DATA: constraints, must, leafref, state in config) are YANG_VALIDATION; the rest YANG_PARSE. */
export function parseErrorCode(records: YangErrorRecord[]): YangErrorCode {
  return records.some((r) => r.level === 'error' && r.validationCode === 9) ? 'YANG_VALIDATION' : 'YANG_PARSE';
}
