import { describe, expect, it } from 'vitest';
import { Capabilities, hasCapability, parseCapabilities, parseModuleCapability } from '../src/index';

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
