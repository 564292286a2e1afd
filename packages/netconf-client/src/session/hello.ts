import { NetconfError } from '../errors/NetconfError';
import { escapeXml } from '../xml/escapeXml';
import { NETCONF_BASE_NS } from '../xml/namespaces';
import { childElement, childElements, type XmlElement } from '../xml/XmlElement';
import { Capabilities, type CapabilitySet, hasCapability, parseCapabilities } from './capabilities';
import type { Framing } from './Framing';

export interface Hello {
  capabilities: CapabilitySet;
  /** Present in a server's hello; absent in a client's. */
  sessionId?: number;
}

/** The hello message (RFC 6241 section 8.1). A server passes its session-id; a client must not. */
export function buildHello(capabilities: string[], sessionId?: number): string {
  const caps = capabilities.map((c) => `<capability>${escapeXml(c)}</capability>`).join('');
  const session = sessionId === undefined ? '' : `<session-id>${sessionId}</session-id>`;
  return `<?xml version="1.0" encoding="UTF-8"?><hello xmlns="${NETCONF_BASE_NS}"><capabilities>${caps}</capabilities>${session}</hello>`;
}

/** Read a peer's hello. Throws NETCONF_HELLO when the message is not a hello or lacks capabilities. */
export function parseHello(root: XmlElement): Hello {
  if (root.local !== 'hello' || root.ns !== NETCONF_BASE_NS) {
    throw new NetconfError('NETCONF_HELLO', `expected a hello message, got <${root.name}>`, {});
  }
  const caps = childElement(root, 'capabilities', NETCONF_BASE_NS);
  if (!caps) throw new NetconfError('NETCONF_HELLO', 'hello has no capabilities element', {});
  const capabilities = parseCapabilities(childElements(caps, 'capability', NETCONF_BASE_NS).map((c) => c.text));
  if (capabilities.uris.length === 0) throw new NetconfError('NETCONF_HELLO', 'hello lists no capability', {});
  const hello: Hello = { capabilities };
  const sid = childElement(root, 'session-id', NETCONF_BASE_NS);
  if (sid) {
    const value = Number(sid.text.trim());
    if (!Number.isInteger(value) || value < 1 || value > 4294967295) {
      throw new NetconfError('NETCONF_HELLO', `hello has an invalid session-id '${sid.text.trim()}'`, {});
    }
    hello.sessionId = value;
  }
  return hello;
}

/** The framing both sides must use after hello: chunked when both say base:1.1 (RFC 6242 section 4.1). */
export function negotiateFraming(ours: CapabilitySet, theirs: CapabilitySet): Framing {
  const both = (cap: string) => hasCapability(ours, cap) && hasCapability(theirs, cap);
  if (both(Capabilities.base11)) return 'chunked';
  if (both(Capabilities.base10)) return 'eom';
  throw new NetconfError('NETCONF_HELLO', 'no common NETCONF base version (base:1.0 or base:1.1) with the peer', {
    ours: ours.uris.filter((u) => u.includes(':base:')),
    theirs: theirs.uris.filter((u) => u.includes(':base:')),
  });
}
