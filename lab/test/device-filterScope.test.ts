import { parseXml } from '@milli/netconf-client';
import { describe, expect, it } from 'vitest';
import { filterScope } from '../src/device/datastore/filterScope';

const OSU = 'urn:milli:yang:milli-osu';
const modules = {
  moduleOf: (ns: string) => (ns === OSU ? 'milli-osu' : undefined),
  namespaceOf: (m: string) => (m === 'milli-osu' ? OSU : undefined),
};
const connections = Array.from({ length: 40 }, (_, i) => ({ name: `c-${i}`, vlan: i + 1, odu: `odu-${i % 4}` }));
const config = { 'milli-osu:osu': { connections: { connection: connections } } };
const LIST = '/milli-osu:osu/connections/connection';
const filterNaming = (entries: string) => parseXml(`<filter><osu xmlns="${OSU}"><connections>${entries}</connections></osu></filter>`);
const byName = (names: string[]) => names.map((n) => `<connection><name>${n}</name></connection>`).join('');

describe('filterScope on a filter naming many entries of a long list (a round read back)', () => {
  it('names every entry the filter cannot select by its keys, so the device removes each by a hashed lookup', () => {
    const named = Array.from({ length: 20 }, (_, i) => `c-${i * 2}`);
    const scope = filterScope(filterNaming(byName(named)), modules)!;
    const { nodes, entries } = scope.unreachable(config, (list) => (list === LIST ? ['name'] : undefined));
    expect(entries).toEqual([]);
    expect(nodes).toHaveLength(20);
    expect(nodes).toContain(`${LIST}[name='c-1']`);
    expect(nodes).not.toContain(`${LIST}[name='c-0']`);
  });

  it('keeps an entry a non-key content match may select, and falls back to one XPath when the keys are unknown', () => {
    const filter = filterNaming(
      `${byName(Array.from({ length: 16 }, (_, i) => `c-${i}`))}<connection><vlan>40</vlan><odu>odu-3</odu></connection>`,
    );
    const scope = filterScope(filter, modules)!;
    const { nodes } = scope.unreachable(config, () => ['name']);
    // c-39 has vlan 40 and odu-3: the last element selects it.
    expect(nodes).not.toContain(`${LIST}[name='c-39']`);
    expect(nodes).toContain(`${LIST}[name='c-38']`);
    expect(nodes).toHaveLength(40 - 17);
    const unknown = scope.unreachable(config, () => undefined);
    expect(unknown.nodes).toEqual([]);
    expect(unknown.entries).toHaveLength(1);
    expect(unknown.entries[0]).toContain("(vlan='40' and odu='odu-3')");
  });

  it('reaches a named entry and not another one, among hundreds of named entries', () => {
    const scope = filterScope(filterNaming(byName(Array.from({ length: 300 }, (_, i) => `c-${i}`))), modules)!;
    expect(scope.reaches(`${LIST}[name='c-250']/oper-status`)).toBe(true);
    expect(scope.reaches(`${LIST}[name='other']/oper-status`)).toBe(false);
  });
});
