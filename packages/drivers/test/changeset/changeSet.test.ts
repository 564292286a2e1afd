import { isMilliError } from '@milli/core';
import {
  ChangeSet,
  type NetconfOps,
  OsuDriverVerbs,
  OtnDriverVerbs,
  RoadmDriverVerbs,
  YangDeviceSchema,
  addOduEdit,
  applyEdits,
  type Edit,
  type EntryValue,
  invertEdits,
} from '@milli/drivers';
import { afterAll, describe, expect, it } from 'vitest';
import { OTN_RUNNING, ROADM_RUNNING } from '../fixtures';

const schema = YangDeviceSchema.forModules();
afterAll(() => schema.dispose());
const unused = {} as NetconfOps;
const roadm = new RoadmDriverVerbs('r1', unused);
const otn = new OtnDriverVerbs('o1', unused);
const osu = new OsuDriverVerbs('o1', unused);

function roadmSet(withSchema = true) {
  return new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, ...(withSchema ? { schema } : {}) });
}
function otnSet() {
  return new ChangeSet({ device: 'o1', base: OTN_RUNNING, namespaces: schema.namespaces, schema });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('ChangeSet', () => {
  it('a verb adds an edit and returns the name it chose; nothing else changes until applied', () => {
    const cs = roadmSet();
    const name = roadm.connectMediaChannel(cs, { channel: 12, from: 'ad-1', to: 'deg-2' });
    expect(name).toBe('mc-12-ad-1-deg-2');
    // the media channel and the entries of its two ends in the index of channel uses
    expect(cs.edits.map((e) => `${e.op} ${e.path.at(-1)}`)).toEqual(['create media-channel', 'create channel-use', 'create channel-use']);
    expect(cs.base).toBe(ROADM_RUNNING);
    expect(JSON.stringify(cs.result())).toContain('mc-12-ad-1-deg-2');
  });

  it('rejects a channel already used on a port with the YANG must message and the data path', () => {
    const cs = roadmSet();
    // channel 7 is used on deg-1 by mc-existing.
    const error = thrown(() => roadm.connectMediaChannel(cs, { name: 'clash', channel: 7, from: 'deg-1', to: 'ad-1' }));
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    const e = error as { context: { path?: string; device?: string }; message: string };
    expect(e.context.device).toBe('r1');
    expect(e.context.path).toContain("media-channel[name='");
    expect(cs.edits).toHaveLength(0);
  });

  it('rejects a port the device does not have (leafref) and leaves the change set unchanged', () => {
    const cs = roadmSet();
    roadm.connectMediaChannel(cs, { name: 'ok', channel: 20, from: 'ad-2', to: 'deg-1' });
    const error = thrown(() => roadm.connectMediaChannel(cs, { name: 'bad', channel: 21, from: 'ad-9', to: 'deg-1' }));
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    expect((error as { context: { path: string } }).context.path).toContain('/from');
    expect(cs.edits.map((e) => e.key.name ?? e.key.port)).toEqual(['ok', 'ad-2', 'deg-1']);
  });

  it('rejects bad verb arguments before building anything (DRIVER_VERB names the argument)', () => {
    const cs = roadmSet(false);
    const error = thrown(() => roadm.connectMediaChannel(cs, { channel: 97, from: 'ad-1', to: 'deg-1' }));
    expect(isMilliError(error, 'DRIVER_VERB')).toBe(true);
    expect((error as { context: { arg: string } }).context.arg).toBe('channel');
    expect(
      isMilliError(
        thrown(() => osu.createOsuConnection(cs, { clientPort: 'client-1', bandwidthKbps: 3000, odu: 'x', osuId: 1 })),
        'DRIVER_VERB',
      ),
    ).toBe(true);
    expect(
      isMilliError(
        thrown(() => otn.createOduContainer(cs, { type: 'ODU2', port: 'line-1', tributarySlots: [1, 2] })),
        'DRIVER_VERB',
      ),
    ).toBe(true);
  });

  it('creating what exists or deleting what does not is a DRIVER_CONFLICT, even without a schema', () => {
    const cs = roadmSet(false);
    expect(
      isMilliError(
        thrown(() => roadm.connectMediaChannel(cs, { name: 'mc-existing', channel: 30, from: 'ad-1', to: 'deg-1' })),
        'DRIVER_CONFLICT',
      ),
    ).toBe(true);
    expect(
      isMilliError(
        thrown(() => roadm.releaseMediaChannel(cs, 'nope')),
        'DRIVER_CONFLICT',
      ),
    ).toBe(true);
  });

  it('checks tributary slots across ODUs on a line (slot-in-use, found in the slot index before the YANG runs)', () => {
    const cs = otnSet();
    const error = thrown(() => otn.createOduContainer(cs, { name: 'clash', type: 'ODU0', port: 'line-1', tributarySlots: [41] }));
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    expect((error as { context: { appTag?: string } }).context.appTag).toBe('slot-in-use');
    expect((error as Error).message).toContain("tributary slot 41 on line-1 is already used by ODU 'odu-existing-a'");
    expect(cs.edits).toHaveLength(0);
  });

  it('the module itself refuses an ODU whose slot has no slot-owner entry (an edit made without addOduEdit)', () => {
    const cs = otnSet();
    const error = thrown(() =>
      cs.add({
        op: 'create',
        path: ['milli-otn:otn', 'odus', 'odu'],
        key: { name: 'raw' },
        value: { name: 'raw', type: 'ODU0', port: 'line-1', 'tributary-slots': [60] },
      }),
    );
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    expect((error as { context: { appTag?: string; path?: string } }).context).toMatchObject({
      appTag: 'slot-in-use',
      path: '/milli-otn:otn',
    });
  });

  it('the inverse undoes creates and deletes exactly, in reverse order', () => {
    const cs = otnSet();
    otn.createOduContainer(cs, { name: 'n1', type: 'ODU0', port: 'line-2', tributarySlots: [1] });
    otn.createOduContainer(cs, { name: 'n2', type: 'ODU0', port: 'line-1', tributarySlots: [1] });
    otn.createOduCrossConnect(cs, { name: 'x', from: 'n1', to: 'n2' });
    osu.deleteOsuConnection(cs, 'osu-existing');
    const inverse = cs.inverse();
    // each ODU's slot-owner entry (milli-otn's slot index) goes with it, and the cross-connect's odu-use entries
    const keyOf = (key: Record<string, unknown>) => key.name ?? (key.odu !== undefined ? `use:${key.odu}` : `${key.port}/${key.slot}`);
    expect(inverse.edits.map((e) => `${e.op}:${keyOf(e.key)}`)).toEqual([
      'create:osu-existing',
      'delete:use:n2',
      'delete:use:n1',
      'delete:x',
      'delete:line-1/1',
      'delete:n2',
      'delete:line-2/1',
      'delete:n1',
    ]);
    expect(applyEdits(cs.result(), inverse.edits)).toEqual(OTN_RUNNING);
    // the re-created entry carries the content the device had
    expect(inverse.edits[0]?.value).toEqual(
      (OTN_RUNNING['milli-osu:osu'] as { connections: { connection: unknown[] } }).connections.connection[0],
    );
    expect(() => inverse.validate()).not.toThrow();
  });

  it('serialises for a journal as its edits and their inverse', () => {
    const cs = roadmSet();
    roadm.connectMediaChannel(cs, { name: 'j', channel: 33, from: 'ad-2', to: 'deg-2' });
    roadm.releaseMediaChannel(cs, 'mc-existing');
    const json = JSON.parse(JSON.stringify(cs));
    expect(json.device).toBe('r1');
    expect(json.edits.map((e: { op: string; path: string[] }) => `${e.op} ${e.path.at(-1)}`)).toEqual([
      'create media-channel',
      'create channel-use',
      'create channel-use',
      'delete channel-use',
      'delete channel-use',
      'delete media-channel',
    ]);
    expect(applyEdits(applyEdits(ROADM_RUNNING, json.edits), json.inverse)).toEqual(ROADM_RUNNING);
  });

  it('invertEdits refuses to invert a delete of something it never saw', () => {
    const error = thrown(() =>
      invertEdits({}, [{ op: 'delete', path: ['milli-roadm:roadm', 'media-channels', 'media-channel'], key: { name: 'x' } }]),
    );
    expect(isMilliError(error, 'DRIVER_CONFLICT')).toBe(true);
  });

  it('the payload carries one net operation per entry: create+delete cancels, delete+create replaces', () => {
    const cs = roadmSet();
    roadm.connectMediaChannel(cs, { name: 'tmp', channel: 40, from: 'ad-1', to: 'deg-1' });
    roadm.releaseMediaChannel(cs, 'tmp');
    roadm.releaseMediaChannel(cs, 'mc-existing');
    roadm.connectMediaChannel(cs, { name: 'mc-existing', channel: 8, from: 'deg-1', to: 'deg-2' });
    const payload = cs.payload();
    expect(payload).not.toContain('tmp');
    expect(payload).toContain('nc:operation="replace"><name>mc-existing</name><channel>8</channel>');
    expect(payload.match(/<roadm /g)).toHaveLength(1);
  });

  it('validate() without a schema is a DRIVER_STATE error, not a silent pass', () => {
    expect(
      isMilliError(
        thrown(() => roadmSet(false).validate()),
        'DRIVER_STATE',
      ),
    ).toBe(true);
  });
});

describe('protection groups and changes in place', () => {
  it('builds a protected OSU connection, changes its bandwidth by a merge that keeps the entry, and inverts exactly', () => {
    const cs = otnSet();
    otn.createOduContainer(cs, { name: 'bin-1', type: 'ODU0', port: 'line-1', tributarySlots: [71] });
    otn.createOduContainer(cs, { name: 'bin-2', type: 'ODU0', port: 'line-2', tributarySlots: [71] });
    osu.createOsuConnection(cs, { name: 'line-a', clientPort: 'client-1', vlan: 10, bandwidthKbps: 100_000, odu: 'bin-1', osuId: 1 });
    osu.createOsuProtectionGroup(cs, { name: 'line-a-pg', connection: 'line-a', protection: { odu: 'bin-2', osuId: 1 }, holdOffMs: 50 });
    const built = new ChangeSet({ device: 'o1', base: cs.result(), namespaces: schema.namespaces, schema });
    osu.changeOsuBandwidth(built, { kind: 'connection', name: 'line-a' }, 500_000);
    expect(built.edits).toEqual([
      {
        op: 'merge',
        path: ['milli-osu:osu', 'connections', 'connection'],
        key: { name: 'line-a' },
        value: { name: 'line-a', 'bandwidth-kbps': '500000' },
      },
    ]);
    expect(built.payload()).toContain('nc:operation="merge"');
    const after = built.result() as { 'milli-osu:osu': { connections: { connection: { name: string; 'bandwidth-kbps': string }[] } } };
    expect(after['milli-osu:osu'].connections.connection.find((c) => c.name === 'line-a')).toMatchObject({
      odu: 'bin-1',
      'bandwidth-kbps': '500000',
    });
    expect(built.inverse().edits).toEqual([{ ...built.edits[0], value: { name: 'line-a', 'bandwidth-kbps': '100000' } }]);
    expect(applyEdits(built.result(), built.inverse().edits)).toEqual(cs.result());
    // The group's protection OSU must be free in its ODU, like any other OSU.
    const clash = new ChangeSet({ device: 'o1', base: cs.result(), namespaces: schema.namespaces, schema });
    osu.createOsuConnection(clash, { name: 'line-b', clientPort: 'client-1', vlan: 11, bandwidthKbps: 2_000, odu: 'bin-2', osuId: 2 });
    expect(
      (
        thrown(() =>
          osu.createOsuProtectionGroup(clash, { name: 'b-pg', connection: 'line-b', protection: { odu: 'bin-2', osuId: 1 } }),
        ) as { code: string }
      ).code,
    ).toBe('DRIVER_VALIDATION');
  });

  it('protects an ODU cross-connect with a line ODU of its type, and refuses one already cross-connected', () => {
    const cs = otnSet();
    otn.createOduContainer(cs, { name: 'c', type: 'ODU2', port: 'client-1' });
    otn.createOduContainer(cs, { name: 'w', type: 'ODU2', port: 'line-1', tributarySlots: [51, 52, 53, 54, 55, 56, 57, 58] });
    otn.createOduContainer(cs, { name: 'p', type: 'ODU2', port: 'line-2', tributarySlots: [51, 52, 53, 54, 55, 56, 57, 58] });
    otn.createOduCrossConnect(cs, { name: 'x', from: 'c', to: 'w' });
    expect(otn.createOduProtectionGroup(cs, { crossConnect: 'x', protectionOdu: 'p', revertive: false })).toBe('pg-x');
    const bad = otnSet();
    otn.createOduContainer(bad, { name: 'c', type: 'ODU2', port: 'client-1' });
    otn.createOduContainer(bad, { name: 'w', type: 'ODU2', port: 'line-1', tributarySlots: [51, 52, 53, 54, 55, 56, 57, 58] });
    otn.createOduCrossConnect(bad, { name: 'x', from: 'c', to: 'w' });
    expect((thrown(() => otn.createOduProtectionGroup(bad, { crossConnect: 'x', protectionOdu: 'w' })) as { code: string }).code).toBe(
      'DRIVER_VALIDATION',
    );
  });
});

describe('ChangeSet.batch', () => {
  it('validates the whole datastore once for a batch of edits, and leaves nothing of a batch that fails', () => {
    let validations = 0;
    const counting = Object.assign(Object.create(schema) as typeof schema, {
      validateConfig: (config: Parameters<typeof schema.validateConfig>[0], device?: string) => {
        validations++;
        schema.validateConfig(config, device);
      },
    });
    const cs = new ChangeSet({ device: 'o1', base: OTN_RUNNING, namespaces: schema.namespaces, schema: counting });
    cs.batch(() => {
      otn.createOduContainer(cs, { name: 'a', type: 'ODU0', port: 'line-1', tributarySlots: [71] });
      otn.createOduContainer(cs, { name: 'b', type: 'ODU0', port: 'line-1', tributarySlots: [72] });
      otn.createOduContainer(cs, { name: 'c', type: 'ODU0', port: 'line-1', tributarySlots: [73] });
    });
    expect(validations).toBe(1);
    // three ODUs, each with the slot-owner entry of its slot
    expect(cs.edits).toHaveLength(6);
    const error = thrown(() =>
      cs.batch(() => {
        otn.createOduContainer(cs, { name: 'd', type: 'ODU0', port: 'line-1', tributarySlots: [74] });
        otn.createOduContainer(cs, { name: 'e', type: 'ODU0', port: 'line-1', tributarySlots: [74] });
      }),
    );
    expect((error as { context: { appTag?: string } }).context.appTag).toBe('slot-in-use');
    expect(cs.edits.filter((e) => e.key.name !== undefined).map((e) => e.key.name)).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(cs.result())).not.toContain('"d"');
  });
});

