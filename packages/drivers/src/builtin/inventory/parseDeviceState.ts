import type { DeviceKind, PortKind, PortRate } from '@milli/topology';
import { descend, listUnder, numberOf, parseDataXml, text, textsOf } from '../../changeset/stateXml';
import type { CrossConnectInfo, DeviceFacts, NeighbourInfo, PortInfo } from '../../contract/inventory';
import { parseOdu } from '../otn/parseOdu';
import { parseOsu } from '../osu/parseOsu';
import { parseMediaChannels } from '../roadm/parseMediaChannels';

/** Pure: identity, ports and neighbours (milli-device) and every cross-connect (roadm, otn, osu) in one `<get>` reply. */
export function parseDeviceState(device: string, data: string | undefined, fallbackKind: DeviceKind): DeviceFacts {
  const root = parseDataXml(data);
  const identity = descend(root, 'device', 'identity');
  const ports: PortInfo[] = [];
  const neighbours: NeighbourInfo[] = [];
  // ROADM add/drop ports take their group from milli-roadm's add-drop-groups.
  const groupOf = new Map<string, string>();
  for (const group of listUnder(root, ['roadm', 'add-drop-groups'], 'group')) {
    for (const port of textsOf(group, 'port')) groupOf.set(port, text(group, 'id') ?? '');
  }
  for (const node of listUnder(root, ['device', 'ports'], 'port')) {
    const id = text(node, 'name') ?? '';
    const rate = text(node, 'rate');
    const oper = text(node, 'oper-status');
    ports.push({
      id,
      kind: (text(node, 'kind') ?? 'line') as PortKind,
      ...(rate ? { rate: rate as PortRate } : {}),
      ...(groupOf.has(id) ? { group: groupOf.get(id) } : {}),
      ...(text(node, 'osu-capable') === 'true' ? { osu: true } : {}),
      ...(oper === 'up' || oper === 'down' ? { operStatus: oper } : {}),
    });
    const n = descend(node, 'neighbour');
    const remoteDevice = n && text(n, 'remote-device');
    const remotePort = n && text(n, 'remote-port');
    if (n && remoteDevice && remotePort) {
      const length = numberOf(n, 'fibre-length-km');
      const latency = numberOf(n, 'measured-latency-us');
      const fibreId = text(n, 'fibre-id');
      neighbours.push({
        localPort: id,
        remoteDevice,
        remotePort,
        ...(length !== undefined ? { lengthKm: length } : {}),
        ...(latency !== undefined ? { measuredLatencyUs: latency } : {}),
        ...(fibreId ? { fibreId } : {}),
      });
    }
  }
  const kind = (identity && text(identity, 'kind')) as DeviceKind | undefined;
  const model = identity && text(identity, 'model');
  const vendor = identity && text(identity, 'vendor');
  return {
    device: (identity && text(identity, 'id')) || device,
    kind: kind ?? fallbackKind,
    ...(model ? { model } : {}),
    ...(vendor ? { vendor } : {}),
    ports,
    neighbours,
    crossConnects: crossConnectsIn(data),
  };
}

/** Pure: every cross-connect of every layer in a reply, with oper-status. */
export function crossConnectsIn(data: string | undefined): CrossConnectInfo[] {
  const out: CrossConnectInfo[] = [];
  for (const { name, from, to, operStatus, ...detail } of parseMediaChannels(data)) {
    out.push({ layer: 'media-channel', name, from, to, ...(operStatus ? { operState: operStatus } : {}), detail });
  }
  const odu = parseOdu(data);
  for (const { name, port, operStatus, ...detail } of odu.containers) {
    out.push({ layer: 'odu-container', name, from: port, ...(operStatus ? { operState: operStatus } : {}), detail });
  }
  for (const { name, from, to, operStatus } of odu.crossConnects) {
    out.push({ layer: 'odu-cross-connect', name, from, to, ...(operStatus ? { operState: operStatus } : {}), detail: {} });
  }
  const osu = parseOsu(data);
  for (const { name, clientPort, odu: carrier, osuId, operStatus, ...detail } of osu.connections) {
    out.push({
      layer: 'osu-connection',
      name,
      from: clientPort,
      to: `${carrier}#${osuId}`,
      ...(operStatus ? { operState: operStatus } : {}),
      detail,
    });
  }
  for (const { name, from, to, operStatus, bandwidthKbps } of osu.crossConnects) {
    out.push({
      layer: 'osu-cross-connect',
      name,
      from: `${from.odu}#${from.osuId}`,
      to: `${to.odu}#${to.osuId}`,
      ...(operStatus ? { operState: operStatus } : {}),
      detail: { bandwidthKbps },
    });
  }
  return out;
}
