import { MilliError } from '@milli/core';
import { escapeXml } from '../xml/escapeXml';
import { NETCONF_BASE_NS, NETCONF_MONITORING_NS, NETCONF_NOTIFICATION_NS } from '../xml/namespaces';
import { parseXml } from '../xml/parseXml';
import type { CommitOptions, ConfigSource, ConfigTarget, EditConfigOptions, Filter, SubscriptionOptions } from './operationTypes';

// Pure builders of the XML inside <rpc>. The session binds the default namespace and the prefix `nc` to base:1.0.

const DATASTORES = new Set(['running', 'candidate', 'startup']);

function datastore(where: ConfigTarget | ConfigSource, rpc: string): string {
  if (typeof where === 'string') {
    if (!DATASTORES.has(where)) throw invalid(`${rpc}: unknown datastore '${where}' (running, candidate or startup)`, rpc);
    return `<${where}/>`;
  }
  if ('url' in where) return `<url>${escapeXml(where.url)}</url>`;
  return `<config>${checkedXml(where.config, rpc, 'config')}</config>`;
}

function invalid(message: string, rpc: string): MilliError {
  return new MilliError('INVALID_ARGUMENT', message, { rpc });
}

/** Refuse caller XML that is not well-formed before it reaches the device (nc: is bound as the session binds it). */
function checkedXml(content: string, rpc: string, what: string): string {
  try {
    parseXml(`<wrap xmlns="${NETCONF_BASE_NS}" xmlns:nc="${NETCONF_BASE_NS}">${content}</wrap>`);
  } catch (err) {
    throw new MilliError('INVALID_ARGUMENT', `${rpc}: ${what} is not well-formed XML: ${(err as Error).message}`, { rpc }, { cause: err });
  }
  return content;
}

export function buildFilter(filter: Filter | undefined, rpc: string): string {
  if (!filter) return '';
  if (filter.type === 'subtree') return `<filter type="subtree">${checkedXml(filter.content, rpc, 'subtree filter')}</filter>`;
  const decls = Object.entries(filter.namespaces ?? {})
    .map(([prefix, uri]) => {
      if (!/^[A-Za-z_][\w.-]*$/.test(prefix) || prefix.toLowerCase().startsWith('xml'))
        throw invalid(`${rpc}: bad namespace prefix '${prefix}'`, rpc);
      return ` xmlns:${prefix}="${escapeXml(uri)}"`;
    })
    .join('');
  return `<filter type="xpath"${decls} select="${escapeXml(filter.select)}"/>`;
}

export function buildGet(filter?: Filter): string {
  return `<get>${buildFilter(filter, 'get')}</get>`;
}

export function buildGetConfig(source: ConfigTarget, filter?: Filter): string {
  return `<get-config><source>${datastore(source, 'get-config')}</source>${buildFilter(filter, 'get-config')}</get-config>`;
}

export function buildEditConfig(options: EditConfigOptions): string {
  const parts = [`<target>${datastore(options.target, 'edit-config')}</target>`];
  if (options.defaultOperation) parts.push(`<default-operation>${escapeXml(options.defaultOperation)}</default-operation>`);
  if (options.testOption) parts.push(`<test-option>${escapeXml(options.testOption)}</test-option>`);
  if (options.errorOption) parts.push(`<error-option>${escapeXml(options.errorOption)}</error-option>`);
  parts.push(`<config>${checkedXml(options.config, 'edit-config', 'config')}</config>`);
  return `<edit-config>${parts.join('')}</edit-config>`;
}

export function buildCopyConfig(target: ConfigTarget, source: ConfigSource): string {
  return `<copy-config><target>${datastore(target, 'copy-config')}</target><source>${datastore(source, 'copy-config')}</source></copy-config>`;
}

export function buildDeleteConfig(target: ConfigTarget): string {
  return `<delete-config><target>${datastore(target, 'delete-config')}</target></delete-config>`;
}

export function buildLock(target: ConfigTarget, unlock = false): string {
  const op = unlock ? 'unlock' : 'lock';
  return `<${op}><target>${datastore(target, op)}</target></${op}>`;
}

export function buildValidate(source: ConfigSource): string {
  return `<validate><source>${datastore(source, 'validate')}</source></validate>`;
}

export function buildCommit(options: CommitOptions = {}): string {
  const parts: string[] = [];
  if (options.confirmed) parts.push('<confirmed/>');
  if (options.confirmTimeout !== undefined) {
    if (!options.confirmed) throw invalid('commit: confirmTimeout needs confirmed', 'commit');
    if (!Number.isInteger(options.confirmTimeout) || options.confirmTimeout < 1 || options.confirmTimeout > 4294967295) {
      throw invalid(`commit: confirmTimeout must be a whole number of seconds from 1, got ${options.confirmTimeout}`, 'commit');
    }
    parts.push(`<confirm-timeout>${options.confirmTimeout}</confirm-timeout>`);
  }
  if (options.persist !== undefined) {
    if (!options.confirmed) throw invalid('commit: persist needs confirmed', 'commit');
    parts.push(`<persist>${escapeXml(options.persist)}</persist>`);
  }
  if (options.persistId !== undefined) parts.push(`<persist-id>${escapeXml(options.persistId)}</persist-id>`);
  return parts.length === 0 ? '<commit/>' : `<commit>${parts.join('')}</commit>`;
}

export function buildCancelCommit(persistId?: string): string {
  return persistId === undefined ? '<cancel-commit/>' : `<cancel-commit><persist-id>${escapeXml(persistId)}</persist-id></cancel-commit>`;
}

export function buildDiscardChanges(): string {
  return '<discard-changes/>';
}

export function buildKillSession(sessionId: number): string {
  if (!Number.isInteger(sessionId) || sessionId < 1) throw invalid(`kill-session: bad session-id ${sessionId}`, 'kill-session');
  return `<kill-session><session-id>${sessionId}</session-id></kill-session>`;
}

/** RFC 6022 get-schema; format defaults to yang. */
export function buildGetSchema(identifier: string, version?: string, format = 'yang'): string {
  const v = version === undefined ? '' : `<version>${escapeXml(version)}</version>`;
  return `<get-schema xmlns="${NETCONF_MONITORING_NS}"><identifier>${escapeXml(identifier)}</identifier>${v}<format>${escapeXml(format)}</format></get-schema>`;
}

/** RFC 5277 create-subscription. */
export function buildCreateSubscription(options: SubscriptionOptions = {}): string {
  const parts: string[] = [];
  if (options.stream) parts.push(`<stream>${escapeXml(options.stream)}</stream>`);
  if (options.filter) parts.push(buildFilter(options.filter, 'create-subscription'));
  if (options.startTime) parts.push(`<startTime>${escapeXml(options.startTime)}</startTime>`);
  if (options.stopTime) parts.push(`<stopTime>${escapeXml(options.stopTime)}</stopTime>`);
  return `<create-subscription xmlns="${NETCONF_NOTIFICATION_NS}">${parts.join('')}</create-subscription>`;
}
