import { NetconfError } from '../errors/NetconfError';
import { XMLNS_NS, type XmlAttribute, type XmlElement } from './XmlElement';

export interface ParseXmlOptions {
  /** Refuse documents larger than this many UTF-8 bytes (default 64 MiB). */
  maxBytes?: number;
  /** Refuse element nesting deeper than this (default 512): a guard against stack-hungry consumers. */
  maxDepth?: number;
  /**
   * Refuse documents with more elements than this (default 1,000,000): a byte limit alone lets a small document
   * of `<a/>`s become a tree twenty times its size. Fails with NETCONF_MESSAGE_TOO_LARGE as soon as it is passed.
   */
  maxElements?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 512;
const DEFAULT_MAX_ELEMENTS = 1_000_000;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

type Scope = Map<string, string>;
const ROOT_SCOPE: Scope = new Map([
  ['xml', XML_NS],
  ['', ''],
]);

/**
 * Parse one XML document into an element tree, namespaces resolved. Written for NETCONF, where a device is
 * untrusted input: any DOCTYPE is refused (so nothing can be declared and no billion-laughs expansion can
 * happen), only the five predefined entities and character references are known, nesting and size are capped,
 * and every failure is a NetconfError NETCONF_XML naming line and column, never an uncaught throw or a hang.
 * Iterative (no recursion), and single-pass over the string with indexOf scans: large replies parse quickly.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // A cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit, and at least 1.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    throw new NetconfError('NETCONF_XML', `XML document is larger than the limit of ${maxBytes} bytes`, { maxBytes });
  }
  const parser = new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH, options.maxElements ?? DEFAULT_MAX_ELEMENTS);
  // Characters XML forbids anywhere: one native scan of the whole text instead of one per text node.
  const forbidden = text.search(FORBIDDEN);
  if (forbidden >= 0) parser.failAt(forbidden, 'a control character that XML does not allow');
  return parser.document();
}

class Parser {
  private pos = 0;
  // Results of the last startTag, kept in fields rather than a fresh object per element.
  private tagScope: Scope = ROOT_SCOPE;
  private tagSelfClosing = false;
  private elementCount = 0;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
    private readonly maxElements: number,
  ) {}

  document(): XmlElement {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.misc(true);
    if (this.pos >= s.length) this.fail('no root element');
    if (s.charCodeAt(this.pos) !== 0x3c) this.fail('text before the root element');
    const root = this.elements();
    this.misc(false);
    if (this.pos < s.length) this.fail(s.charCodeAt(this.pos) === 0x3c ? 'more than one root element' : 'text after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions outside the root; the XML declaration only first. */
  private misc(prolog: boolean): void {
    const s = this.s;
    for (;;) {
      this.skipSpace();
      if (s.startsWith('<?', this.pos)) this.pi();
      else if (s.startsWith('<!--', this.pos)) this.comment();
      else if (s.startsWith('<!DOCTYPE', this.pos) || s.startsWith('<!doctype', this.pos)) {
        this.fail(prolog ? 'a DOCTYPE is not allowed (DTDs and entity declarations are refused)' : 'a DOCTYPE after the root element');
      } else return;
    }
  }

  private pi(): void {
    const end = this.s.indexOf('?>', this.pos + 2);
    if (end < 0) this.fail('unterminated processing instruction');
    const target = /^<\?([^\s?]+)/.exec(this.s.slice(this.pos, Math.min(end, this.pos + 64)))?.[1] ?? '';
    if (target.toLowerCase() === 'xml' && this.pos > (this.s.charCodeAt(0) === 0xfeff ? 1 : 0)) {
      this.fail('the XML declaration is allowed only at the start');
    }
    this.pos = end + 2;
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment');
    this.pos = end + 3;
  }

