import type { RpcError } from '../client/RpcError';
import type { NetconfErrorContext } from '../errors/NetconfError';
import { parseRpcErrors } from '../client/parseRpcErrors';
import { NETCONF_BASE_NS } from '../xml/namespaces';
import { serializeXml } from '../xml/serializeXml';
import { attributeValue, childElement, type XmlElement } from '../xml/XmlElement';

/**
 * An rpc-reply as data: whether it said ok, the data it carried, every rpc-error. Throwing is the caller's
 * choice (see throwIfRpcError). `dataXml` is printed lazily: large replies cost nothing until asked.
 */
export class RpcReply {
  readonly messageId: string;
  readonly ok: boolean;
  readonly errors: RpcError[];
  /** The `<data>` element, when the reply carried one. */
  readonly data: XmlElement | undefined;
  private printed: string | undefined;

  constructor(
    /** The operation name we sent (get-config, commit...). */
    readonly rpc: string,
    /** The whole reply as received. */
    readonly xml: string,
    readonly root: XmlElement,
    /** Where the reply came from: host, port, session-id, message-id, rpc. */
    readonly context: NetconfErrorContext = {},
  ) {
    this.messageId = attributeValue(root, 'message-id') ?? '';
    this.ok = childElement(root, 'ok', NETCONF_BASE_NS) !== undefined;
    this.errors = parseRpcErrors(root);
    this.data = childElement(root, 'data');
  }

  /** Errors of severity error (warnings excluded). */
  get failed(): boolean {
    return this.errors.some((e) => e.severity !== 'warning');
  }

  /** The content of `<data>` as self-contained XML (each top element declares its namespaces); '' when none. */
  get dataXml(): string {
    if (this.printed === undefined) {
      const data = this.data;
      this.printed = data === undefined ? '' : data.children.length === 0 ? data.text : data.children.map(serializeXml).join('');
    }
    return this.printed;
  }

  toJSON(): { rpc: string; messageId: string; ok: boolean; errors: RpcError[]; data?: string } {
    const out: { rpc: string; messageId: string; ok: boolean; errors: RpcError[]; data?: string } = {
      rpc: this.rpc,
      messageId: this.messageId,
      ok: this.ok,
      errors: this.errors,
    };
    if (this.data !== undefined) out.data = this.dataXml;
    return out;
  }
}
