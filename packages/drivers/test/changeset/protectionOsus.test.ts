import { ChangeSet, type Edit, PROTECTION_OSU_PATH, addOsuEdit, applyEdits, findEntry, protectionOsuEdits } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { OTN_RUNNING } from '../fixtures';
import { osu, outcome, schema, xmlOf } from './schemaHarness';

// milli-osu's index of protection legs: every edit of a protection group carries its protection-osu entry in the same
// change set; connections and cross-connects carry none, and are checked against the legs through it.

const GROUP_PATH = ['milli-osu:osu', 'protection-groups', 'protection-group'];
const entryAt = (cs: ChangeSet, odu: string, osuId: number) =>
  findEntry(cs.result(), { path: PROTECTION_OSU_PATH, key: { odu, 'osu-id': osuId } });
const indexOf = (config: unknown) =>
  ((config as { 'milli-osu:osu'?: { 'protection-osus'?: { 'protection-osu'?: unknown[] } } })['milli-osu:osu']?.['protection-osus']?.[
    'protection-osu'
  ] ?? []) as unknown[];
const fresh = (base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1')) =>
  new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
/** A device holding group 'g' on 'osu-existing' with its leg at odu-existing-b 7. */
function withGroup(): ChangeSet {
  const cs = fresh();
  osu.createOsuProtectionGroup(cs, { name: 'g', connection: 'osu-existing', protection: { odu: 'odu-existing-b', osuId: 7 } });
  return fresh(cs.result());
}

describe('the index of protection legs (protection-osus)', () => {
  it('a protection group is written and deleted with its entry; connections and cross-connects carry none', () => {
    const cs = fresh();
    osu.createOsuConnection(cs, { name: 'c', clientPort: 'client-2', vlan: 7, bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 1 });
    osu.createOsuCrossConnect(cs, {
      name: 'x',
      from: { odu: 'odu-existing-a', osuId: 2 },
      to: { odu: 'odu-existing-b', osuId: 2 },
      bandwidthKbps: 2000,
    });
    expect(indexOf(cs.result())).toEqual([]);
    osu.createOsuProtectionGroup(cs, { name: 'g', connection: 'c', protection: { odu: 'odu-existing-b', osuId: 3 } });
    expect(entryAt(cs, 'odu-existing-b', 3)).toEqual({ odu: 'odu-existing-b', 'osu-id': 3, group: 'g' });
    expect(cs.payload()).toMatch(
      /<protection-osus>\s*<protection-osu [^>]*nc:operation="create">\s*<odu>odu-existing-b<\/odu>\s*<osu-id>3<\/osu-id>\s*<group>g<\/group>/,
    );
    osu.deleteOsuProtectionGroup(cs, 'g');
    expect(indexOf(cs.result())).toEqual([]);
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
    expect(indexOf(cs.result())).toHaveLength(1);
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
      'delete protection-osu',
      'replace protection-group',
      'create protection-osu',
    ]);
    expect(entryAt(replaced, 'odu-existing-b', 7)).toBeUndefined();
    expect(entryAt(replaced, 'odu-existing-a', 20)).toEqual({ odu: 'odu-existing-a', 'osu-id': 20, group: 'g' });
    // the old leg is free again: a connection may take it
    osu.createOsuConnection(replaced, { name: 'd', clientPort: 'client-2', vlan: 9, bandwidthKbps: 2000, odu: 'odu-existing-b', osuId: 7 });
    // pure: the edits of a replace, against a config with and without the entry
    expect(
      protectionOsuEdits(before, 'o1', 'g', findEntry(before, moved), moved.value).map((e) => `${e.op} ${e.key.odu} ${e.key['osu-id']}`),
    ).toEqual(['delete odu-existing-b 7', 'create odu-existing-a 20']);
    const withoutEntry = applyEdits(before, [{ op: 'delete', path: PROTECTION_OSU_PATH, key: { odu: 'odu-existing-b', 'osu-id': 7 } }]);
    const same = findEntry(before, moved);
    expect(protectionOsuEdits(withoutEntry, 'o1', 'g', same, same).map((e) => `${e.op} ${e.key.odu} ${e.key['osu-id']}`)).toEqual([
      'create odu-existing-b 7',
    ]);
    expect(protectionOsuEdits(before, 'o1', 'g', same, same)).toEqual([]);
    expect(applyEdits(replaced.result(), replaced.inverse().edits)).toEqual(before);
  });
});
