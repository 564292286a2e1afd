import {
  CHANNEL_USE_PATH,
  ChangeSet,
  type Edit,
  type EntryValue,
  type NetconfOps,
  RoadmDriverVerbs,
  addMediaChannelEdit,
  applyEdits,
  channelUseEdits,
  findEntry,
} from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { ROADM_RUNNING } from '../fixtures';
import { outcome, schema } from './schemaHarness';

// milli-roadm's index of channel uses: every edit of a media channel carries the channel-use entries of its two ends
// in the same change set, computed from the media channel before and after, and a clash is refused before the YANG.

const MC_PATH = ['milli-roadm:roadm', 'media-channels', 'media-channel'];
const roadm = new RoadmDriverVerbs('r1', {} as NetconfOps);
const fresh = (base: EntryValue = ROADM_RUNNING) => new ChangeSet({ device: 'r1', base, namespaces: schema.namespaces, schema });
const entryAt = (config: EntryValue, port: string, channel: number) =>
  findEntry(config, { path: CHANNEL_USE_PATH, key: { port, channel } });
const indexOf = (config: EntryValue) =>
  ((config['milli-roadm:roadm'] as { 'channel-uses'?: { 'channel-use'?: EntryValue[] } })['channel-uses']?.['channel-use'] ?? []).map(
    (e) => `${e.port}/${e.channel} ${e['media-channel']}`,
  );
/** The edits in one line each: op, list, and the entry's key. */
const shown = (edits: readonly Edit[]) =>
  edits.map((e) => `${e.op} ${e.path.at(-1)} ${e.key.name ?? e.key.id ?? `${e.key.port}/${e.key.channel}`}`);
const existing = findEntry(ROADM_RUNNING, { path: MC_PATH, key: { name: 'mc-existing' } })!;

describe('channelUseEdits (pure): the index edits of a media channel from before to after', () => {
  it('a create takes both ends, a delete leaves both', () => {
    const mc = { name: 'n', channel: 12, from: 'ad-1', to: 'deg-2' };
    expect(shown(channelUseEdits(ROADM_RUNNING, 'r1', 'n', undefined, mc))).toEqual([
      'create channel-use ad-1/12',
      'create channel-use deg-2/12',
    ]);
    expect(channelUseEdits(ROADM_RUNNING, 'r1', 'n', undefined, mc)[0]!.value).toEqual({ port: 'ad-1', channel: 12, 'media-channel': 'n' });
    // deletes 'to' first, so that an inverse puts them back in their order
    expect(shown(channelUseEdits(ROADM_RUNNING, 'r1', 'mc-existing', existing, undefined))).toEqual([
      'delete channel-use deg-2/7',
      'delete channel-use deg-1/7',
    ]);
  });

  it('a merge moving one end moves its entry; one changing the channel moves both; swapping the ends keeps both', () => {
    const moved = { ...existing, to: 'ad-1' };
    expect(shown(channelUseEdits(ROADM_RUNNING, 'r1', 'mc-existing', existing, moved))).toEqual([
      'delete channel-use deg-2/7',
      'create channel-use ad-1/7',
    ]);
    const retuned = { ...existing, channel: 9 };
    expect(shown(channelUseEdits(ROADM_RUNNING, 'r1', 'mc-existing', existing, retuned))).toEqual([
      'delete channel-use deg-2/7',
      'delete channel-use deg-1/7',
      'create channel-use deg-1/9',
      'create channel-use deg-2/9',
    ]);
    // an entry names the media channel, not its end: the ends swapped use the same ports and channel
    expect(channelUseEdits(ROADM_RUNNING, 'r1', 'mc-existing', existing, { ...existing, from: 'deg-2', to: 'deg-1' })).toEqual([]);
    // only the power changes: nothing to do in the index
    expect(channelUseEdits(ROADM_RUNNING, 'r1', 'mc-existing', existing, { ...existing, 'target-power-dbm': '0.5' })).toEqual([]);
  });

  it('a replace over a missing entry writes it again; an entry naming another media channel is not deleted', () => {
    const withoutEntry = applyEdits(ROADM_RUNNING, [{ op: 'delete', path: CHANNEL_USE_PATH, key: { port: 'deg-2', channel: 7 } }]);
    expect(shown(channelUseEdits(withoutEntry, 'r1', 'mc-existing', existing, existing))).toEqual(['create channel-use deg-2/7']);
    // mc-existing leaving deg-2 where the entry is already another's: that entry is left alone
    const othersEntry = applyEdits(withoutEntry, [
      {
        op: 'create',
        path: CHANNEL_USE_PATH,
        key: { port: 'deg-2', channel: 7 },
        value: { port: 'deg-2', channel: 7, 'media-channel': 'x' },
      },
    ]);
    expect(shown(channelUseEdits(othersEntry, 'r1', 'mc-existing', existing, { ...existing, to: 'ad-2' }))).toEqual([
      'create channel-use ad-2/7',
    ]);
  });

  it('a port and channel another media channel uses is refused, naming the holder and the end', () => {
    const clash = () => channelUseEdits(ROADM_RUNNING, 'r1', 'n', undefined, { name: 'n', channel: 7, from: 'ad-1', to: 'deg-2' });
    expect(outcome(clash)).toBe("DRIVER_VALIDATION /milli-roadm:roadm/media-channels/media-channel[name='n'] channel-in-use");
    expect(clash).toThrow("r1: channel 7 on port deg-2 (the media channel's 'to') is already used by media channel 'mc-existing'");
  });
});

