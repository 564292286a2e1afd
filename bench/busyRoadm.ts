// A busy ROADM for bench:yang: a DC-interconnect node holding hundreds of media channels (96 channels on each of
// several degrees), with both ends of each in milli-roadm's index of channel uses as the ROADM driver writes them.
import { join } from 'node:path';
import { type EntryValue, MILLI_YANG_DIR, RoadmDriverVerbs } from '@milli/drivers';
import { compareWays, withModuleBefore } from './indexBaseline';

/** milli-roadm as it was before the index of channel uses: the baseline, kept beside the benchmark. */
const ROADM_BEFORE_INDEX = join(import.meta.dirname, 'baselines', 'milli-roadm-before-channel-uses.yang');

const CHANNELS = 96;
const MEDIA_CHANNEL_PATH = ['milli-roadm:roadm', 'media-channels', 'media-channel'];

/**
 * Running config (RFC 7951 JSON) of a ROADM with `mediaChannels` media channels: the k-th 96 of them add/drop every
 * channel between degree k and add/drop port k, so every port carries up to 96 channels. `withIndex`: with the
 * channel-uses entries of both ends (the module since the index); without, as the module before it held them. A spare
 * degree and add/drop port (deg-spare, ad-spare) carry nothing, for the new media channel.
 */
export function busyRoadmDevice(mediaChannels: number, withIndex: boolean): EntryValue {
  const groups = Math.ceil(mediaChannels / CHANNELS);
  const ports = [
    ...Array.from({ length: groups }, (_, k) => [
      { name: `deg-${k + 1}`, kind: 'degree' },
      { name: `ad-${k + 1}`, kind: 'add-drop' },
    ]).flat(),
    { name: 'deg-spare', kind: 'degree' },
    { name: 'ad-spare', kind: 'add-drop' },
  ];
  const channels = Array.from({ length: mediaChannels }, (_, i) => {
    const k = Math.floor(i / CHANNELS) + 1;
    return { name: `mc-${i}`, channel: (i % CHANNELS) + 1, from: `ad-${k}`, to: `deg-${k}`, 'target-power-dbm': '-1.5' };
  });
  const roadm: EntryValue = { 'media-channels': { 'media-channel': channels } };
  if (withIndex) {
    roadm['channel-uses'] = {
      'channel-use': channels.flatMap((mc) => [mc.from, mc.to].map((port) => ({ port, channel: mc.channel, 'media-channel': mc.name }))),
    };
  }
  return { 'milli-device:device': { ports: { port: ports } }, 'milli-roadm:roadm': roadm };
}

const NEW_CHANNEL = { name: 'new-mc', channel: 1, from: 'ad-spare', to: 'deg-spare' };

/**
 * One new media channel on a busy ROADM, validated locally on the kept tree (the controller's change set, CPU time,
 * medians of `runs`), at three sizes. milli-roadm checked each media channel against every other (a must scanning
 * the list: media channels squared); through the index each end's check is a hashed lookup. The baseline, in the
 * same run and alternating: the same device under milli-roadm before the index, its media channel written alone as it
 * was then; the module as it was (bench/baselines/milli-roadm-before-channel-uses.yang) among today's others, or
 * `beforeDir` (a yang/ directory holding it).
 */
export function measureBusyRoadm(runs: number, beforeDir?: string): void {
  const roadm = new RoadmDriverVerbs('busy', {} as never);
  withModuleBefore('milli-roadm', ROADM_BEFORE_INDEX, beforeDir, (before) =>
    compareWays('busy ROADM: one new media channel (the index: with its channel-uses entries)', 'media channels', [100, 300, 600], runs, [
      {
        label: 'with the index',
        dir: MILLI_YANG_DIR,
        device: (size) => busyRoadmDevice(size, true),
        add: (cs) => void roadm.connectMediaChannel(cs, NEW_CHANNEL),
      },
      {
        label: 'module before',
        dir: before,
        device: (size) => busyRoadmDevice(size, false),
        add: (cs) => void cs.add({ op: 'create', path: MEDIA_CHANNEL_PATH, key: { name: NEW_CHANNEL.name }, value: { ...NEW_CHANNEL } }),
      },
    ]),
  );
}
