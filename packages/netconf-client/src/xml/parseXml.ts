import { SaxesParser, type SaxesTagNS } from 'saxes';
import { NetconfError } from '../errors/NetconfError';
import type { XmlAttribute, XmlElement } from './XmlElement';

export interface ParseXmlOptions {
  /** Refuse documents larger than this many UTF-8 bytes (default 64 MiB). */
  maxBytes?: number;
  /** Refuse element nesting deeper than this (default 512): a guard against stack-hungry consumers. */
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 512;

/**
 * Parse one XML document into an element tree. A device is untrusted input: any DTD is refused outright
 * (so no entity can be declared, and no billion-laughs expansion can happen), undefined entities are errors,
 * and size and depth are capped. Every failure is a NetconfError NETCONF_XML, never an uncaught parser throw.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // A cheap bound first: UTF-8 uses at most 3 bytes per UTF-16 unit, and at least 1.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    throw new NetconfError('NETCONF_XML', `XML document is larger than the limit of ${maxBytes} bytes`, { maxBytes });
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (message: string): never => {
    throw new NetconfError('NETCONF_XML', `malformed XML at line ${parser.line}, column ${parser.column}: ${message}`, {
      line: parser.line,
      column: parser.column,
    });
  };

  parser.on('error', (err) => fail(err.message));
  parser.on('doctype', () => fail('a DOCTYPE is not allowed (DTDs and entity declarations are refused)'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= maxDepth) fail(`elements nest deeper than the limit of ${maxDepth}`);
    if (root !== undefined && stack.length === 0) fail('more than one root element');
    const attributes: XmlAttribute[] = [];
    for (const attr of Object.values(tag.attributes)) {
      attributes.push({ name: attr.name, local: attr.local, ns: attr.uri, value: attr.value });
    }
    const el: XmlElement = { name: tag.name, local: tag.local, ns: tag.uri, attributes, children: [], text: '' };
    if (tag.prefix) el.prefix = tag.prefix;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    // Indentation between child elements is layout, not data.
    if (el && el.children.length > 0 && el.text.trim() === '') el.text = '';
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof NetconfError) throw err;
    throw new NetconfError('NETCONF_XML', `malformed XML: ${(err as Error).message}`, {}, { cause: err });
  }
  if (root === undefined) throw new NetconfError('NETCONF_XML', 'XML document has no root element', {});
  return root;
}