describe('replace', () => {
  it('swaps an entry whole (a leaf-list can shrink), sends nc:operation="replace", and inverts to the entry as it was', () => {
    const cs = otnSet();
    otn.createOduContainer(cs, { name: 'flex', type: 'ODUflex', rateKbps: 5_000_000, port: 'line-1', tributarySlots: [71, 72, 73, 74] });
    const resized = new ChangeSet({ device: 'o1', base: cs.result(), namespaces: schema.namespaces, schema });
    addOduEdit(resized, {
      op: 'replace',
      path: ['milli-otn:otn', 'odus', 'odu'],
      key: { name: 'flex' },
      value: { name: 'flex', type: 'ODUflex', 'rate-kbps': '2500000', port: 'line-1', 'tributary-slots': [71, 72] },
    });
    expect(resized.payload()).toContain('nc:operation="replace"');
    // the slots the ODU gives up leave the slot index with it
    expect(resized.edits.filter((e) => e.op === 'delete').map((e) => e.key.slot)).toEqual([74, 73]);
    expect(JSON.stringify(resized.result())).toContain('"tributary-slots":[71,72]');
    expect(applyEdits(resized.result(), resized.inverse().edits)).toEqual(cs.result());
  });
});

describe('line port tuning', () => {
  it('tunes a line port by a merge and untunes it by removing the leaf, the rest of the entry kept', () => {
    const linePort = { op: 'create' as const, path: ['milli-otn:otn', 'line-ports', 'line-port'], key: { port: 'line-1' } };
    const base = applyEdits(OTN_RUNNING, [{ ...linePort, value: { port: 'line-1', 'admin-status': 'up' } }]);
    const cs = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    otn.tuneLinePort(cs, 'line-1', 17);
    expect(JSON.stringify(cs.result())).toContain('"port":"line-1","admin-status":"up","channel":17');
    const tuned = new ChangeSet({ device: 'o1', base: cs.result(), namespaces: schema.namespaces, schema });
    otn.untuneLinePort(tuned, 'line-1');
    expect(tuned.payload()).toContain('<channel nc:operation="remove"/>');
    expect(tuned.result()).toEqual(base);
    expect(applyEdits(tuned.result(), tuned.inverse().edits)).toEqual(cs.result());
    expect(cs.inverse().edits).toEqual([
      { op: 'merge', path: linePort.path, key: linePort.key, value: { port: 'line-1' }, remove: ['channel'] },
    ]);
  });

  it('a port untuned by one line and tuned by the next of a round is sent tuned, and rolled back to its old channel', () => {
    const linePort = { op: 'create' as const, path: ['milli-otn:otn', 'line-ports', 'line-port'], key: { port: 'line-1' } };
    const base = applyEdits(OTN_RUNNING, [{ ...linePort, value: { port: 'line-1', 'admin-status': 'up', channel: 17 } }]);
    const leaving = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    otn.untuneLinePort(leaving, 'line-1');
    const arriving = leaving.continued();
    otn.tuneLinePort(arriving, 'line-1', 21);
    const joined = ChangeSet.joined([leaving, arriving]);
    expect(JSON.stringify(joined.result())).toContain('"port":"line-1","admin-status":"up","channel":21');
    // What the device receives: the new channel, and no removal of it sent after it.
    expect(joined.payload()).toContain('<channel>21</channel>');
    expect(joined.payload()).not.toContain('nc:operation="remove"');
    // The rollback puts the old channel back (its edits are a removal then a tune of the same port, too).
    const rollback = joined.inverse();
    expect(applyEdits(joined.result(), rollback.edits)).toEqual(base);
    expect(rollback.payload()).toContain('<channel>17</channel>');
    expect(rollback.payload()).not.toContain('nc:operation="remove"');
  });
});

