import { listUnder, numberOf, parseDataXml, text } from '../../changeset/stateXml';
import type { MediaChannel } from '../../contract/roadm';

/** Pure: the media channels in a `<get>` reply's data (milli-roadm), with their oper-status. */
export function parseMediaChannels(data: string | undefined): MediaChannel[] {
  return listUnder(parseDataXml(data), ['roadm', 'media-channels'], 'media-channel').map((node) => {
    const power = numberOf(node, 'target-power-dbm');
    const oper = text(node, 'oper-status');
    return {
      name: text(node, 'name') ?? '',
      channel: numberOf(node, 'channel') ?? 0,
      from: text(node, 'from') ?? '',
      to: text(node, 'to') ?? '',
      ...(power !== undefined ? { targetPowerDbm: power } : {}),
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
}
