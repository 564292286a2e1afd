import { ChangeSet, type Edit, SHARED_OSU_PATH, addOsuEdit, applyEdits, findEntry, sharedOsuEdits } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { OTN_RUNNING } from '../fixtures';
import { osu, outcome, schema, xmlOf } from './schemaHarness';

// milli-osu's index of shared OSUs: every edit of a cross-connect or a protection group carries its shared-osu entries
// in the same change set; connections carry none, and are checked against the others through it.

const GROUP_PATH = ['milli-osu:osu', 'protection-groups', 'protection-group'];
const XC_PATH = ['milli-osu:osu', 'cross-connects', 'cross-connect'];
const entryAt = (cs: ChangeSet, odu: string, osuId: number) =>
  findEntry(cs.result(), { path: SHARED_OSU_PATH, key: { odu, 'osu-id': osuId } });
const indexOf = (config: unknown) =>
  ((config as { 'milli-osu:osu'?: { 'shared-osus'?: { 'shared-osu'?: unknown[] } } })['milli-osu:osu']?.['shared-osus']?.['shared-osu'] ??
    []) as unknown[];
/** The fixture's cross-connect osux-existing: from odu-existing-a 12 to odu-existing-b 4, both in the index. */
const FIXTURE_ENTRIES = 2;
const fresh = (base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1')) =>
  new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
/** A device holding group 'g' on 'osu-existing' with its leg at odu-existing-b 7. */
function withGroup(): ChangeSet {
  const cs = fresh();
  osu.createOsuProtectionGroup(cs, { name: 'g', connection: 'osu-existing', protection: { odu: 'odu-existing-b', osuId: 7 } });
  return fresh(cs.result());
}

describe('the index of shared OSUs (shared-osus): protection legs', () => {
  it('a protection group is written and deleted with its entry; connections carry none', () => {
    const cs = fresh();
    osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 1 });
    expect(indexOf(cs.result())).toHaveLength(FIXTURE_ENTRIES);
    osu.createOsuProtectionGroup(cs, { name: 'g', connection: 'c', protection: { odu: 'odu-existing-b', osuId: 3 } });
    expect(entryAt(cs, 'odu-existing-b', 3)).toEqual({ odu: 'odu-existing-b', 'osu-id': 3, group: 'g' });
    expect(cs.payload()).toMatch(
      /<shared-osus>\s*<shared-osu [^>]*nc:operation="create">\s*<odu>odu-existing-b<\/odu>\s*<osu-id>3<\/osu-id>\s*<group>g<\/group>/,
    );
    osu.deleteOsuProtectionGroup(cs, 'g');
    expect(indexOf(cs.result())).toHaveLength(FIXTURE_ENTRIES);
    expect(() => cs.validate()).not.toThrow();
  });

  it("a group's leg on another group's leg is refused as it is added, naming that group, and the change set keeps nothing of it", () => {
    const cs = withGroup();
    osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 1 });
    const edits = cs.edits.length;
    const add = () => osu.createOsuProtectionGroup(cs, { name: 'h', connection: 'c', protection: { odu: 'odu-existing-b', osuId: 7 } });
    expect(outcome(add)).toBe("DRIVER_VALIDATION /milli-osu:osu/protection-groups/protection-group[name='h']/protection osu-id-in-use");
    expect(add).toThrow(/OSU id 7 in ODU 'odu-existing-b' is already the protection leg of group 'g'/);
    expect(cs.edits).toHaveLength(edits);
  });

  it('the module refuses a connection or a cross-connect end on a protection leg, and a leg on a connection', () => {
    const cs = withGroup();
    expect(
      outcome(() =>
        osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-b', osuId: 7 }),
      ),
    ).toBe("DRIVER_VALIDATION /milli-osu:osu/connections/connection[name='c'] osu-id-in-use");
    expect(
      outcome(() =>
        osu.createOsuCrossConnect(cs, {
          name: 'x',
          from: { odu: 'odu-existing-a', osuId: 2 },
          to: { odu: 'odu-existing-b', osuId: 7 },
          bandwidthKbps: 2000,
        }),
      ),
    ).toBe("DRIVER_VALIDATION /milli-osu:osu/cross-connects/cross-connect[name='x']/to osu-id-in-use");
    // odu-existing-a 9 is the fixture's connection osu-existing: the connection looks the new leg up and refuses
    osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 1 });
    expect(
      outcome(() => osu.createOsuProtectionGroup(cs, { name: 'h', connection: 'c', protection: { odu: 'odu-existing-a', osuId: 9 } })),
    ).toBe("DRIVER_VALIDATION /milli-osu:osu/connections/connection[name='osu-existing'] osu-id-in-use");
    expect(cs.isEmpty).toBe(false);
    expect(indexOf(cs.result())).toHaveLength(FIXTURE_ENTRIES + 1);
  });

  it("a replace that moves the group's leg moves its entry, one over a missing entry writes it, and the inverse restores both", () => {
    const cs = withGroup();
    const moved: Edit = {
      op: 'replace',
      path: GROUP_PATH,
      key: { name: 'g' },
      value: { name: 'g', connection: 'osu-existing', protection: { odu: 'odu-existing-a', 'osu-id': 20 } },
    };
    osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-b', osuId: 8 });
    const before = cs.result();
    // as the reconciler writes a changed group back: replaced whole, through addOsuEdit
    const replaced = fresh(before);
    addOsuEdit(replaced, moved);
    expect(replaced.edits.map((e) => `${e.op} ${e.path.at(-1)}`)).toEqual([
      'delete shared-osu',
      'replace protection-group',
      'create shared-osu',
    ]);
    expect(entryAt(replaced, 'odu-existing-b', 7)).toBeUndefined();
    expect(entryAt(replaced, 'odu-existing-a', 20)).toEqual({ odu: 'odu-existing-a', 'osu-id': 20, group: 'g' });
    // the old leg is free again: a connection may take it
    osu.createOsuConnection(replaced, { name: 'd', clientPort: 'client-2', vlan: 9, bandwidthKbps: 2000, odu: 'odu-existing-b', osuId: 7 });
    // pure: the edits of a replace, against a config with and without the entry
    expect(
      sharedOsuEdits(before, 'o1', 'group', 'g', findEntry(before, moved), moved.value).map(
        (e) => `${e.op} ${e.key.odu} ${e.key['osu-id']}`,
      ),
    ).toEqual(['delete odu-existing-b 7', 'create odu-existing-a 20']);
    const withoutEntry = applyEdits(before, [{ op: 'delete', path: SHARED_OSU_PATH, key: { odu: 'odu-existing-b', 'osu-id': 7 } }]);
    const same = findEntry(before, moved);
    expect(sharedOsuEdits(withoutEntry, 'o1', 'group', 'g', same, same).map((e) => `${e.op} ${e.key.odu} ${e.key['osu-id']}`)).toEqual([
      'create odu-existing-b 7',
    ]);
    expect(sharedOsuEdits(before, 'o1', 'group', 'g', same, same)).toEqual([]);
    expect(applyEdits(replaced.result(), replaced.inverse().edits)).toEqual(before);
  });
});

