import type { YangErrorRecord } from '../YangError';
import { libyang, type Ptr } from './libyang';
import { LY_ERR_ITEM, readI32, readPtr, readStr } from './layout';

const VALIDATION_CODE_NAMES = [
  'LYVE_SUCCESS',
  'LYVE_SYNTAX',
  'LYVE_SYNTAX_YANG',
  'LYVE_SYNTAX_YIN',
  'LYVE_REFERENCE',
  'LYVE_XPATH',
  'LYVE_SEMANTICS',
  'LYVE_SYNTAX_XML',
  'LYVE_SYNTAX_JSON',
  'LYVE_DATA',
  'LYVE_OTHER',
] as const;

export function validationCodeName(code: number): string {
  return VALIDATION_CODE_NAMES[code] ?? `LYVE_${code}`;
}

export type BarePath = 'dataPath' | 'schemaPath';

/**
 * Splits libyang's location text, e.g. `Schema location "/m:a", data location "/m:a/b", line number 3.`,
 * into its parts. Each part is optional. A bare path (schema compilation reports `/m:c/x` alone) is kept
 * whole, as the data path or the schema path depending on what was being processed.
 */
export function parseLocation(
  text: string | undefined,
  bare: BarePath = 'dataPath',
): Pick<YangErrorRecord, 'dataPath' | 'schemaPath' | 'line'> {
  if (!text) return {};
  const out: Pick<YangErrorRecord, 'dataPath' | 'schemaPath' | 'line'> = {};
  const schema = /schema location "((?:[^"\\]|\\.)*)"/i.exec(text);
  const data = /data location "((?:[^"\\]|\\.)*)"/i.exec(text);
  const line = /line number (\d+)/i.exec(text);
  if (schema?.[1] !== undefined) out.schemaPath = schema[1];
  if (data?.[1] !== undefined) out.dataPath = data[1];
  if (line?.[1] !== undefined) out.line = Number(line[1]);
  if (!schema && !data && !line) out[bare] = text;
  return out;
}

/** Reads every stored record of the context (oldest first) and clears them, so records never pile up between calls. */
export function drainErrors(ctx: Ptr, bare: BarePath = 'dataPath'): YangErrorRecord[] {
  const ly = libyang();
  const records: YangErrorRecord[] = [];
  let item = ly.ly_err_first(ctx);
  while (item) {
    const vecode = readI32(item, LY_ERR_ITEM.vecode);
    const appTag = readStr(item, LY_ERR_ITEM.apptag);
    const record: YangErrorRecord = {
      level: readI32(item, LY_ERR_ITEM.level) === 0 ? 'error' : 'warning',
      code: readI32(item, LY_ERR_ITEM.no),
      validationCode: vecode,
      validationCodeName: validationCodeName(vecode),
      message: readStr(item, LY_ERR_ITEM.msg) ?? '',
      ...parseLocation(readStr(item, LY_ERR_ITEM.path), bare),
    };
    if (appTag) record.appTag = appTag;
    records.push(record);
    item = readPtr(item, LY_ERR_ITEM.next);
  }
  if (records.length > 0) ly.ly_err_clean(ctx, 0);
  return records;
}
