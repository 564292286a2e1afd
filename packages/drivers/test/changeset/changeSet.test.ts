import { isMilliError } from '@milli/core';
import {
  ChangeSet,
  type NetconfOps,
  OsuDriverVerbs,
  OtnDriverVerbs,
  RoadmDriverVerbs,
  YangDeviceSchema,
  applyEdits,
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
    expect(cs.edits).toHaveLength(1);
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
    expect(cs.edits.map((e) => e.key.name)).toEqual(['ok']);
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

  it('checks tributary slots across ODUs on a line (slot-in-use from the module)', () => {
    const cs = otnSet();
    const error = thrown(() => otn.createOduContainer(cs, { name: 'clash', type: 'ODU0', port: 'line-1', tributarySlots: [41] }));
    expect(isMilliError(error, 'DRIVER_VALIDATION')).toBe(true);
    expect((error as { context: { appTag?: string } }).context.appTag).toBe('slot-in-use');
  });

  it('the inverse undoes creates and deletes exactly, in reverse order', () => {
    const cs = otnSet();
    otn.createOduContainer(cs, { name: 'n1', type: 'ODU0', port: 'line-2', tributarySlots: [1] });
    otn.createOduContainer(cs, { name: 'n2', type: 'ODU0', port: 'line-1', tributarySlots: [1] });
    otn.createOduCrossConnect(cs, { name: 'x', from: 'n1', to: 'n2' });
    osu.deleteOsuConnection(cs, 'osu-existing');
    const inverse = cs.inverse();
    expect(inverse.edits.map((e) => `${e.op}:${e.key.name}`)).toEqual(['create:osu-existing', 'delete:x', 'delete:n2', 'delete:n1']);
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
    expect(json.edits.map((e: { op: string }) => e.op)).toEqual(['create', 'delete']);
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
