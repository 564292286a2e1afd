import type { Fibre, FibreEnd, Topology } from '@milli/topology';
import type { DeviceConfigSummary } from '../device/model/configSummary';
import type { SignalFailure } from '../device/model/SignalFailure';
import { UnionFind } from './UnionFind';

export interface LightInput {
  topology: Topology;
  /** The running configuration of every device that is up. */
  configs: ReadonlyMap<string, DeviceConfigSummary>;
  cutFibres: ReadonlySet<string>;
  /** Devices crashed or stopped: everything through them loses its signal. */
  downDevices: ReadonlySet<string>;
}

const at = (device: string, port: string) => `${device}/${port}`;

/**
 * Whether anything in the lab is dark: every loss of signal starts at a port whose fibre is cut or whose far device
 * is down, so with neither the whole lab is lit, whatever the devices hold.
 */
export function somethingDark(cutFibres: ReadonlySet<string>, downDevices: ReadonlySet<string>): boolean {
  return cutFibres.size > 0 || downDevices.size > 0;
}

/** What every device lost when nothing is dark: nothing. */
export function litEverywhere(devices: Iterable<string>): Map<string, SignalFailure[]> {
  return new Map([...devices].map((d) => [d, []]));
}

/**
 * propagateLight, with the lab lit (nothing cut, no device down) answered at once: the common case after a commit,
 * where following every lightpath, trail and OSU of the lab would find nothing lost (test/lightPropagation.test.ts
 * compares both on random configurations). With something dark the whole lab is followed.
 */
export function propagateLight(input: LightInput): Map<string, SignalFailure[]> {
  if (!somethingDark(input.cutFibres, input.downDevices)) return litEverywhere(input.configs.keys());
  return followLight(input);
}

/**
 * Follows light across the lab as on real gear. A cut fibre or a device down darkens the ports facing it; a media
 * channel loses its signal when any channel of its lightpath (the same channel number, ROADM to ROADM over fibres)
 * does; the OTN/OSU ports at a broken lightpath's add/drop ends lose their signal; an ODU loses its frame when any ODU
 * of its trail (peer ODUs on the two ends of a link, joined by ODU cross-connects) sits on a dark port; an OSU
 * connection or cross-connect goes down when its OSU trail crosses a failed ODU, a protected one only when both legs
 * did. Returns, per device that is up, what it lost and why.
 */