  /** The root element and everything in it, with explicit stacks: deep nesting cannot overflow ours. */
  private elements(): XmlElement {
    const s = this.s;
    const open: XmlElement[] = [];
    const scopes: Scope[] = [];
    let root: XmlElement | undefined;
    for (;;) {
      // At '<' here.
      const next = s.charCodeAt(this.pos + 1);
      if (next === 0x2f) {
        // </name>
        const el = open.pop();
        scopes.pop();
        if (!el) this.fail('a closing tag without an opening one');
        this.pos += 2;
        const expected = el.name;
        if (s.startsWith(expected, this.pos) && !isNameChar(s.charCodeAt(this.pos + expected.length))) this.pos += expected.length;
        else this.fail(`closing tag </${this.name()}> does not match <${expected}>`);
        this.skipSpace();
        if (s.charCodeAt(this.pos) !== 0x3e) this.fail(`expected '>' to close </${expected}>`);
        this.pos++;
        if (el.children.length > 0 && el.text !== '' && el.text.trim() === '') el.text = '';
        if (open.length === 0) return el;
      } else if (next === 0x21) {
        if (open.length === 0) this.fail('markup outside the root element');
        if (s.startsWith('<!--', this.pos)) this.comment();
        else if (s.startsWith('<![CDATA[', this.pos)) {
          const end = s.indexOf(']]>', this.pos + 9);
          if (end < 0) this.fail('unterminated CDATA section');
          open[open.length - 1]!.text += s.slice(this.pos + 9, end);
          this.pos = end + 3;
        } else this.fail(s.startsWith('<!DOCTYPE', this.pos) ? 'a DOCTYPE is not allowed' : "unexpected '<!'");
      } else if (next === 0x3f) {
        if (open.length === 0) this.fail('markup outside the root element');
        this.pi();
      } else {
        if (root !== undefined && open.length === 0) this.fail('more than one root element');
        if (open.length >= this.maxDepth) this.fail(`elements nest deeper than the limit of ${this.maxDepth}`);
        if (++this.elementCount > this.maxElements) {
          throw new NetconfError('NETCONF_MESSAGE_TOO_LARGE', `XML document has more than the limit of ${this.maxElements} elements`, {
            maxElements: this.maxElements,
          });
        }
        const parent = open[open.length - 1];
        const el = this.startTag(scopes[scopes.length - 1] ?? ROOT_SCOPE);
        if (parent) parent.children.push(el);
        else root = el;
        if (!this.tagSelfClosing) {
          open.push(el);
          scopes.push(this.tagScope);
        } else if (!parent) return el;
      }
      // Text up to the next markup.
      const lt = s.indexOf('<', this.pos);
      const top = open[open.length - 1];
      if (lt < 0) this.fail(`unexpected end of document inside <${top?.name ?? '?'}>`);
      if (lt > this.pos && top) {
        const text = this.decode(this.pos, lt);
        top.text = top.text === '' ? text : top.text + text;
      }
      this.pos = lt;
    }
  }