describe('the index of shared OSUs (shared-osus): cross-connect ends', () => {
  const xc = { name: 'x', from: { odu: 'odu-existing-a', osuId: 2 }, to: { odu: 'odu-existing-b', osuId: 2 }, bandwidthKbps: 2000 };

  it('a cross-connect is written and deleted with the entries of its two ends', () => {
    const cs = fresh();
    osu.createOsuCrossConnect(cs, xc);
    expect(entryAt(cs, 'odu-existing-a', 2)).toEqual({ odu: 'odu-existing-a', 'osu-id': 2, 'cross-connect-from': 'x' });
    expect(entryAt(cs, 'odu-existing-b', 2)).toEqual({ odu: 'odu-existing-b', 'osu-id': 2, 'cross-connect-to': 'x' });
    expect(cs.payload()).toMatch(
      /<shared-osu [^>]*nc:operation="create">\s*<odu>odu-existing-b<\/odu>\s*<osu-id>2<\/osu-id>\s*<cross-connect-to>x</,
    );
    expect(() => cs.validate()).not.toThrow();
    osu.deleteOsuCrossConnect(cs, 'osux-existing');
    expect(entryAt(cs, 'odu-existing-a', 12)).toBeUndefined();
    expect(entryAt(cs, 'odu-existing-b', 4)).toBeUndefined();
    expect(indexOf(cs.result())).toHaveLength(2);
    expect(() => cs.validate()).not.toThrow();
  });

  it("an end on another cross-connect's end or on a protection leg is refused as it is added, naming its user, and nothing is kept", () => {
    const cs = withGroup();
    const edits = cs.edits.length;
    const onEnd = () =>
      osu.createOsuCrossConnect(cs, { ...xc, to: { odu: 'odu-existing-a', osuId: 12 }, from: { odu: 'odu-existing-b', osuId: 2 } });
    expect(outcome(onEnd)).toBe("DRIVER_VALIDATION /milli-osu:osu/cross-connects/cross-connect[name='x']/to osu-id-in-use");
    expect(onEnd).toThrow(/OSU id 12 in ODU 'odu-existing-a' is already the 'from' end of cross-connect 'osux-existing'/);
    const onLeg = () =>
      osu.createOsuCrossConnect(cs, { ...xc, from: { odu: 'odu-existing-b', osuId: 7 }, to: { odu: 'odu-existing-a', osuId: 3 } });
    expect(onLeg).toThrow(/OSU id 7 in ODU 'odu-existing-b' is already the protection leg of group 'g'/);
    expect(cs.edits).toHaveLength(edits);
    expect(indexOf(cs.result())).toHaveLength(FIXTURE_ENTRIES + 1);
  });

  it('the module refuses a connection on a cross-connect end (its one lookup in the index)', () => {
    const cs = fresh();
    expect(
      outcome(() =>
        osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-b', osuId: 4 }),
      ),
    ).toBe("DRIVER_VALIDATION /milli-osu:osu/connections/connection[name='c'] osu-id-in-use");
  });

  it('a replace that moves one end moves its entry, one that swaps the ends replaces both entries, and the inverse restores all', () => {
    const before = fresh().result();
    const moved: Edit = {
      op: 'replace',
      path: XC_PATH,
      key: { name: 'osux-existing' },
      value: {
        name: 'osux-existing',
        from: { odu: 'odu-existing-a', 'osu-id': 12 },
        to: { odu: 'odu-existing-b', 'osu-id': 5 },
        'bandwidth-kbps': '2000',
      },
    };
    const cs = fresh(before);
    addOsuEdit(cs, moved);
    expect(cs.edits.map((e) => `${e.op} ${e.path.at(-1)} ${e.key.odu ?? e.key.name} ${e.key['osu-id'] ?? ''}`.trim())).toEqual([
      'delete shared-osu odu-existing-b 4',
      'replace cross-connect osux-existing',
      'create shared-osu odu-existing-b 5',
    ]);
    expect(() => cs.validate()).not.toThrow();
    expect(applyEdits(cs.result(), cs.inverse().edits)).toEqual(before);
    // from and to swapped, over ODUs of the same type: each OSU stays the cross-connect's, under the other end
    const swapped: Edit = {
      ...moved,
      value: {
        name: 'osux-existing',
        from: { odu: 'odu-existing-b', 'osu-id': 4 },
        to: { odu: 'odu-existing-a', 'osu-id': 12 },
        'bandwidth-kbps': '2000',
      },
    };
    expect(
      sharedOsuEdits(before, 'o1', 'cross-connect', 'osux-existing', findEntry(before, swapped), swapped.value).map(
        (e) => `${e.op} ${e.key.odu} ${e.key['osu-id']} ${JSON.stringify(e.op === 'delete' ? '' : e.value)}`,
      ),
    ).toEqual([
      'replace odu-existing-b 4 {"odu":"odu-existing-b","osu-id":4,"cross-connect-from":"osux-existing"}',
      'replace odu-existing-a 12 {"odu":"odu-existing-a","osu-id":12,"cross-connect-to":"osux-existing"}',
    ]);
    const turned = fresh(before);
    addOsuEdit(turned, swapped);
    expect(() => turned.validate()).not.toThrow();
    expect(applyEdits(turned.result(), turned.inverse().edits)).toEqual(before);
  });
});