describe('ChangeSet.continued and ChangeSet.joined (a group commit of several lines)', () => {
  it('a continued change set sees what the one before it writes; joined, they send every edit once and undo to the first base', () => {
    const first = roadmSet();
    roadm.connectMediaChannel(first, { name: 'mc-a', channel: 12, from: 'ad-1', to: 'deg-2' });
    const second = first.continued();
    expect(second.base).toBe(first.result());
    // The second line cannot take channel 12 on deg-2 again: it is checked against the first line's edits.
    expect(
      isMilliError(
        thrown(() => roadm.connectMediaChannel(second, { name: 'mc-b', channel: 12, from: 'ad-2', to: 'deg-2' })),
        'DRIVER_VALIDATION',
      ),
    ).toBe(true);
    roadm.connectMediaChannel(second, { name: 'mc-b', channel: 13, from: 'ad-1', to: 'deg-2' });

    const joined = ChangeSet.joined([first, second]);
    expect(joined.base).toBe(ROADM_RUNNING);
    const mediaChannels = (edits: readonly Edit[]) => edits.filter((e) => e.path.at(-1) === 'media-channel').map((e) => e.key.name);
    expect(mediaChannels(joined.edits)).toEqual(['mc-a', 'mc-b']);
    expect(joined.result()).toBe(second.result());
    expect(joined.payload()).toContain('mc-a');
    expect(joined.payload()).toContain('mc-b');
    expect(applyEdits(joined.result(), joined.inverse().edits, 'r1')).toEqual(ROADM_RUNNING);
    // Each line's own part undoes only its own edits, against the config it started from.
    expect(mediaChannels(second.toJSON().inverse)).toEqual(['mc-b']);
    expect(second.toJSON().inverse).toHaveLength(3);
  });

  it('deferValidation: edits are still checked against the config at once, but YANG waits for the joined validate()', () => {
    const first = roadmSet().continued({ deferValidation: true });
    roadm.connectMediaChannel(first, { name: 'mc-a', channel: 12, from: 'ad-1', to: 'deg-2' });
    const second = first.continued({ deferValidation: true });
    // A port the device does not have breaks a leafref: not seen while adding (a channel already used on a port is,
    // by the drivers' look in the index of channel uses)...
    roadm.connectMediaChannel(second, { name: 'mc-b', channel: 12, from: 'ad-9', to: 'deg-1' });
    // ...but a duplicate entry still is, at once.
    expect(
      isMilliError(
        thrown(() => roadm.connectMediaChannel(second, { name: 'mc-b', channel: 14, from: 'ad-1', to: 'deg-2' })),
        'DRIVER_CONFLICT',
      ),
    ).toBe(true);
    const error = thrown(() => ChangeSet.joined([first, second]).validate());
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    expect((error as { context: { device?: string } }).context.device).toBe('r1');
    // Without the option a continued change set validates as it adds, as before.
    expect(
      isMilliError(
        thrown(() => roadm.connectMediaChannel(first.continued(), { name: 'mc-c', channel: 12, from: 'ad-9', to: 'deg-1' })),
        'DRIVER_VALIDATION',
      ),
    ).toBe(true);
  });

  it('validate() again with no edit added since does not run the YANG again; a new edit does', () => {
    let validations = 0;
    const counting = {
      namespaces: schema.namespaces,
      readConfig: schema.readConfig.bind(schema),
      validateEdit: schema.validateEdit.bind(schema),
      validateConfig: (...args: Parameters<typeof schema.validateConfig>) => {
        validations++;
        schema.validateConfig(...args);
      },
    };
    const cs = new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, schema: counting, deferValidation: true });
    roadm.connectMediaChannel(cs, { name: 'mc-a', channel: 12, from: 'ad-1', to: 'deg-2' });
    expect(validations).toBe(0);
    cs.validate();
    cs.validate();
    expect(validations).toBe(1);
    roadm.connectMediaChannel(cs, { name: 'mc-b', channel: 12, from: 'ad-9', to: 'deg-1' });
    expect(
      isMilliError(
        thrown(() => cs.validate()),
        'DRIVER_VALIDATION',
      ),
    ).toBe(true);
    expect(
      isMilliError(
        thrown(() => cs.validate()),
        'DRIVER_VALIDATION',
      ),
    ).toBe(true);
    expect(validations).toBe(3);
  });

  it('refuses to join change sets that do not follow each other', () => {
    const a = roadmSet();
    roadm.connectMediaChannel(a, { name: 'mc-a', channel: 12, from: 'ad-1', to: 'deg-2' });
    const b = roadmSet();
    expect(
      isMilliError(
        thrown(() => ChangeSet.joined([a, b])),
        'DRIVER_STATE',
      ),
    ).toBe(true);
  });
});