  private startTag(parentScope: Scope): XmlElement {
    const s = this.s;
    this.pos++;
    const qname = this.name();
    let raw: { name: string; value: string }[] | undefined;
    let scope = parentScope;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = s.charCodeAt(this.pos);
      if (c === 0x3e || c === 0x2f) break;
      if (this.pos === before) this.fail(`expected whitespace, '>' or '/>' in <${qname}>`);
      const name = this.name();
      this.skipSpace();
      if (s.charCodeAt(this.pos) !== 0x3d) this.fail(`expected '=' after attribute ${name}`);
      this.pos++;
      this.skipSpace();
      const quote = s[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${name} needs a quoted value`);
      const end = s.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail(`unterminated value of attribute ${name}`);
      const lt = s.indexOf('<', this.pos + 1);
      if (lt >= 0 && lt < end) this.fail(`'<' in the value of attribute ${name}`);
      const value = this.decode(this.pos + 1, end, true);
      this.pos = end + 1;
      raw ??= [];
      if (raw.some((a) => a.name === name)) this.fail(`duplicate attribute ${name} in <${qname}>`);
      raw.push({ name, value });
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(name === 'xmlns' ? '' : name.slice(6), value);
      }
    }
    let selfClosing = false;
    if (s.charCodeAt(this.pos) === 0x2f) {
      if (s.charCodeAt(this.pos + 1) !== 0x3e) this.fail(`expected '/>' in <${qname}>`);
      selfClosing = true;
      this.pos += 2;
    } else this.pos++;

    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const ns = scope.get(prefix);
    if (ns === undefined) this.fail(`unbound namespace prefix '${prefix}' in <${qname}>`);
    const attributes: XmlAttribute[] =
      raw === undefined
        ? []
        : raw.map(({ name, value }) => {
            if (name === 'xmlns') return { name, local: 'xmlns', ns: XMLNS_NS, value };
            const c = name.indexOf(':');
            if (c < 0) return { name, local: name, ns: '', value };
            const p = name.slice(0, c);
            if (p === 'xmlns') return { name, local: name.slice(c + 1), ns: XMLNS_NS, value };
            const uri = scope.get(p);
            if (uri === undefined || p === '') this.fail(`unbound namespace prefix '${p}' on attribute ${name}`);
            return { name, local: name.slice(c + 1), ns: uri, value };
          });
    const el: XmlElement = { name: qname, local, ns, attributes, children: [], text: '' };
    if (prefix) el.prefix = prefix;
    this.tagScope = scope;
    this.tagSelfClosing = selfClosing;
    return el;
  }

  /** An XML name with at most one colon, neither first nor last (a QName). */
  private name(): string {
    const s = this.s;
    const start = this.pos;
    if (!isNameStart(s.charCodeAt(start))) this.fail('expected a name');
    let i = start + 1;
    let colon = -1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x3a) {
        if (colon >= 0 || !isNameStart(s.charCodeAt(i + 1))) this.failAt(i, "a misplaced ':' in a name");
        colon = i;
      } else if (!isNameChar(c)) break;
      i++;
    }
    this.pos = i;
    return s.slice(start, i);
  }

  private skipSpace(): void {
    const s = this.s;
    let c = s.charCodeAt(this.pos);
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = s.charCodeAt(++this.pos);
  }

  /**
   * Text between two offsets with entity and character references replaced; unknown entities are errors.
   * In attribute values, literal tabs and newlines read as spaces (XML 1.0 section 3.3.3); references do not.
   * Every scan stays inside the slice: searching the whole document per text node would be quadratic.
   */
  private decode(from: number, to: number, attribute = false): string {
    const raw = this.s.slice(from, to);
    let amp = raw.indexOf('&');
    if (amp < 0) return attribute ? normalise(raw) : raw;
    let out = '';
    let at = 0;
    while (amp >= 0) {
      out += attribute ? normalise(raw.slice(at, amp)) : raw.slice(at, amp);
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.failAt(from + amp, "an '&' that starts no reference");
      const ref = raw.slice(amp + 1, semi);
      if (ref.charCodeAt(0) === 0x23) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        const digits = ref[1] === 'x' ? /^#x[0-9A-Fa-f]+$/ : /^#[0-9]+$/;
        if (!digits.test(ref) || !isXmlChar(code)) this.failAt(from + amp, `invalid character reference &${ref};`);
        out += String.fromCodePoint(code);
      } else {
        const ch = PREDEFINED[ref];
        if (ch === undefined) this.failAt(from + amp, `undefined entity &${ref}; (only the five predefined entities are allowed)`);
        out += ch;
      }
      at = semi + 1;
      amp = raw.indexOf('&', at);
    }
    const rest = raw.slice(at);
    return out + (attribute ? normalise(rest) : rest);
  }

  private fail(message: string): never {
    this.failAt(this.pos, message);
  }

  failAt(offset: number, message: string): never {
    const before = this.s.slice(0, Math.min(offset, this.s.length));
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new NetconfError('NETCONF_XML', `malformed XML at line ${line}, column ${column}: ${message}`, { line, column });
  }
}

function normalise(literal: string): string {
  return literal.replace(/[\t\n\r]/g, ' ');
}

/** ASCII name characters: 1 may start a name, 2 may only continue one (digits, '-', '.'); ':' is neither. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) ASCII_NAME[c] = 1;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) ASCII_NAME[c] = 2;
}

function isNameStart(c: number): boolean {
  if (c < 0x80) return ASCII_NAME[c] === 1;
  return c >= 0xc0 && c <= 0xfffd && c !== 0xd7 && c !== 0xf7;
}

/** Name characters other than ':' (QName parts). */
function isNameChar(c: number): boolean {
  if (c < 0x80) return ASCII_NAME[c] !== 0;
  return c === 0xb7 || (c >= 0xc0 && c <= 0xfffd && c !== 0xd7 && c !== 0xf7);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
