import { MilliError } from '@milli/core';
import type { OduType } from '@milli/drivers';
import { type OtuLinkSpec, SLOT_KBPS } from '@milli/pce';
import type { Fibre, TopologyIndex } from '@milli/topology';
import { inCreateOrder, type PathRole, type PlannedItem, TARGET_POWER_DBM } from './PlannedItem';
import { type LegName, legOf, type NumberedHop, type ReservedLine, type ReservedPath } from './ReservedLine';

/**
 * The one planner: a reserved line (its paths with their numbers) → the entries every device it touches must hold,
 * in creation order. Pure. Per layer:
 * - wavelength: a media channel on each ROADM/OXC (add/drop → degree, degree → degree, degree → add/drop);
 * - a new lightpath under a groomed OTU link: its media channels (shared by every line that rides the link);
 * - ODU: the line's ODU with its tributary slots on both line ports of every OTU link, ODU cross-connects at transit
 *   switches, and at each end a client ODU cross-connected to the first line ODU;
 * - OSU: an OSU-carrying ODU0 on both line ports of every OTU link (shared by the OSU lines in it), OSU cross-connects
 *   at transit nodes, and an OSU connection at each client end;
 * - protection: at each end a protection group whose working leg is the working path's connection (or cross-connect)
 *   and whose protection leg is the protection path's first OSU (or line ODU).
 */
export function planLine(index: TopologyIndex, reserved: ReservedLine): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const lightpath of reserved.lightpaths) items.push(...planLightpath(index, lightpath.link, reserved.line, lightpath.role));
  for (const path of reserved.paths) {
    if (reserved.layer === 'wavelength') items.push(...planWavelength(index, reserved, path));
    else if (reserved.layer === 'odu') items.push(...planOdu(index, reserved, path));
    else items.push(...planOsu(index, reserved, path));
  }
  if (reserved.paths.length === 2 && reserved.layer !== 'wavelength') items.push(...planProtection(reserved));
  return inCreateOrder(dedupe(items));
}

/**
 * The name of a line's entry on a device: the line, the leg (w/p, or the path's role) and what it is. Unique per
 * device. A leg keeps its letter for life: a surviving leg that becomes the working one keeps its entries' names.
 */
export function entryName(line: string, leg: PathRole | LegName, what: string): string {
  return `${line}-${leg === 'working' ? 'w' : leg === 'protection' ? 'p' : leg}${what ? `-${what}` : ''}`;
}

/**
 * A protection group's name: `<line>-pg` while the protection leg is the `p` leg; a group that protects with the `w`
 * leg (after the working leg was cut and replaced) is a new group on the devices, so its selection starts on its
 * working leg, where the traffic is, instead of inheriting the old group's switched state.
 */
export function protectionGroupName(line: string, protectionLeg: LegName): string {
  return protectionLeg === 'p' ? `${line}-pg` : `${line}-pg-${protectionLeg}`;
}

/** The OSU-carrying ODU0 in tributary slot `slot` of a line port: named by port and slot, so both ends and every line agree. */
export function osuOduName(port: string, slot: number): string {
  return `osu-${port}-ts${slot}`;
}

/** A lightpath's media channels are named by its channel and its two transponders, so any line can find them. */
export function lightpathName(link: OtuLinkSpec): string {
  return `lp-ch${link.channel}-${link.a.device}-${link.a.port}`;
}

/**
 * A groomed link's lightpath, from its spec (so whoever tears it down can plan it): the line ports at both ends
 * tuned to its channel, and its media channels through the ROADMs.
 */
export function planLightpath(index: TopologyIndex, link: OtuLinkSpec, line: string, role: PathRole = 'working'): PlannedItem[] {
  const fibres = link.fibres.map((f) => index.fibre(f));
  const name = lightpathName(link);
  const shared = { kind: 'lightpath' as const, link: link.id };
  const tuned = [link.a, link.b].map(
    (end): PlannedItem => ({ layer: 'line-port', device: end.device, name: end.port, line, path: role, shared, channel: link.channel }),
  );
  return [
    ...tuned,
    ...link.devices.map((roadm, i) => ({
      layer: 'media-channel' as const,
      device: roadm,
      name,
      line,
      path: role,
      shared,
      channel: link.channel,
      from: portOn(fibres[i]!, roadm),
      to: portOn(fibres[i + 1]!, roadm),
      targetPowerDbm: TARGET_POWER_DBM,
    })),
  ];
}

