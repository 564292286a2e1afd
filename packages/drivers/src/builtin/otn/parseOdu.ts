import { listUnder, numberOf, parseDataXml, text, textsOf } from '../../changeset/stateXml';
import type { OduListing, OduType } from '../../contract/otn';
import { parseSwitching } from '../osu/parseOsu';

/** Pure: ODU containers and ODU cross-connects in a `<get>` reply's data (milli-otn), with oper-status. */
export function parseOdu(data: string | undefined): OduListing {
  const root = parseDataXml(data);
  const containers = listUnder(root, ['otn', 'odus'], 'odu').map((node) => {
    const rate = numberOf(node, 'rate-kbps');
    const oper = text(node, 'oper-status');
    return {
      name: text(node, 'name') ?? '',
      type: (text(node, 'type') ?? 'ODU0') as OduType,
      port: text(node, 'port') ?? '',
      tributarySlots: textsOf(node, 'tributary-slots')
        .map(Number)
        .sort((a, b) => a - b),
      ...(rate !== undefined ? { rateKbps: rate } : {}),
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
  const crossConnects = listUnder(root, ['otn', 'odu-cross-connects'], 'odu-cross-connect').map((node) => {
    const oper = text(node, 'oper-status');
    return {
      name: text(node, 'name') ?? '',
      from: text(node, 'from') ?? '',
      to: text(node, 'to') ?? '',
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
  const protectionGroups = listUnder(root, ['otn', 'protection-groups'], 'protection-group').map((node) => ({
    name: text(node, 'name') ?? '',
    crossConnect: text(node, 'cross-connect') ?? '',
    protectionOdu: text(node, 'protection-odu') ?? '',
    ...parseSwitching(node),
  }));
  const linePorts = listUnder(root, ['otn', 'line-ports'], 'line-port').map((node) => {
    const channel = numberOf(node, 'channel');
    const admin = text(node, 'admin-status');
    const oper = text(node, 'oper-status');
    return {
      port: text(node, 'port') ?? '',
      ...(channel !== undefined ? { channel } : {}),
      ...(admin === 'up' || admin === 'down' ? { adminStatus: admin as 'up' | 'down' } : {}),
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
  return { containers, crossConnects, protectionGroups, linePorts };
}
