import { ChangeSet, type Edit, type EntryValue, ODU_USE_PATH, addOduEdit, applyEdits, findEntry, oduUseEdits } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { OTN_RUNNING } from '../fixtures';
import { otn, outcome, schema } from './schemaHarness';

// milli-otn's index of ODU uses: every edit of an ODU cross-connect or protection group carries the odu-use entries of
// its ODUs in the same change set, computed from the item before and after, and a clash is refused before the YANG.

const XC_PATH = ['milli-otn:otn', 'odu-cross-connects', 'odu-cross-connect'];
const GROUP_PATH = ['milli-otn:otn', 'protection-groups', 'protection-group'];
const fresh = (base: EntryValue = OTN_RUNNING) => new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
const indexOf = (config: EntryValue) =>
  ((config['milli-otn:otn'] as { 'odu-uses'?: { 'odu-use'?: EntryValue[] } })['odu-uses']?.['odu-use'] ?? []).map(
    (e) => `${e.odu} ${e['cross-connect'] ?? `group ${e['protection-group']}`}`,
  );
/** The edits in one line each: op, list, and the entry's key. */
const shown = (edits: readonly Edit[]) =>
  edits.map((e) => `${e.op} ${e.path.at(-1)} ${e.key.name ?? e.key.odu ?? `${e.key.port}/${e.key.slot}`}`);
const existing = findEntry(OTN_RUNNING, { path: XC_PATH, key: { name: 'oxc-existing' } })!;
const SWITCHING = { revertive: false, holdOffMs: 0, waitToRestoreS: 0 };

/** Two free ODU2s on line ports (a working leg's new 'to' and a protection ODU) and a client ODU2. */
function withFreeOdus(cs: ChangeSet): void {
  otn.createOduContainer(cs, { name: 'c2', type: 'ODU2', port: 'client-2' });
  otn.createOduContainer(cs, { name: 'l1-b', type: 'ODU2', port: 'line-1', tributarySlots: [1, 2, 3, 4, 5, 6, 7, 8] });
  otn.createOduContainer(cs, { name: 'l2-b', type: 'ODU2', port: 'line-2', tributarySlots: [1, 2, 3, 4, 5, 6, 7, 8] });
}

describe('oduUseEdits (pure): the index edits of a cross-connect or protection group from before to after', () => {
  it('a create takes its ODUs, a delete leaves them; a group takes its protection ODU', () => {
    const xc = { name: 'n', from: 'c2', to: 'l1-b' };
    expect(shown(oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'n', undefined, xc))).toEqual([
      'create odu-use c2',
      'create odu-use l1-b',
    ]);
    expect(oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'n', undefined, xc)[0]!.value).toEqual({ odu: 'c2', 'cross-connect': 'n' });
    // deletes 'to' first, so that an inverse puts them back in their order
    expect(shown(oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'oxc-existing', existing, undefined))).toEqual([
      'delete odu-use odu-existing-b',
      'delete odu-use odu-existing-a',
    ]);
    const group = { name: 'g', 'cross-connect': 'oxc-existing', 'protection-odu': 'l2-b' };
    expect(oduUseEdits(OTN_RUNNING, 'o1', 'protection-group', 'g', undefined, group)).toEqual([
      { op: 'create', path: ODU_USE_PATH, key: { odu: 'l2-b' }, value: { odu: 'l2-b', 'protection-group': 'g' } },
    ]);
  });

  it('a merge moving one end moves its entry; swapping the ends keeps both', () => {
    expect(shown(oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'oxc-existing', existing, { ...existing, to: 'l2-b' }))).toEqual([
      'delete odu-use odu-existing-b',
      'create odu-use l2-b',
    ]);
    // an entry names the cross-connect, not its end
    const swapped = { ...existing, from: 'odu-existing-b', to: 'odu-existing-a' };
    expect(oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'oxc-existing', existing, swapped)).toEqual([]);
  });

  it('a replace over a missing entry writes it again; an entry naming another user is not deleted', () => {
    const withoutEntry = applyEdits(OTN_RUNNING, [{ op: 'delete', path: ODU_USE_PATH, key: { odu: 'odu-existing-b' } }]);
    expect(shown(oduUseEdits(withoutEntry, 'o1', 'cross-connect', 'oxc-existing', existing, existing))).toEqual([
      'create odu-use odu-existing-b',
    ]);
    const othersEntry = applyEdits(withoutEntry, [
      { op: 'create', path: ODU_USE_PATH, key: { odu: 'odu-existing-b' }, value: { odu: 'odu-existing-b', 'protection-group': 'g' } },
    ]);
    expect(shown(oduUseEdits(othersEntry, 'o1', 'cross-connect', 'oxc-existing', existing, { ...existing, to: 'l2-b' }))).toEqual([
      'create odu-use l2-b',
    ]);
  });

  it("an ODU another cross-connect or group uses is refused, naming the holder and the item's leaf", () => {
    const xc = () => oduUseEdits(OTN_RUNNING, 'o1', 'cross-connect', 'n', undefined, { name: 'n', from: 'c2', to: 'odu-existing-b' });
    expect(outcome(xc)).toBe("DRIVER_VALIDATION /milli-otn:otn/odu-cross-connects/odu-cross-connect[name='n'] odu-in-use");
    expect(xc).toThrow("o1: ODU 'odu-existing-b' (the cross-connect's 'to') is already in cross-connect 'oxc-existing'");
    const group = () =>
      oduUseEdits(OTN_RUNNING, 'o1', 'protection-group', 'g', undefined, {
        name: 'g',
        'cross-connect': 'x',
        'protection-odu': 'odu-existing-a',
      });
    expect(outcome(group)).toBe("DRIVER_VALIDATION /milli-otn:otn/protection-groups/protection-group[name='g'] odu-in-use");
    const taken = applyEdits(OTN_RUNNING, [
      { op: 'create', path: ODU_USE_PATH, key: { odu: 'l2-b' }, value: { odu: 'l2-b', 'protection-group': 'g' } },
    ]);
    expect(() => oduUseEdits(taken, 'o1', 'cross-connect', 'n', undefined, { name: 'n', from: 'l2-b', to: 'c2' })).toThrow(
      "o1: ODU 'l2-b' (the cross-connect's 'from') is already the protection ODU of group 'g'",
    );
  });
});

