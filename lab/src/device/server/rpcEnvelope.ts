import { escapeXml, type XmlElement, XMLNS_NS } from '@milli/netconf-client';
import { RpcError } from './RpcError';

// The envelope of a device's reply to one <rpc>: which attributes it echoes and how failures become rpc-errors.

/** The message-id of a request too big to parse, read from its opening tag only, so the reply can still be matched. */
export function messageIdOf(message: string): string {
  const openTag = message.slice(0, 2048);
  const id = /<(?:[A-Za-z_][\w.-]*:)?rpc\b[^>]*?\smessage-id\s*=\s*("([^"<&]{1,128})"|'([^'<&]{1,128})')/.exec(openTag);
  const value = id?.[2] ?? id?.[3];
  return value === undefined ? '' : ` message-id="${escapeXml(value)}"`;
}

/** RFC 6241 section 4.2: the rpc-reply carries every attribute of the rpc, message-id first among them. */
export function echoAttributes(rpc: XmlElement): string {
  const out: string[] = [];
  for (const a of rpc.attributes) {
    if (a.ns === XMLNS_NS) {
      // Keep prefix declarations (other attributes and the body may use them) but not a default namespace.
      if (a.name !== 'xmlns') out.push(` ${a.name}="${escapeXml(a.value)}"`);
      continue;
    }
    out.push(` ${a.name}="${escapeXml(a.value)}"`);
  }
  return out.join('');
}

export function toRpcErrors(err: unknown): RpcError[] {
  if (err instanceof RpcError) return [err];
  if (Array.isArray(err) && err.every((e) => e instanceof RpcError)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return [new RpcError('application', 'operation-failed', message)];
}
