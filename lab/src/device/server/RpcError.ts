import { escapeXml } from '@milli/netconf-client';
import { clipForReply } from './clipForReply';
import { qualifyPath } from '../datastore/qualifyPath';

export type RpcErrorType = 'transport' | 'rpc' | 'protocol' | 'application';
/** RFC 6241 appendix A error tags. */
export type RpcErrorTag =
  | 'in-use'
  | 'invalid-value'
  | 'too-big'
  | 'missing-attribute'
  | 'bad-attribute'
  | 'unknown-attribute'
  | 'missing-element'
  | 'bad-element'
  | 'unknown-element'
  | 'unknown-namespace'
  | 'access-denied'
  | 'lock-denied'
  | 'resource-denied'
  | 'rollback-failed'
  | 'data-exists'
  | 'data-missing'
  | 'operation-not-supported'
  | 'operation-failed'
  | 'malformed-message';

export interface RpcErrorInfo {
  sessionId?: number;
  badElement?: string;
  badAttribute?: string;
  badNamespace?: string;
  /** Extra `<error-info>` children, already XML. */
  xml?: string;
}

/**
 * One `<rpc-error>` the device answers with. Thrown inside RPC handlers and turned into the reply by the session;
 * the fields map one to one onto RFC 6241 section 4.3.
 */
export class RpcError extends Error {
  constructor(
    readonly type: RpcErrorType,
    readonly tag: RpcErrorTag,
    message: string,
    readonly extra: {
      path?: string;
      /** Prefix → namespace for the prefixes in `path`, declared on the error-path element. */
      pathNamespaces?: Record<string, string>;
      appTag?: string;
      info?: RpcErrorInfo;
      severity?: 'error' | 'warning';
    } = {},
  ) {
    // Clipped once here, so the reply and any log line carry at most a short prefix of a client's bad value.
    super(clipForReply(message));
    this.name = 'RpcError';
  }

  /** The `<rpc-error>` element, in the base namespace the enclosing rpc-reply declares. */
  toXml(): string {
    const parts = [
      '<rpc-error>',
      `<error-type>${this.type}</error-type>`,
      `<error-tag>${this.tag}</error-tag>`,
      `<error-severity>${this.extra.severity ?? 'error'}</error-severity>`,
    ];
    if (this.extra.appTag) parts.push(`<error-app-tag>${escapeXml(this.extra.appTag)}</error-app-tag>`);
    if (this.extra.path) {
      const xmlns = Object.entries(this.extra.pathNamespaces ?? {})
        .map(([prefix, ns]) => ` xmlns:${prefix}="${escapeXml(ns)}"`)
        .join('');
      parts.push(`<error-path${xmlns}>${escapeXml(clipForReply(this.extra.path))}</error-path>`);
    }
    parts.push(`<error-message xml:lang="en">${escapeXml(this.message)}</error-message>`);
    const info = this.extra.info;
    if (info) {
      parts.push('<error-info>');
      if (info.sessionId !== undefined) parts.push(`<session-id>${info.sessionId}</session-id>`);
      if (info.badElement) parts.push(`<bad-element>${escapeXml(clipForReply(info.badElement))}</bad-element>`);
      if (info.badAttribute) parts.push(`<bad-attribute>${escapeXml(clipForReply(info.badAttribute))}</bad-attribute>`);
      if (info.badNamespace) parts.push(`<bad-namespace>${escapeXml(info.badNamespace)}</bad-namespace>`);
      if (info.xml) parts.push(info.xml);
      parts.push('</error-info>');
    }
    parts.push('</rpc-error>');
    return parts.join('');
  }
}

/**
 * The same errors with every error-path in XML form (RFC 6241 section 4.3: an XPath whose prefixes are declared):
 * each node name prefixed by its module's name, declared on the element. Anything else is returned as it is.
 */
export function withXmlErrorPaths(err: unknown, namespaceOf: (module: string) => string | undefined): unknown {
  const one = (e: RpcError): RpcError => {
    if (e.extra.path === undefined || e.extra.pathNamespaces !== undefined) return e;
    const { path, modules } = qualifyPath(e.extra.path);
    const pathNamespaces: Record<string, string> = {};
    for (const m of modules) {
      const ns = namespaceOf(m);
      if (ns !== undefined) pathNamespaces[m] = ns;
    }
    return new RpcError(e.type, e.tag, e.message, { ...e.extra, path, pathNamespaces });
  };
  if (err instanceof RpcError) return one(err);
  if (Array.isArray(err) && err.every((e) => e instanceof RpcError)) return err.map(one);
  return err;
}

/** Shorthands for the errors the device raises most. */
export const rpcErrors = {
  missingElement: (rpc: string, element: string) =>
    new RpcError('protocol', 'missing-element', `<${rpc}> needs a <${element}> element`, { info: { badElement: element } }),
  badElement: (element: string, message: string) => new RpcError('protocol', 'bad-element', message, { info: { badElement: element } }),
  invalidValue: (message: string, path?: string) => new RpcError('protocol', 'invalid-value', message, path ? { path } : {}),
  notSupported: (what: string) => new RpcError('protocol', 'operation-not-supported', `${what} is not supported by this device`),
  inUse: (datastore: string, holder: number) =>
    new RpcError('protocol', 'in-use', `the ${datastore} datastore is locked by session ${holder}`, { info: { sessionId: holder } }),
  failed: (message: string, type: RpcErrorType = 'application') => new RpcError(type, 'operation-failed', message),
};