describe('addOduEdit: a cross-connect or protection group and its entries as one step', () => {
  it('the verbs write and delete cross-connects and groups with their entries, and the result validates', () => {
    const cs = fresh();
    withFreeOdus(cs);
    otn.createOduCrossConnect(cs, { name: 'n', from: 'c2', to: 'l1-b' });
    otn.createOduProtectionGroup(cs, { name: 'g', crossConnect: 'n', protectionOdu: 'l2-b', ...SWITCHING });
    expect(indexOf(cs.result())).toEqual(['odu-existing-a oxc-existing', 'odu-existing-b oxc-existing', 'c2 n', 'l1-b n', 'l2-b group g']);
    expect(() => cs.validate()).not.toThrow();
    otn.deleteOduProtectionGroup(cs, 'g');
    otn.deleteOduCrossConnect(cs, 'oxc-existing');
    expect(indexOf(cs.result())).toEqual(['c2 n', 'l1-b n']);
    expect(() => cs.validate()).not.toThrow();
    // the ODU the group left is free again
    otn.createOduCrossConnect(cs, { name: 'm', from: 'odu-existing-a', to: 'l2-b' });
    expect(findEntry(cs.result(), { path: ODU_USE_PATH, key: { odu: 'l2-b' } })).toEqual({ odu: 'l2-b', 'cross-connect': 'm' });
    // the inverse puts the index back as it was (an emptied protection-groups container is all it leaves)
    const undone = applyEdits(cs.result(), cs.inverse().edits);
    const otnOf = (c: EntryValue) => c['milli-otn:otn'] as EntryValue;
    expect(indexOf(undone)).toEqual(indexOf(OTN_RUNNING));
    expect(otnOf(undone)['odu-cross-connects']).toEqual(otnOf(OTN_RUNNING)['odu-cross-connects']);
    expect(otnOf(undone).odus).toEqual(otnOf(OTN_RUNNING).odus);
  });

  it('a clash is refused as it is added, naming the holder, and the change set keeps nothing of it', () => {
    const cs = fresh();
    withFreeOdus(cs);
    const edits = cs.edits.length;
    const add = () =>
      otn.createOduProtectionGroup(cs, { name: 'g', crossConnect: 'oxc-existing', protectionOdu: 'odu-existing-b', ...SWITCHING });
    expect(outcome(add)).toBe("DRIVER_VALIDATION /milli-otn:otn/protection-groups/protection-group[name='g'] odu-in-use");
    expect(add).toThrow(/ODU 'odu-existing-b' \(the protection-group's 'protection-odu'\) is already in cross-connect 'oxc-existing'/);
    expect(cs.edits).toHaveLength(edits);
    expect(indexOf(cs.result())).toHaveLength(2);
  });

  it('an edit the YANG refuses leaves none of its entries either', () => {
    const cs = fresh();
    withFreeOdus(cs);
    const before = cs.result();
    // ODUs of two types: the module's odu-type-mismatch, after the index edits were computed
    otn.createOduContainer(cs, { name: 'l2-0', type: 'ODU0', port: 'line-2', tributarySlots: [9] });
    const mid = cs.result();
    expect(outcome(() => otn.createOduCrossConnect(cs, { name: 'n', from: 'c2', to: 'l2-0' }))).toBe(
      "DRIVER_VALIDATION /milli-otn:otn/odu-cross-connects/odu-cross-connect[name='n'] odu-type-mismatch",
    );
    expect(cs.result()).toBe(mid);
    expect(indexOf(cs.result())).toEqual(indexOf(before));
  });

  it('a merge moving an end, and a replace over a missing entry, carry their index edits; the inverse restores all', () => {
    const cs = fresh();
    withFreeOdus(cs);
    const created = cs.edits.length;
    addOduEdit(cs, { op: 'merge', path: XC_PATH, key: { name: 'oxc-existing' }, value: { name: 'oxc-existing', to: 'l2-b' } });
    expect(shown(cs.edits.slice(created))).toEqual([
      'delete odu-use odu-existing-b',
      'merge odu-cross-connect oxc-existing',
      'create odu-use l2-b',
    ]);
    expect(() => cs.validate()).not.toThrow();
    expect(applyEdits(cs.result(), cs.inverse().edits)).toEqual(OTN_RUNNING);

    // as the reconciler writes a changed cross-connect back: replaced whole, over a config that lost an entry
    const lost = applyEdits(OTN_RUNNING, [{ op: 'delete', path: ODU_USE_PATH, key: { odu: 'odu-existing-a' } }]);
    const repaired = new ChangeSet({ device: 'o1', base: lost, namespaces: schema.namespaces });
    addOduEdit(repaired, { op: 'replace', path: XC_PATH, key: { name: 'oxc-existing' }, value: existing });
    expect(shown(repaired.edits)).toEqual(['replace odu-cross-connect oxc-existing', 'create odu-use odu-existing-a']);
    expect(indexOf(repaired.result())).toEqual(['odu-existing-b oxc-existing', 'odu-existing-a oxc-existing']);
  });

  it('edits of other lists go alone; the module itself refuses a cross-connect or group written without its entries', () => {
    const cs = fresh();
    withFreeOdus(cs);
    const created = cs.edits.length;
    const tune: Edit = {
      op: 'create',
      path: ['milli-otn:otn', 'line-ports', 'line-port'],
      key: { port: 'line-1' },
      value: { port: 'line-1', channel: 3 },
    };
    addOduEdit(cs, tune);
    expect(shown(cs.edits.slice(created))).toEqual(['create line-port line-1/undefined']);
    const raw: Edit = { op: 'create', path: XC_PATH, key: { name: 'raw' }, value: { name: 'raw', from: 'c2', to: 'l1-b' } };
    expect(outcome(() => cs.add(raw))).toBe(
      "DRIVER_VALIDATION /milli-otn:otn/odu-cross-connects/odu-cross-connect[name='raw'] odu-use-missing",
    );
    const group: Edit = {
      op: 'create',
      path: GROUP_PATH,
      key: { name: 'raw-g' },
      value: {
        name: 'raw-g',
        'cross-connect': 'oxc-existing',
        'protection-odu': 'l2-b',
        revertive: false,
        'hold-off-ms': 0,
        'wait-to-restore-s': 0,
      },
    };
    expect(outcome(() => cs.add(group))).toBe(
      "DRIVER_VALIDATION /milli-otn:otn/protection-groups/protection-group[name='raw-g'] odu-use-missing",
    );
  });
});
