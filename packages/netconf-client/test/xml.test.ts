import { describe, expect, it } from 'vitest';
import { childElement, escapeXml, NETCONF_BASE_NS, NetconfError, parseXml, serializeXml } from '../src/index';

function xmlError(text: string, options?: { maxBytes?: number }): NetconfError {
  try {
    parseXml(text, options);
  } catch (err) {
    if (err instanceof NetconfError) return err;
    throw err;
  }
  throw new Error('expected parseXml to throw');
}

describe('parseXml', () => {
  it('resolves namespaces, prefixes, attributes and text', () => {
    const root = parseXml(
      '<?xml version="1.0"?><nc:rpc-reply xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="7"><nc:data><x xmlns="urn:x" a="1">v &amp; w</x></nc:data></nc:rpc-reply>',
    );
    expect(root).toMatchObject({ name: 'nc:rpc-reply', local: 'rpc-reply', ns: NETCONF_BASE_NS, prefix: 'nc' });
    expect(root.attributes.find((a) => a.local === 'message-id')?.value).toBe('7');
    const x = childElement(childElement(root, 'data')!, 'x')!;
    expect(x).toMatchObject({ local: 'x', ns: 'urn:x', text: 'v & w' });
    expect(x.prefix).toBeUndefined();
  });

  it('drops indentation between child elements but keeps leaf text verbatim', () => {
    const root = parseXml('<a>\n  <b> spaced </b>\n</a>');
    expect(root.text).toBe('');
    expect(root.children[0]?.text).toBe(' spaced ');
  });

  it('refuses a DOCTYPE (no DTD, no entity declarations)', () => {
    const err = xmlError('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>');
    expect(err.code).toBe('NETCONF_XML');
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('refuses billion laughs without expanding anything', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']><lolz>&lol9;</lolz>',
    ].join('\n');
    const err = xmlError(lol);
    expect(err.code).toBe('NETCONF_XML');
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('refuses an undefined entity reference', () => {
    expect(xmlError('<a>&ext;</a>').code).toBe('NETCONF_XML');
  });

  it('refuses an external entity via SYSTEM doctype', () => {
    expect(xmlError('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>').code).toBe('NETCONF_XML');
  });

  it('refuses deep nesting', () => {
    const depth = 100_000;
    const err = xmlError('<a>'.repeat(depth) + '</a>'.repeat(depth));
    expect(err.code).toBe('NETCONF_XML');
    expect(err.message).toMatch(/deeper/);
  });

  it('refuses oversized input by UTF-8 bytes', () => {
    const text = `<a>${'é'.repeat(60)}</a>`; // 127 bytes, 67 UTF-16 units
    expect(() => parseXml(text, { maxBytes: 127 })).not.toThrow();
    expect(xmlError(text, { maxBytes: 100 }).message).toMatch(/larger than/);
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['an unbound prefix', '<p:a/>'],
    ['two roots', '<a/><b/>'],
    ['no root', '   '],
    ['garbage', 'not xml at all'],
    ['text after the root', '<a/>junk'],
  ])('gives NETCONF_XML for %s', (_what, text) => {
    expect(xmlError(text).code).toBe('NETCONF_XML');
  });
});

describe('serializeXml', () => {
  it('round-trips a document with declarations, prefixes and escaped text', () => {
    const text =
      '<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><edit-config><config><t:x xmlns:t="urn:t" xmlns:id="urn:id" t:op="a&amp;b">id:gold &lt;1&gt;</t:x></config></edit-config></rpc>';
    expect(parseXml(serializeXml(parseXml(text)))).toEqual(parseXml(text));
  });

  it('declares namespaces a detached subtree needs', () => {
    const root = parseXml('<a xmlns="urn:a" xmlns:p="urn:p"><p:b p:c="1"><d/></p:b></a>');
    const detached = root.children[0]!;
    const reparsed = parseXml(serializeXml(detached));
    expect(reparsed).toMatchObject({ local: 'b', ns: 'urn:p' });
    expect(reparsed.attributes.find((a) => a.local === 'c')).toMatchObject({ ns: 'urn:p', value: '1' });
    expect(reparsed.children[0]).toMatchObject({ local: 'd', ns: 'urn:a' });
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x" b='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; b=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
  });
});
