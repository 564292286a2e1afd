import type { Edit } from '../../changeset/Edit';
import { checkInteger, checkName, checkNumber, decimal, verbFailure } from '../../changeset/verbArgs';
import type { MediaChannelArgs } from '../../contract/roadm';

export const ROADM_MODULE = 'milli-roadm';
export const MEDIA_CHANNEL_PATH = [`${ROADM_MODULE}:roadm`, 'media-channels', 'media-channel'];

/** Pure: the edit that creates a media channel (milli-roadm `media-channel`), after checking the arguments. */
export function connectMediaChannelEdit(device: string, args: MediaChannelArgs): Edit {
  const verb = 'connectMediaChannel';
  const channel = checkInteger(device, verb, 'channel', args.channel, 1, 96);
  const from = checkName(device, verb, 'from', args.from);
  const to = checkName(device, verb, 'to', args.to);
  if (from === to) throw verbFailure(device, verb, `from and to are the same port '${from}'`, { from, to });
  const name = checkName(device, verb, 'name', args.name ?? `mc-${channel}-${from}-${to}`);
  const value: Edit['value'] = { name, channel, from, to };
  if (args.targetPowerDbm !== undefined) {
    value['target-power-dbm'] = decimal(checkNumber(device, verb, 'targetPowerDbm', args.targetPowerDbm, -30, 10), 2);
  }
  return { op: 'create', path: MEDIA_CHANNEL_PATH, key: { name }, value };
}

export function releaseMediaChannelEdit(device: string, name: string): Edit {
  return { op: 'delete', path: MEDIA_CHANNEL_PATH, key: { name: checkName(device, 'releaseMediaChannel', 'name', name) } };
}
