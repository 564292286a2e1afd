import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childElement, escapeXml, NETCONF_BASE_NS, NetconfError, parseXml, serializeXml, XMLNS_NS, type XmlElement } from '../../src/index';

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

describe('parseXml details', () => {
  it('decodes the predefined entities and character references, and reads CDATA verbatim', () => {
    const root = parseXml(`<a t='&lt;&#65;&#x42;&quot;'>x &amp;&gt; &#x1F680;<![CDATA[<raw & stuff>]]></a>`);
    expect(root.text).toBe('x &> 🚀<raw & stuff>');
    expect(root.attributes[0]?.value).toBe('<AB"');
  });

  it('skips comments, processing instructions, a BOM and the XML declaration', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?><!-- c --><?pi x?><a><!-- in --><?p?>t</a><!-- after -->');
    expect(root).toMatchObject({ local: 'a', text: 't', children: [] });
  });

  it('normalises literal newlines in attribute values but keeps character references', () => {
    expect(parseXml('<a v="x\ny&#10;z"/>').attributes[0]?.value).toBe('x y\nz');
  });

  it.each([
    ['a control character', '<a>\u0001</a>'],
    ['an XML declaration not at the start', '<a/><?xml version="1.0"?>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a bad character reference', '<a>&#0;</a>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['< in an attribute', '<a x="<"/>'],
    ['an unterminated comment', '<a><!-- </a>'],
    ['a truncated document', '<a><b>text'],
    ['an unbound attribute prefix', '<a q:x="1"/>'],
  ])('refuses %s', (_what, text) => {
    expect(xmlError(text).code).toBe('NETCONF_XML');
  });

  it('names line and column of the fault', () => {
    const err = xmlError('<a>\n  <b>\n  </c>\n</a>');
    expect(err.context).toMatchObject({ line: 3 });
    expect(err.message).toMatch(/line 3, column \d+: closing tag <\/c> does not match <b>/);
  });
});

describe('serializeXml and parseXml round trip (property)', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
  const text = fc
    .string({ maxLength: 20 })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the characters XML cannot carry.
    .map((t) => t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]/g, '').replace(/[\uD800-\uDFFF]/g, ''));
  const treeAt = (depth: number): fc.Arbitrary<XmlElement> =>
    fc
      .record({
        local: name,
        ns: fc.constantFrom('', 'urn:a', 'urn:b'),
        prefix: fc.constantFrom(undefined, 'p', 'q'),
        text,
        attrs: fc.uniqueArray(fc.record({ local: name, value: text.map((v) => v.replace(/[\t\n]/g, ' ')) }), {
          maxLength: 3,
          selector: (a) => a.local,
        }),
        children: depth > 0 ? fc.array(treeAt(depth - 1), { maxLength: 3 }) : fc.constant<XmlElement[]>([]),
      })
      .map(({ local, ns, prefix, text, attrs, children }) => {
        const usePrefix = ns !== '' && prefix !== undefined;
        const el: XmlElement = {
          name: usePrefix ? `${prefix}:${local}` : local,
          local,
          ns,
          attributes: attrs.map((a) => ({ name: a.local, local: a.local, ns: '', value: a.value })),
          children,
          text: children.length > 0 && text.trim() === '' ? '' : text,
        };
        if (usePrefix) el.prefix = prefix;
        return el;
      });
  const tree = treeAt(3);

  it('parse(serialize(tree)) keeps names, namespaces, attributes and text', () => {
    const strip = (el: XmlElement): unknown => ({
      local: el.local,
      ns: el.ns,
      attributes: el.attributes.filter((a) => a.ns !== XMLNS_NS).map((a) => [a.local, a.ns, a.value]),
      text: el.text,
      children: el.children.map(strip),
    });
    fc.assert(
      fc.property(tree, (t) => {
        expect(strip(parseXml(serializeXml(t)))).toEqual(strip(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('element limit', () => {
  it('refuses a document with more elements than maxElements as NETCONF_MESSAGE_TOO_LARGE, and accepts one at the limit', () => {
    const doc = (n: number) => `<r>${'<a/>'.repeat(n - 1)}</r>`;
    expect(parseXml(doc(1000), { maxElements: 1000 }).children).toHaveLength(999);
    try {
      parseXml(doc(1001), { maxElements: 1000 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(NetconfError);
      expect((err as NetconfError).code).toBe('NETCONF_MESSAGE_TOO_LARGE');
      expect((err as NetconfError).context).toMatchObject({ maxElements: 1000 });
    }
  });
});
