import type { XmlElement } from '@milli/netconf-client';
import { descend, listUnder, numberOf, parseDataXml, text } from '../../changeset/stateXml';
import type { OsuEndpoint, OsuListing, ProtectionSwitching } from '../../contract/osu';

function endpoint(node: XmlElement | undefined): OsuEndpoint {
  return { odu: (node && text(node, 'odu')) ?? '', osuId: (node && numberOf(node, 'osu-id')) ?? 0 };
}

/** Pure: OSU connections and OSU cross-connects in a `<get>` reply's data (milli-osu), with oper-status. */
export function parseOsu(data: string | undefined): OsuListing {
  const root = parseDataXml(data);
  const connections = listUnder(root, ['osu', 'connections'], 'connection').map((node) => {
    const vlan = numberOf(node, 'vlan');
    const oper = text(node, 'oper-status');
    return {
      name: text(node, 'name') ?? '',
      clientPort: text(node, 'client-port') ?? '',
      ...(vlan !== undefined ? { vlan } : {}),
      bandwidthKbps: numberOf(node, 'bandwidth-kbps') ?? 0,
      ...endpoint(node),
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
  const crossConnects = listUnder(root, ['osu', 'cross-connects'], 'cross-connect').map((node) => {
    const oper = text(node, 'oper-status');
    return {
      name: text(node, 'name') ?? '',
      from: endpoint(descend(node, 'from')),
      to: endpoint(descend(node, 'to')),
      bandwidthKbps: numberOf(node, 'bandwidth-kbps') ?? 0,
      ...(oper !== undefined ? { operStatus: oper } : {}),
    };
  });
  const protectionGroups = listUnder(root, ['osu', 'protection-groups'], 'protection-group').map((node) => ({
    name: text(node, 'name') ?? '',
    connection: text(node, 'connection') ?? '',
    protection: endpoint(descend(node, 'protection')),
    ...parseSwitching(node),
  }));
  return { connections, crossConnects, protectionGroups };
}

/** The switching leaves of a protection group, defaults filled in as the module states them. */
export function parseSwitching(node: XmlElement): ProtectionSwitching & { selectedLeg?: 'working' | 'protection' } {
  const leg = text(node, 'selected-leg');
  return {
    revertive: (text(node, 'revertive') ?? 'true') === 'true',
    holdOffMs: numberOf(node, 'hold-off-ms') ?? 0,
    waitToRestoreS: numberOf(node, 'wait-to-restore-s') ?? 300,
    ...(leg === 'working' || leg === 'protection' ? { selectedLeg: leg } : {}),
  };
}