function planWavelength(index: TopologyIndex, reserved: ReservedLine, path: ReservedPath): PlannedItem[] {
  const spans = path.hops.map((h) => h.hop).filter((h) => h.kind === 'span');
  if (spans.length === 0 || path.addDrop === undefined)
    throw new MilliError('INTERNAL', `wavelength path of ${reserved.line} has no spans`, {});
  const name = entryName(reserved.line, legOf(path), '');
  const items: PlannedItem[] = [];
  spans.forEach((span, i) => {
    const into = i === 0 ? path.addDrop!.head.addDrop : portOn(index.fibre(spans[i - 1]!.fibre), span.from);
    items.push(mediaChannel(span.from, name, reserved.line, path.role, span.channel, into, portOn(index.fibre(span.fibre), span.from)));
  });
  const last = spans.at(-1)!;
  items.push(
    mediaChannel(
      last.to,
      name,
      reserved.line,
      path.role,
      last.channel,
      portOn(index.fibre(last.fibre), last.to),
      path.addDrop.tail.addDrop,
    ),
  );
  return items;
}

function mediaChannel(device: string, name: string, line: string, role: PathRole, channel: number, from: string, to: string): PlannedItem {
  return { layer: 'media-channel', device, name, line, path: role, channel, from, to, targetPowerDbm: TARGET_POWER_DBM };
}

/** ODU type and slot count for a rate: ODU0 1, ODU2 8, ODU4 80 slots, ODUflex one per started 1.25G otherwise. */
export function oduTypeFor(kbps: number): { type: OduType; slots: number; rateKbps?: number } {
  const slots = Math.ceil(kbps / SLOT_KBPS);
  if (slots === 1) return { type: 'ODU0', slots };
  if (slots === 8) return { type: 'ODU2', slots };
  if (slots === 80) return { type: 'ODU4', slots };
  return { type: 'ODUflex', slots, rateKbps: kbps };
}

/**
 * The tributary slots an ODU takes at one end of an OTU link: its numbers on a line port, none on a client port (a
 * park's OSU device plugs its line into an access switch's client port, where the ODU is the client's own).
 */
function slotsAt(index: TopologyIndex, end: { device: string; port: string }, slots: number[]): number[] {
  return index.port(`${end.device}/${end.port}`).kind === 'line' ? slots : [];
}

function planOdu(index: TopologyIndex, reserved: ReservedLine, path: ReservedPath): PlannedItem[] {
  const { line, bandwidthKbps, client } = reserved;
  const { type, rateKbps } = oduTypeFor(bandwidthKbps);
  const trace = { line, path: path.role };
  const items: PlannedItem[] = [];
  const lineOdu = (device: string, port: string, slots: number[]): string => {
    const name = entryName(line, legOf(path), port);
    const tributarySlots = slotsAt(index, { device, port }, slots);
    items.push({ layer: 'odu', device, name, ...trace, type, port, tributarySlots, ...(rateKbps ? { rateKbps } : {}) });
    return name;
  };
  const hops = otuHops(path);
  const ins: string[] = [];
  const outs: string[] = [];
  for (const h of hops) {
    outs.push(lineOdu(h.ends!.from.device, h.ends!.from.port, h.slots ?? []));
    ins.push(lineOdu(h.ends!.to.device, h.ends!.to.port, h.slots ?? []));
  }
  for (let i = 1; i < hops.length; i++) {
    items.push({
      layer: 'odu-cross-connect',
      device: hops[i]!.hop.from,
      name: entryName(line, legOf(path), 'x'),
      ...trace,
      from: ins[i - 1]!,
      to: outs[i]!,
    });
  }
  if (path.role === 'working') {
    for (const [end, odu] of [
      [client!.head, outs[0]!],
      [client!.tail, ins.at(-1)!],
    ] as const) {
      const name = `${line}-client`;
      items.push({
        layer: 'odu',
        device: end.device,
        name,
        ...trace,
        type,
        port: end.port,
        tributarySlots: [],
        ...(rateKbps ? { rateKbps } : {}),
      });
      // The client ends belong to the line, not to a leg: their names stay whichever leg is working.
      items.push({ layer: 'odu-cross-connect', device: end.device, name: entryName(line, 'working', 'x'), ...trace, from: name, to: odu });
    }
  }
  return items;
}