describe('addMediaChannelEdit: a media channel and its entries as one step', () => {
  it('the verbs write and release a media channel with its entries, and the result validates', () => {
    const cs = fresh();
    roadm.connectMediaChannel(cs, { name: 'n', channel: 12, from: 'ad-1', to: 'deg-2' });
    expect(indexOf(cs.result())).toEqual(['deg-1/7 mc-existing', 'deg-2/7 mc-existing', 'ad-1/12 n', 'deg-2/12 n']);
    roadm.releaseMediaChannel(cs, 'mc-existing');
    expect(indexOf(cs.result())).toEqual(['ad-1/12 n', 'deg-2/12 n']);
    expect(() => cs.validate()).not.toThrow();
    // the released port and channel is free again
    roadm.connectMediaChannel(cs, { name: 'm', channel: 7, from: 'deg-2', to: 'ad-2' });
    expect(entryAt(cs.result(), 'deg-2', 7)).toEqual({ port: 'deg-2', channel: 7, 'media-channel': 'm' });
    expect(applyEdits(cs.result(), cs.inverse().edits)).toEqual(ROADM_RUNNING);
  });

  it('a clash is refused as it is added, naming the holder, and the change set keeps nothing of it', () => {
    const cs = fresh();
    roadm.connectMediaChannel(cs, { name: 'n', channel: 12, from: 'ad-1', to: 'deg-2' });
    const edits = cs.edits.length;
    const add = () => roadm.connectMediaChannel(cs, { name: 'clash', channel: 12, from: 'deg-2', to: 'deg-1' });
    expect(outcome(add)).toBe("DRIVER_VALIDATION /milli-roadm:roadm/media-channels/media-channel[name='clash'] channel-in-use");
    expect(add).toThrow(/channel 12 on port deg-2 \(the media channel's 'from'\) is already used by media channel 'n'/);
    expect(cs.edits).toHaveLength(edits);
    expect(indexOf(cs.result())).toHaveLength(4);
  });

  it('an edit the YANG refuses leaves none of its entries either', () => {
    const cs = fresh();
    const before = cs.result();
    // ad-9 is no port of the device: the media channel's leafref fails, after the index edits were computed
    expect(outcome(() => roadm.connectMediaChannel(cs, { name: 'n', channel: 12, from: 'ad-9', to: 'deg-2' }))).toMatch(
      /^DRIVER_VALIDATION .*media-channel\[name='n'\]\/from/,
    );
    expect(cs.isEmpty).toBe(true);
    expect(cs.result()).toBe(before);
    expect(entryAt(cs.result(), 'deg-2', 12)).toBeUndefined();
  });

  it('a merge moving an end, and a replace over a missing entry, carry their index edits; the inverse restores all', () => {
    const cs = fresh();
    addMediaChannelEdit(cs, { op: 'merge', path: MC_PATH, key: { name: 'mc-existing' }, value: { name: 'mc-existing', to: 'ad-2' } });
    expect(shown(cs.edits)).toEqual(['delete channel-use deg-2/7', 'merge media-channel mc-existing', 'create channel-use ad-2/7']);
    expect(() => cs.validate()).not.toThrow();
    expect(applyEdits(cs.result(), cs.inverse().edits)).toEqual(ROADM_RUNNING);

    // as the reconciler writes a changed media channel back: replaced whole, over a config that lost an entry
    const lost = applyEdits(ROADM_RUNNING, [{ op: 'delete', path: CHANNEL_USE_PATH, key: { port: 'deg-1', channel: 7 } }]);
    const repaired = new ChangeSet({ device: 'r1', base: lost, namespaces: schema.namespaces });
    addMediaChannelEdit(repaired, { op: 'replace', path: MC_PATH, key: { name: 'mc-existing' }, value: { ...existing, channel: 8 } });
    expect(shown(repaired.edits)).toEqual([
      'delete channel-use deg-2/7',
      'replace media-channel mc-existing',
      'create channel-use deg-1/8',
      'create channel-use deg-2/8',
    ]);
    expect(indexOf(repaired.result())).toEqual(['deg-1/8 mc-existing', 'deg-2/8 mc-existing']);
  });

  it('edits of other lists go alone; the module itself refuses a media channel written without its entries', () => {
    const cs = fresh();
    const degree: Edit = {
      op: 'create',
      path: ['milli-roadm:roadm', 'degrees', 'degree'],
      key: { id: 1 },
      value: { id: 1, port: 'deg-1' },
    };
    addMediaChannelEdit(cs, degree);
    expect(shown(cs.edits)).toEqual(['create degree 1']);
    const raw: Edit = { op: 'create', path: MC_PATH, key: { name: 'raw' }, value: { name: 'raw', channel: 20, from: 'ad-1', to: 'deg-1' } };
    expect(outcome(() => cs.add(raw))).toBe(
      "DRIVER_VALIDATION /milli-roadm:roadm/media-channels/media-channel[name='raw'] channel-use-missing",
    );
  });
});
