import type { XmlElement } from '../xml/XmlElement';

/**
 * One rpc-error of RFC 6241 section 4.3, as data. `info` is a map of error-info leaf names to their text when
 * every child is a simple leaf (bad-element, session-id, bad-value...), else the raw error-info children.
 */
export interface RpcError {
  type: string;
  tag: string;
  severity: string;
  appTag?: string;
  path?: string;
  message?: string;
  /** The xml:lang of error-message, when given. */
  lang?: string;
  info: Record<string, string> | XmlElement[];
}