function planOsu(index: TopologyIndex, reserved: ReservedLine, path: ReservedPath): PlannedItem[] {
  const { line, bandwidthKbps, client } = reserved;
  const trace = { line, path: path.role };
  const items: PlannedItem[] = [];
  const hops = otuHops(path);
  const ends = hops.map((h) => {
    const { slot, osuId } = h.osu!;
    const shared = { kind: 'osu-odu' as const, link: h.ends!.link, slot };
    for (const end of [h.ends!.from, h.ends!.to]) {
      items.push({
        layer: 'odu',
        device: end.device,
        name: osuOduName(end.port, slot),
        ...trace,
        shared,
        type: 'ODU0',
        port: end.port,
        tributarySlots: slotsAt(index, end, [slot]),
      });
    }
    return { from: { odu: osuOduName(h.ends!.from.port, slot), osuId }, to: { odu: osuOduName(h.ends!.to.port, slot), osuId } };
  });
  for (let i = 1; i < hops.length; i++) {
    items.push({
      layer: 'osu-cross-connect',
      device: hops[i]!.hop.from,
      name: entryName(line, legOf(path), 'x'),
      ...trace,
      from: ends[i - 1]!.to,
      to: ends[i]!.from,
      bandwidthKbps,
    });
  }
  if (path.role === 'working') {
    for (const [end, osu] of [
      [client!.head, ends[0]!.from],
      [client!.tail, ends.at(-1)!.to],
    ] as const) {
      items.push({
        layer: 'osu-connection',
        device: end.device,
        name: entryName(line, 'working', ''),
        ...trace,
        clientPort: end.port,
        ...(end.vlan !== undefined ? { vlan: end.vlan } : {}),
        bandwidthKbps,
        odu: osu.odu,
        osuId: osu.osuId,
      });
    }
  }
  return items;
}

/** At both ends: the working connection (or cross-connect) bridged onto the protection path's first OSU (or ODU). */
function planProtection(reserved: ReservedLine): PlannedItem[] {
  const { line } = reserved;
  const protection = reserved.paths.find((p) => p.role === 'protection')!;
  const hops = otuHops(protection);
  const first = hops[0]!;
  const last = hops.at(-1)!;
  const leg = legOf(protection);
  const name = protectionGroupName(line, leg);
  const trace = { line, path: 'protection' as const };
  // A group at each end of the line: where its first OTU hop leaves and where its last one arrives.
  const ends = [
    { at: first.ends!.from, hop: first },
    { at: last.ends!.to, hop: last },
  ];
  if (reserved.layer === 'osu') {
    return ends.map(({ at, hop }) => ({
      layer: 'osu-protection-group',
      device: at.device,
      name,
      ...trace,
      connection: entryName(line, 'working', ''),
      protection: { odu: osuOduName(at.port, hop.osu!.slot), osuId: hop.osu!.osuId },
    }));
  }
  return ends.map(({ at }) => ({
    layer: 'odu-protection-group',
    device: at.device,
    name,
    ...trace,
    crossConnect: entryName(line, 'working', 'x'),
    protectionOdu: entryName(line, leg, at.port),
  }));
}

function otuHops(path: ReservedPath): NumberedHop[] {
  const hops = path.hops.filter((h) => h.ends !== undefined);
  if (hops.length === 0) throw new MilliError('INTERNAL', `${path.role} path has no OTU hop`, { devices: path.path.devices });
  return hops;
}

/** One entry per device and name: two paths over a shared tail plan the same OSU-carrying ODU0 twice. */
function dedupe(items: PlannedItem[]): PlannedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.device}|${item.layer}|${item.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function portOn(fibre: Fibre, device: string): string {
  if (fibre.a.device === device) return fibre.a.port;
  if (fibre.b.device === device) return fibre.b.port;
  throw new MilliError('INTERNAL', `fibre ${fibre.id} does not end on ${device}`, { fibre: fibre.id, device });
}
