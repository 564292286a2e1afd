import type { DataTree } from '@milli/yang-ts';
import { type ConfigRow, configRows } from './configRows';

/** An OSU inside a carrying ODU. */
export interface OsuEndpoint {
  odu: string;
  osuId: string;
}

/**
 * What a device's running configuration says about the signals it carries, as the lab host needs it to follow light
 * across devices: media channels (ROADM), ODUs and ODU cross-connects (OTN), OSU connections and cross-connects (OSU),
 * and the legs of its 1+1 protection groups.
 */
export interface DeviceConfigSummary {
  mediaChannels: { name: string; channel: string; from: string; to: string }[];
  odus: { name: string; port: string; slots: string[] }[];
  oduCrossConnects: { name: string; from: string; to: string }[];
  osuConnections: ({ name: string } & OsuEndpoint)[];
  osuCrossConnects: { name: string; from: OsuEndpoint; to: OsuEndpoint }[];
  /** milli-otn groups: working leg = the cross-connect's `to` ODU; protection leg = `protectionOdu`. */
  oduGroups: ProtectionGroupConfig[];
  /** milli-osu groups: working leg = the connection's ODU; protection leg = the protection OSU's ODU. */
  osuGroups: ProtectionGroupConfig[];
}

export interface ProtectionGroupConfig {
  name: string;
  /** The ODU whose signal the working leg needs. */
  workingOdu: string;
  /** The ODU whose signal the protection leg needs. */
  protectionOdu: string;
  revertive: boolean;
  holdOffMs: number;
  waitToRestoreS: number;
  /** milli-osu groups: the OSUs of the two legs, whose trails decide their signal. */
  workingOsu?: OsuEndpoint;
  protectionOsu?: OsuEndpoint;
}

/** `modules`: the device's YANG modules; a path into a module the device lacks has nothing to say. */
export function summarizeConfig(running: DataTree, modules: readonly string[]): DeviceConfigSummary {
  const rows = (path: readonly string[], key = 'name') =>
    modules.includes(path[0]!.slice(0, path[0]!.indexOf(':'))) ? configRows(running, path, key).map((row) => ({ row, v: row.leaves })) : [];
  const endpoint = (row: ConfigRow, name: string): OsuEndpoint => {
    const v = row.inner(name);
    return { odu: v.get('odu') ?? '', osuId: v.get('osu-id') ?? '' };
  };
  const mediaChannels = rows(['milli-roadm:roadm', 'media-channels', 'media-channel']).map(({ v }) => ({
    name: v.get('name') ?? '',
    channel: v.get('channel') ?? '',
    from: v.get('from') ?? '',
    to: v.get('to') ?? '',
  }));
  const odus = rows(['milli-otn:otn', 'odus', 'odu']).map(({ row, v }) => ({
    name: v.get('name') ?? '',
    port: v.get('port') ?? '',
    slots: row.leafList('tributary-slots').sort((a, b) => Number(a) - Number(b)),
  }));
  const oduCrossConnects = rows(['milli-otn:otn', 'odu-cross-connects', 'odu-cross-connect']).map(({ v }) => ({
    name: v.get('name') ?? '',
    from: v.get('from') ?? '',
    to: v.get('to') ?? '',
  }));
  const osuConnections = rows(['milli-osu:osu', 'connections', 'connection']).map(({ v }) => ({
    name: v.get('name') ?? '',
    odu: v.get('odu') ?? '',
    osuId: v.get('osu-id') ?? '',
  }));
  const osuCrossConnects = rows(['milli-osu:osu', 'cross-connects', 'cross-connect']).map(({ row, v }) => ({
    name: v.get('name') ?? '',
    from: endpoint(row, 'from'),
    to: endpoint(row, 'to'),
  }));
  const switching = (v: Map<string, string>) => ({
    revertive: v.get('revertive') !== 'false',
    holdOffMs: Number(v.get('hold-off-ms') ?? '0'),
    waitToRestoreS: Number(v.get('wait-to-restore-s') ?? '300'),
  });
  const xcTo = new Map(oduCrossConnects.map((x) => [x.name, x.to]));
  const oduGroups = rows(['milli-otn:otn', 'protection-groups', 'protection-group']).map(({ v }) => ({
    name: v.get('name') ?? '',
    workingOdu: xcTo.get(v.get('cross-connect') ?? '') ?? '',
    protectionOdu: v.get('protection-odu') ?? '',
    ...switching(v),
  }));
  const connectionOsu = new Map(osuConnections.map((c) => [c.name, { odu: c.odu, osuId: c.osuId }]));
  const osuGroups = rows(['milli-osu:osu', 'protection-groups', 'protection-group']).map(({ row, v }) => {
    const workingOsu = connectionOsu.get(v.get('connection') ?? '') ?? { odu: '', osuId: '' };
    const protectionOsu = endpoint(row, 'protection');
    return {
      name: v.get('name') ?? '',
      workingOdu: workingOsu.odu,
      protectionOdu: protectionOsu.odu,
      workingOsu,
      protectionOsu,
      ...switching(v),
    };
  });
  return { mediaChannels, odus, oduCrossConnects, osuConnections, osuCrossConnects, oduGroups, osuGroups };
}