export function followLight(input: LightInput): Map<string, SignalFailure[]> {
  const { topology, configs, cutFibres, downDevices } = input;
  const kindOf = new Map(topology.devices.map((d) => [d.id, d.kind]));
  const isRoadm = (device: string) => kindOf.get(device) === 'roadm' || kindOf.get(device) === 'oxc';
  const fibreAt = new Map<string, { fibre: Fibre; far: FibreEnd }>();
  for (const fibre of topology.fibres) {
    fibreAt.set(at(fibre.a.device, fibre.a.port), { fibre, far: fibre.b });
    fibreAt.set(at(fibre.b.device, fibre.b.port), { fibre, far: fibre.a });
  }
  const darkCause = (device: string, port: string): string | undefined => {
    const f = fibreAt.get(at(device, port));
    if (!f) return undefined;
    if (cutFibres.has(f.fibre.id)) return `fibre ${f.fibre.id} cut`;
    if (downDevices.has(f.far.device)) return `device ${f.far.device} down`;
    return undefined;
  };
  const out = new Map<string, SignalFailure[]>([...configs.keys()].map((d) => [d, []]));
  const fail = (device: string, failure: SignalFailure) => out.get(device)?.push(failure);

  // Ports facing a device that is down (a cut fibre's own ends raise their alarm in the device itself).
  for (const fibre of topology.fibres) {
    for (const [near, far] of [
      [fibre.a, fibre.b],
      [fibre.b, fibre.a],
    ] as const) {
      if (downDevices.has(far.device) && !cutFibres.has(fibre.id))
        fail(near.device, { kind: 'port', name: near.port, cause: `device ${far.device} down` });
    }
  }

  // Lightpaths: media channels joined across fibres by channel number.
  const lightpaths = new UnionFind();
  const mcAt = new Map<string, string>();
  for (const [device, config] of configs) {
    for (const mc of config.mediaChannels) {
      const key = `${device}#${mc.name}`;
      lightpaths.add(key);
      for (const port of [mc.from, mc.to]) mcAt.set(`${at(device, port)}#${mc.channel}`, key);
    }
  }
  const lightpathCause = new Map<string, string>();
  /** Per lightpath, its ends on OTN/OSU ports. */
  const lightpathEnds = new Map<string, string[]>();
  for (const [device, config] of configs) {
    for (const mc of config.mediaChannels) {
      const key = `${device}#${mc.name}`;
      for (const port of [mc.from, mc.to]) {
        const far = fibreAt.get(at(device, port))?.far;
        const farMc = far ? mcAt.get(`${at(far.device, far.port)}#${mc.channel}`) : undefined;
        if (farMc) lightpaths.union(key, farMc);
      }
    }
  }
  for (const [device, config] of configs) {
    for (const mc of config.mediaChannels) {
      const root = lightpaths.find(`${device}#${mc.name}`);
      for (const port of [mc.from, mc.to]) {
        const cause = darkCause(device, port);
        if (cause && !lightpathCause.has(root)) lightpathCause.set(root, cause);
        const far = fibreAt.get(at(device, port))?.far;
        if (far && !isRoadm(far.device)) lightpathEnds.set(root, [...(lightpathEnds.get(root) ?? []), at(far.device, far.port)]);
      }
    }
  }
  for (const [device, config] of configs) {
    for (const mc of config.mediaChannels) {
      const cause = lightpathCause.get(lightpaths.find(`${device}#${mc.name}`));
      if (cause) fail(device, { kind: 'media-channel', name: mc.name, cause });
    }
  }

  // OTN/OSU ports: their peer across a direct fibre or a lightpath, and the signal they lose with it.
  const peerPort = new Map<string, string>();
  const portLost = new Map<string, string>();
  for (const fibre of topology.fibres) {
    if (isRoadm(fibre.a.device) || isRoadm(fibre.b.device)) continue;
    peerPort.set(at(fibre.a.device, fibre.a.port), at(fibre.b.device, fibre.b.port));
    peerPort.set(at(fibre.b.device, fibre.b.port), at(fibre.a.device, fibre.a.port));
  }
  for (const [root, ends] of lightpathEnds) {
    const unique = [...new Set(ends)];
    if (unique.length === 2) {
      peerPort.set(unique[0]!, unique[1]!);
      peerPort.set(unique[1]!, unique[0]!);
    }
    const cause = lightpathCause.get(root);
    if (!cause) continue;
    for (const end of unique) {
      portLost.set(end, cause);
      const [device, port] = splitAt(end);
      if (configs.has(device) && !darkCause(device, port)) fail(device, { kind: 'port', name: port, cause });
    }
  }
  const portCause = (device: string, port: string) => darkCause(device, port) ?? portLost.get(at(device, port));

  // ODU trails: peer ODUs (same tributary slots on the two ends of a link) and ODU cross-connects. A group's working
  // cross-connect does not join the client ODU to the working leg: the client keeps its signal from the other leg.
  const trails = new UnionFind();
  const oduBySlots = new Map<string, string>();
  const odusOnPort = new Map<string, string[]>();
  const oduPeer = new Map<string, string>();
  for (const [device, config] of configs) {
    for (const odu of config.odus) {
      trails.add(`${device}#${odu.name}`);
      oduBySlots.set(`${at(device, odu.port)}#${odu.slots.join(',')}`, `${device}#${odu.name}`);
      const port = at(device, odu.port);
      odusOnPort.set(port, [...(odusOnPort.get(port) ?? []), `${device}#${odu.name}`]);
    }
  }
  // The same slots on both ends of a link; a client port (no slots) faces the one ODU of its peer port.
  const peerOduOf = (peer: string, slots: string[]): string | undefined => {
    const exact = oduBySlots.get(`${peer}#${slots.join(',')}`) ?? oduBySlots.get(`${peer}#`);
    if (exact) return exact;
    const only = odusOnPort.get(peer);
    return only?.length === 1 ? only[0] : undefined;
  };
  for (const [device, config] of configs) {
    const grouped = new Set(config.oduGroups.map((g) => g.workingOdu));
    for (const odu of config.odus) {
      const peer = peerPort.get(at(device, odu.port));
      const peerOdu = peer ? peerOduOf(peer, odu.slots) : undefined;
      if (peerOdu) {
        trails.union(`${device}#${odu.name}`, peerOdu);
        oduPeer.set(`${device}#${odu.name}`, peerOdu);
      }
    }
    for (const xc of config.oduCrossConnects) {
      if (!grouped.has(xc.to)) trails.union(`${device}#${xc.from}`, `${device}#${xc.to}`);
    }
  }
  const trailCause = new Map<string, string>();
  for (const [device, config] of configs) {
    for (const odu of config.odus) {
      const cause = portCause(device, odu.port);
      const root = trails.find(`${device}#${odu.name}`);
      if (cause && !trailCause.has(root)) trailCause.set(root, cause);
    }
  }
  // An ODU whose peer device is down has no trail to join but has lost its frame all the same.
  const oduCause = (device: string, odu: string) => trailCause.get(trails.find(`${device}#${odu}`));
  for (const [device, config] of configs) {
    for (const odu of config.odus) {
      const cause = oduCause(device, odu.name);
      if (cause) fail(device, { kind: 'odu', name: odu.name, cause });
    }
  }

  // OSU trails: an OSU (ODU, OSU id) joined to the same OSU id in the peer ODU and through OSU cross-connects.
  const osu = new UnionFind();
  const endpointKey = (device: string, odu: string, osuId: string) => `${device}#${odu}#${osuId}`;
  const endpoints: { device: string; odu: string; osuId: string }[] = [];
  for (const [device, config] of configs) {
    for (const c of config.osuConnections) endpoints.push({ device, odu: c.odu, osuId: c.osuId });
    for (const g of config.osuGroups) if (g.protectionOsu) endpoints.push({ device, ...g.protectionOsu });
    for (const x of config.osuCrossConnects) {
      endpoints.push({ device, ...x.from }, { device, ...x.to });
      osu.union(endpointKey(device, x.from.odu, x.from.osuId), endpointKey(device, x.to.odu, x.to.osuId));
    }
  }
  for (const e of endpoints) {
    const peer = oduPeer.get(`${e.device}#${e.odu}`);
    if (!peer) continue;
    const [peerDevice, peerOdu] = peer.split('#') as [string, string];
    osu.union(endpointKey(e.device, e.odu, e.osuId), endpointKey(peerDevice, peerOdu, e.osuId));
  }
  const osuCause = new Map<string, string>();
  for (const e of endpoints) {
    const cause = oduCause(e.device, e.odu);
    const root = osu.find(endpointKey(e.device, e.odu, e.osuId));
    if (cause && !osuCause.has(root)) osuCause.set(root, cause);
  }
  const endpointCause = (device: string, odu: string, osuId: string) => osuCause.get(osu.find(endpointKey(device, odu, osuId)));
  for (const e of endpoints) {
    const cause = endpointCause(e.device, e.odu, e.osuId);
    if (cause) fail(e.device, { kind: 'osu-trail', name: `${e.odu}#${e.osuId}`, cause });
  }
  for (const [device, config] of configs) {
    const protectedBy = new Map(config.osuGroups.map((g) => [`${g.workingOsu?.odu}#${g.workingOsu?.osuId}`, g.protectionOsu]));
    for (const c of config.osuConnections) {
      const cause = endpointCause(device, c.odu, c.osuId);
      if (!cause) continue;
      const protection = protectedBy.get(`${c.odu}#${c.osuId}`);
      // A protected connection is down only when its protection leg's OSU trail failed as well.
      if (protection !== undefined && !endpointCause(device, protection.odu, protection.osuId)) continue;
      fail(device, { kind: 'osu-connection', name: c.name, cause });
    }
    for (const x of config.osuCrossConnects) {
      const cause = endpointCause(device, x.from.odu, x.from.osuId);
      if (cause) fail(device, { kind: 'osu-cross-connect', name: x.name, cause });
    }
  }
  return out;
}

function splitAt(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
