import type { YangError, YangErrorRecord } from '@milli/yang-ts';
import { RpcError, type RpcErrorTag, type RpcErrorType } from './RpcError';

interface Mapping {
  pattern: RegExp;
  type: RpcErrorType;
  tag: RpcErrorTag;
  appTag?: string;
}

/**
 * libyang record → rpc-error, following RFC 7950 section 15 (which error-tag and error-app-tag a YANG server
 * reports for each kind of violation). The record's own app-tag (a module's error-app-tag) wins over the defaults.
 */
const MAPPINGS: Mapping[] = [
  { pattern: /^Must condition .* not satisfied/i, type: 'application', tag: 'operation-failed', appTag: 'must-violation' },
  { pattern: /^When condition .* not satisfied/i, type: 'application', tag: 'unknown-element' },
  { pattern: /^Unique data leaf\(s\)/i, type: 'application', tag: 'operation-failed', appTag: 'data-not-unique' },
  { pattern: /^Too many /i, type: 'application', tag: 'operation-failed', appTag: 'too-many-elements' },
  { pattern: /^Too few /i, type: 'application', tag: 'operation-failed', appTag: 'too-few-elements' },
  { pattern: /^Invalid leafref value|leafref/i, type: 'application', tag: 'data-missing', appTag: 'instance-required' },
  { pattern: /^Mandatory (node|choice)/i, type: 'application', tag: 'data-missing' },
  { pattern: /^Duplicate instance/i, type: 'application', tag: 'data-exists' },
  { pattern: /^Unsatisfied (range|length)/i, type: 'protocol', tag: 'invalid-value', appTag: 'not-in-range' },
  { pattern: /^Unsatisfied pattern/i, type: 'protocol', tag: 'invalid-value', appTag: 'pattern-mismatch' },
  { pattern: /^Invalid /i, type: 'protocol', tag: 'invalid-value' },
  { pattern: /^Node .* not found|^Not found node|unknown/i, type: 'protocol', tag: 'unknown-element' },
];

export function yangRecordToRpcError(record: YangErrorRecord, fallbackPath?: string): RpcError {
  const mapping = MAPPINGS.find((m) => m.pattern.test(record.message));
  const type = mapping?.type ?? 'application';
  const tag = mapping?.tag ?? 'operation-failed';
  const extra: { path?: string; appTag?: string } = {};
  const path = record.dataPath ?? fallbackPath;
  if (path) extra.path = path;
  const appTag = record.appTag ?? mapping?.appTag;
  if (appTag) extra.appTag = appTag;
  return new RpcError(type, tag, record.message, extra);
}

/** Every error record of a YangError as rpc-errors (at least one). */
export function yangErrorToRpc(err: YangError, fallbackPath?: string): RpcError[] {
  const records = err.records.filter((r) => r.level === 'error');
  if (records.length === 0) {
    const extra = fallbackPath ? { path: fallbackPath } : {};
    return [new RpcError('application', 'operation-failed', err.message, extra)];
  }
  return records.map((r) => yangRecordToRpcError(r, fallbackPath));
}
