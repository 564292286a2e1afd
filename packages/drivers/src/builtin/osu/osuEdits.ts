import type { Edit, EntryValue } from '../../changeset/Edit';
import { checkInteger, checkName, verbFailure } from '../../changeset/verbArgs';
import type { OsuConnectionArgs, OsuCrossConnectArgs, OsuEndpoint, OsuProtectionGroupArgs, ProtectionSwitching } from '../../contract/osu';

export const OSU_MODULE = 'milli-osu';
export const OSU_CONNECTION_PATH = [`${OSU_MODULE}:osu`, 'connections', 'connection'];
export const OSU_XC_PATH = [`${OSU_MODULE}:osu`, 'cross-connects', 'cross-connect'];
export const OSU_GROUP_PATH = [`${OSU_MODULE}:osu`, 'protection-groups', 'protection-group'];

function bandwidth(device: string, verb: string, value: number): string {
  const kbps = checkInteger(device, verb, 'bandwidthKbps', value, 2000, 1_000_000);
  if (kbps % 2000 !== 0)
    throw verbFailure(device, verb, `bandwidthKbps ${kbps} is not a multiple of 2000 kbit/s (the OSU step)`, { value });
  // uint64 is a string in RFC 7951 JSON.
  return String(kbps);
}

function endpoint(device: string, verb: string, arg: string, end: OsuEndpoint): EntryValue {
  return {
    odu: checkName(device, verb, `${arg}.odu`, end?.odu),
    'osu-id': checkInteger(device, verb, `${arg}.osuId`, end?.osuId, 1, 65535),
  };
}

/** Pure: the edit that maps a client port (and VLAN) into an OSU of a carrying ODU. */
export function createOsuConnectionEdit(device: string, args: OsuConnectionArgs): Edit {
  const verb = 'createOsuConnection';
  const clientPort = checkName(device, verb, 'clientPort', args.clientPort);
  const vlan = args.vlan === undefined ? undefined : checkInteger(device, verb, 'vlan', args.vlan, 1, 4094);
  const name = checkName(device, verb, 'name', args.name ?? `osu-${clientPort}-${vlan ?? 'port'}`);
  const value: EntryValue = { name, 'client-port': clientPort };
  if (vlan !== undefined) value.vlan = vlan;
  value['bandwidth-kbps'] = bandwidth(device, verb, args.bandwidthKbps);
  Object.assign(value, endpoint(device, verb, 'osu', { odu: args.odu, osuId: args.osuId }));
  return { op: 'create', path: OSU_CONNECTION_PATH, key: { name }, value };
}

export function deleteOsuConnectionEdit(device: string, name: string): Edit {
  return { op: 'delete', path: OSU_CONNECTION_PATH, key: { name: checkName(device, 'deleteOsuConnection', 'name', name) } };
}

export function createOsuCrossConnectEdit(device: string, args: OsuCrossConnectArgs): Edit {
  const verb = 'createOsuCrossConnect';
  const from = endpoint(device, verb, 'from', args.from);
  const to = endpoint(device, verb, 'to', args.to);
  if (from.odu === to.odu) throw verbFailure(device, verb, `from and to are in the same ODU '${String(from.odu)}'`);
  const name = checkName(device, verb, 'name', args.name ?? `osux-${from.odu}-${from['osu-id']}-${to.odu}-${to['osu-id']}`);
  return {
    op: 'create',
    path: OSU_XC_PATH,
    key: { name },
    value: { name, from, to, 'bandwidth-kbps': bandwidth(device, verb, args.bandwidthKbps) },
  };
}

export function deleteOsuCrossConnectEdit(device: string, name: string): Edit {
  return { op: 'delete', path: OSU_XC_PATH, key: { name: checkName(device, 'deleteOsuCrossConnect', 'name', name) } };
}

/** Pure: changes the bandwidth of a connection or cross-connect in place (a merge: the entry keeps its name). */
export function changeOsuBandwidthEdit(device: string, entry: { kind: 'connection' | 'cross-connect'; name: string }, kbps: number): Edit {
  const verb = 'changeOsuBandwidth';
  const name = checkName(device, verb, 'name', entry.name);
  const path = entry.kind === 'connection' ? OSU_CONNECTION_PATH : entry.kind === 'cross-connect' ? OSU_XC_PATH : undefined;
  if (path === undefined) throw verbFailure(device, verb, `kind '${String(entry.kind)}' is not 'connection' or 'cross-connect'`);
  return { op: 'merge', path, key: { name }, value: { name, 'bandwidth-kbps': bandwidth(device, verb, kbps) } };
}

/** The switching leaves of a protection group as RFC 7951 JSON (written out, so a read-back equals the plan). */
export function switchingValue(device: string, verb: string, args: ProtectionSwitching): EntryValue {
  return {
    revertive: args.revertive ?? true,
    'hold-off-ms': checkInteger(device, verb, 'holdOffMs', args.holdOffMs ?? 0, 0, 10_000),
    'wait-to-restore-s': checkInteger(device, verb, 'waitToRestoreS', args.waitToRestoreS ?? 300, 0, 720),
  };
}

export function createOsuProtectionGroupEdit(device: string, args: OsuProtectionGroupArgs): Edit {
  const verb = 'createOsuProtectionGroup';
  const connection = checkName(device, verb, 'connection', args.connection);
  const name = checkName(device, verb, 'name', args.name ?? `pg-${connection}`);
  const value: EntryValue = {
    name,
    connection,
    protection: endpoint(device, verb, 'protection', args.protection),
    ...switchingValue(device, verb, args),
  };
  return { op: 'create', path: OSU_GROUP_PATH, key: { name }, value };
}

export function deleteOsuProtectionGroupEdit(device: string, name: string): Edit {
  return { op: 'delete', path: OSU_GROUP_PATH, key: { name: checkName(device, 'deleteOsuProtectionGroup', 'name', name) } };
}
