import { NETCONF_BASE_NS } from '../xml/namespaces';
import { attributeValue, childElement, childElements, type XmlElement } from '../xml/XmlElement';
import type { RpcError } from './RpcError';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Every rpc-error in an rpc-reply (or an rpc-error element itself), in document order. */
export function parseRpcErrors(reply: XmlElement): RpcError[] {
  const errors = reply.local === 'rpc-error' ? [reply] : childElements(reply, 'rpc-error', NETCONF_BASE_NS);
  return errors.map(parseOne);
}

function parseOne(el: XmlElement): RpcError {
  const text = (local: string) => childElement(el, local, NETCONF_BASE_NS)?.text.trim();
  const error: RpcError = {
    type: text('error-type') ?? '',
    tag: text('error-tag') ?? '',
    severity: text('error-severity') ?? 'error',
    info: parseInfo(childElement(el, 'error-info', NETCONF_BASE_NS)),
  };
  const appTag = text('error-app-tag');
  if (appTag) error.appTag = appTag;
  const path = text('error-path');
  if (path) error.path = path;
  const messageEl = childElement(el, 'error-message', NETCONF_BASE_NS);
  if (messageEl) {
    error.message = messageEl.text.trim();
    const lang = attributeValue(messageEl, 'lang', XML_NS);
    if (lang) error.lang = lang;
  }
  return error;
}

function parseInfo(info: XmlElement | undefined): Record<string, string> | XmlElement[] {
  if (!info) return {};
  const simple = info.children.every((c) => c.children.length === 0);
  const names = new Set(info.children.map((c) => c.local));
  if (!simple || names.size !== info.children.length) return info.children;
  const out: Record<string, string> = {};
  for (const c of info.children) out[c.local] = c.text.trim();
  return out;
}
