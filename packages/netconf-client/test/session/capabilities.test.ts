import { describe, expect, it } from 'vitest';
import { Capabilities, hasCapability, parseCapabilities, parseModuleCapability, parseXml, parseYangLibrary } from '../../src/index';

describe('capabilities', () => {
  it('parses module, revision, features and deviations from a capability URI', () => {
    expect(
      parseModuleCapability('urn:example:roadm?module=milli-roadm&amp;revision=2026-01-01&amp;features=flexgrid,otdr&amp;deviations=dev-a'),
    ).toEqual({
      name: 'milli-roadm',
      namespace: 'urn:example:roadm',
      revision: '2026-01-01',
      features: ['flexgrid', 'otdr'],
      deviations: ['dev-a'],
    });
    expect(parseModuleCapability('http://x/y?module=y')).toEqual({ name: 'y', namespace: 'http://x/y', features: [], deviations: [] });
  });

  it('does not take a non-module capability for a module', () => {
    expect(parseModuleCapability(Capabilities.candidate)).toBeUndefined();
    expect(parseModuleCapability('urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit')).toBeUndefined();
  });

  it('matches capabilities ignoring query parameters and whitespace', () => {
    const set = parseCapabilities([
      ` ${Capabilities.base11}\n`,
      'urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit',
      'urn:ietf:params:xml:ns:yang:ietf-interfaces?module=ietf-interfaces&revision=2014-05-08',
    ]);
    expect(hasCapability(set, Capabilities.base11)).toBe(true);
    expect(hasCapability(set, Capabilities.withDefaults)).toBe(true);
    expect(hasCapability(set, Capabilities.candidate)).toBe(false);
    expect(set.modules.map((m) => `${m.name}@${m.revision}`)).toEqual(['ietf-interfaces@2014-05-08']);
  });
});

describe('yang-library', () => {
  const NS = 'urn:ietf:params:xml:ns:yang:ietf-yang-library';
  it('reads RFC 8525 module sets (import-only modules left out)', () => {
    const data = parseXml(
      `<data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><yang-library xmlns="${NS}"><module-set><name>all</name>` +
        '<module><name>milli-roadm</name><revision>2026-11-26</revision><namespace>urn:milli:yang:milli-roadm</namespace><feature>flexgrid</feature><deviation>milli-dev</deviation></module>' +
        '<import-only-module><name>ietf-inet-types</name><revision>2013-07-15</revision><namespace>urn:x</namespace></import-only-module>' +
        '</module-set></yang-library></data>',
    );
    expect(parseYangLibrary(data)).toEqual([
      {
        name: 'milli-roadm',
        revision: '2026-11-26',
        namespace: 'urn:milli:yang:milli-roadm',
        features: ['flexgrid'],
        deviations: ['milli-dev'],
      },
    ]);
  });

  it('reads RFC 7895 modules-state, implemented modules only', () => {
    const data = parseXml(
      `<data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><modules-state xmlns="${NS}"><module-set-id>1</module-set-id>` +
        '<module><name>a</name><revision>2020-01-01</revision><namespace>urn:a</namespace><conformance-type>implement</conformance-type><deviation><name>a-dev</name><revision>2020-02-02</revision></deviation></module>' +
        '<module><name>b</name><revision></revision><namespace>urn:b</namespace><conformance-type>import</conformance-type></module>' +
        '</modules-state></data>',
    );
    expect(parseYangLibrary(data)).toEqual([
      { name: 'a', revision: '2020-01-01', namespace: 'urn:a', features: [], deviations: ['a-dev'] },
    ]);
  });
});