describe('ChangeSet validation scope', () => {
  // The base is the device's running config, valid on the device: an edit can only break the modules it changes and
  // those depending on them. Here the base carries a media channel to a port the device does not have (roadm data the
  // device holds, say, from modules of its own), which no OSU edit can have caused.
  const base = {
    ...structuredClone(OTN_RUNNING),
    'milli-roadm:roadm': { 'media-channels': { 'media-channel': [{ name: 'mc-odd', channel: 5, from: 'deg-9', to: 'ad-9' }] } },
  };

  it('validates the modules the edits changed, and those that depend on them, not the rest of the base', () => {
    const cs = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    osu.createOsuConnection(cs, { name: 'line-b', clientPort: 'client-1', vlan: 11, bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 2 });
    expect(cs.edits).toHaveLength(1);
    // A whole-datastore validation of the same result refuses the base's media channel.
    expect((thrown(() => schema.validateConfig(cs.result(), 'o1')) as { code: string }).code).toBe('DRIVER_VALIDATION');
    // An edit of milli-roadm is checked with the rest of milli-roadm's data, the odd entry included.
    expect(
      (thrown(() => roadm.connectMediaChannel(cs, { name: 'mc-2', channel: 6, from: 'deg-1', to: 'ad-1' })) as { code: string }).code,
    ).toBe('DRIVER_VALIDATION');
  });

  it('an edit of one module that breaks another module depending on it is refused', () => {
    const cs = new ChangeSet({ device: 'o1', base: OTN_RUNNING, namespaces: schema.namespaces, schema });
    // Turning line-1 into a client port is a valid milli-device edit; milli-otn's ODU with tributary slots on it is not.
    const edit = { name: 'line-1', kind: 'client', rate: '10GE' };
    const error = thrown(() =>
      cs.add({ op: 'merge', path: ['milli-device:device', 'ports', 'port'], key: { name: 'line-1' }, value: edit }),
    );
    expect(error).toMatchObject({ code: 'DRIVER_VALIDATION', context: { path: expect.stringMatching(/^\/milli-otn:otn\//) } });
    expect(cs.edits).toHaveLength(0);
  });
});

describe('applyEdits', () => {
  function frozen<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) frozen(inner);
      Object.freeze(value);
    }
    return value;
  }

  it('never changes its input, and shares every entry it does not change', () => {
    const base = frozen(structuredClone(OTN_RUNNING));
    const conn = ['milli-osu:osu', 'connections', 'connection'];
    const odus = ['milli-otn:otn', 'odus', 'odu'];
    // Writing into a frozen object throws in strict mode: any change to the input fails the test.
    const next = applyEdits(base, [
      {
        op: 'create',
        path: conn,
        key: { name: 'c2' },
        value: { name: 'c2', 'client-port': 'client-2', 'bandwidth-kbps': '2000', odu: 'odu-existing-b', 'osu-id': 1 },
      },
      {
        op: 'merge',
        path: conn,
        key: { name: 'osu-existing' },
        value: { name: 'osu-existing', 'bandwidth-kbps': '4000' },
        remove: ['vlan'],
      },
      {
        op: 'replace',
        path: odus,
        key: { name: 'odu-existing-b' },
        value: { name: 'odu-existing-b', type: 'ODU0', port: 'line-2', 'tributary-slots': [41] },
      },
      { op: 'delete', path: ['milli-otn:otn', 'odu-cross-connects', 'odu-cross-connect'], key: { name: 'oxc-existing' } },
    ]);
    expect(base).toEqual(OTN_RUNNING);
    const osuOf = (c: EntryValue) => (c['milli-osu:osu'] as { connections: { connection: EntryValue[] } }).connections.connection;
    expect(osuOf(next).map((c) => [c.name, c['bandwidth-kbps'], c.vlan])).toEqual([
      ['osu-existing', '4000', undefined],
      ['c2', '2000', undefined],
    ]);
    const oduOf = (c: EntryValue) => (c['milli-otn:otn'] as { odus: { odu: EntryValue[] } }).odus.odu;
    expect(oduOf(next)[0]).toBe(oduOf(base)[0]);
    expect(oduOf(next)[1]?.['tributary-slots']).toEqual([41]);
    expect(next['milli-device:device']).toBe(base['milli-device:device']);
    expect((next['milli-otn:otn'] as EntryValue)['slot-owners']).toBe((base['milli-otn:otn'] as EntryValue)['slot-owners']);
  });
});
