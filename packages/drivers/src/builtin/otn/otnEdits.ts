import type { Edit, EntryValue } from '../../changeset/Edit';
import { checkInteger, checkName, verbFailure } from '../../changeset/verbArgs';
import type { OduContainerArgs, OduCrossConnectArgs, OduProtectionGroupArgs, OduType } from '../../contract/otn';
import { switchingValue } from '../osu/osuEdits';

export const OTN_MODULE = 'milli-otn';
export const ODU_PATH = [`${OTN_MODULE}:otn`, 'odus', 'odu'];
export const ODU_XC_PATH = [`${OTN_MODULE}:otn`, 'odu-cross-connects', 'odu-cross-connect'];
export const ODU_GROUP_PATH = [`${OTN_MODULE}:otn`, 'protection-groups', 'protection-group'];
export const LINE_PORT_PATH = [`${OTN_MODULE}:otn`, 'line-ports', 'line-port'];

const ODU_TYPES: readonly OduType[] = ['ODU0', 'ODU2', 'ODU4', 'ODUflex'];
const FIXED_SLOTS: Record<string, number> = { ODU0: 1, ODU2: 8, ODU4: 80 };

/** Pure: the edit that creates an ODU container. Slot counts are checked here for a clear message; YANG checks them again. */
export function createOduContainerEdit(device: string, args: OduContainerArgs): Edit {
  const verb = 'createOduContainer';
  if (!ODU_TYPES.includes(args.type)) throw verbFailure(device, verb, `type '${String(args.type)}' is not one of ${ODU_TYPES.join(', ')}`);
  const port = checkName(device, verb, 'port', args.port);
  const slots = [...(args.tributarySlots ?? [])].map((s) => checkInteger(device, verb, 'tributarySlots', s, 1, 320));
  if (new Set(slots).size !== slots.length) throw verbFailure(device, verb, `tributary slots repeat: ${slots.join(',')}`, { slots });
  slots.sort((a, b) => a - b);
  const fixed = FIXED_SLOTS[args.type];
  if (slots.length > 0 && fixed !== undefined && slots.length !== fixed) {
    throw verbFailure(device, verb, `${args.type} takes ${fixed} tributary slot(s), got ${slots.length}`, { slots });
  }
  if (args.type === 'ODUflex' && args.rateKbps === undefined) throw verbFailure(device, verb, 'an ODUflex needs rateKbps');
  const name = checkName(device, verb, 'name', args.name ?? (slots.length > 0 ? `odu-${port}-${slots[0]}` : `odu-${port}`));
  const value: EntryValue = { name, type: args.type };
  if (args.rateKbps !== undefined) value['rate-kbps'] = String(checkInteger(device, verb, 'rateKbps', args.rateKbps, 1, 400_000_000));
  value.port = port;
  if (slots.length > 0) value['tributary-slots'] = slots;
  return { op: 'create', path: ODU_PATH, key: { name }, value };
}

export function deleteOduContainerEdit(device: string, name: string): Edit {
  return { op: 'delete', path: ODU_PATH, key: { name: checkName(device, 'deleteOduContainer', 'name', name) } };
}

export function createOduCrossConnectEdit(device: string, args: OduCrossConnectArgs): Edit {
  const verb = 'createOduCrossConnect';
  const from = checkName(device, verb, 'from', args.from);
  const to = checkName(device, verb, 'to', args.to);
  if (from === to) throw verbFailure(device, verb, `from and to are the same ODU '${from}'`, { from, to });
  const name = checkName(device, verb, 'name', args.name ?? `oxc-${from}-${to}`);
  return { op: 'create', path: ODU_XC_PATH, key: { name }, value: { name, from, to } };
}

export function deleteOduCrossConnectEdit(device: string, name: string): Edit {
  return { op: 'delete', path: ODU_XC_PATH, key: { name: checkName(device, 'deleteOduCrossConnect', 'name', name) } };
}

/** Pure: an ODUflex's new rate (and slots) in place: a merge, the container keeps its name. */
export function resizeOduflexEdit(device: string, name: string, args: { rateKbps: number; tributarySlots?: number[] }): Edit {
  const verb = 'resizeOduflex';
  const value: EntryValue = { name: checkName(device, verb, 'name', name) };
  value['rate-kbps'] = String(checkInteger(device, verb, 'rateKbps', args.rateKbps, 1, 400_000_000));
  if (args.tributarySlots !== undefined) {
    const slots = args.tributarySlots.map((s) => checkInteger(device, verb, 'tributarySlots', s, 1, 320)).sort((a, b) => a - b);
    if (new Set(slots).size !== slots.length) throw verbFailure(device, verb, `tributary slots repeat: ${slots.join(',')}`, { slots });
    value['tributary-slots'] = slots;
  }
  return { op: 'merge', path: ODU_PATH, key: { name: value.name as string }, value };
}

export function createOduProtectionGroupEdit(device: string, args: OduProtectionGroupArgs): Edit {
  const verb = 'createOduProtectionGroup';
  const crossConnect = checkName(device, verb, 'crossConnect', args.crossConnect);
  const name = checkName(device, verb, 'name', args.name ?? `pg-${crossConnect}`);
  const value: EntryValue = {
    name,
    'cross-connect': crossConnect,
    'protection-odu': checkName(device, verb, 'protectionOdu', args.protectionOdu),
    ...switchingValue(device, verb, args),
  };
  return { op: 'create', path: ODU_GROUP_PATH, key: { name }, value };
}

export function deleteOduProtectionGroupEdit(device: string, name: string): Edit {
  return { op: 'delete', path: ODU_GROUP_PATH, key: { name: checkName(device, 'deleteOduProtectionGroup', 'name', name) } };
}

/** Pure: a line port tuned to a channel, as a merge into its entry. */
export function tuneLinePortEdit(device: string, port: string, channel: number): Edit {
  const verb = 'tuneLinePort';
  const name = checkName(device, verb, 'port', port);
  return {
    op: 'merge',
    path: LINE_PORT_PATH,
    key: { port: name },
    value: { port: name, channel: checkInteger(device, verb, 'channel', channel, 1, 96) },
  };
}

/** Pure: a line port back to untuned: its channel removed, the rest of its entry kept (a merge with a removal). */
export function untuneLinePortEdit(device: string, port: string): Edit {
  const name = checkName(device, 'untuneLinePort', 'port', port);
  return { op: 'merge', path: LINE_PORT_PATH, key: { port: name }, value: { port: name }, remove: ['channel'] };
}
