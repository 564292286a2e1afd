import { MilliError, type TimeWindow } from '@milli/core';
import type { ComputedPath, OtuLinkSpec, PathHop, PceResult, ReservationItem, ResourceLedger } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import { chooseAddDrop, chooseClient } from './chooseEnds';
import type { PathRole } from './PlannedItem';
import {
  type ClientEnd,
  type LinkEnds,
  legOf,
  lightpathOwner,
  type NumberedHop,
  type ReservedLine,
  type ReservedPath,
  vlanKey,
} from './ReservedLine';

export interface ReserveLineInput {
  line: string;
  /** With `keep`: `working` is the kept leg's path and `protection` the new leg. */
  result: PceResult & { ok: true };
  window: TimeWindow;
  /** OSU lines: the VLAN on the client ports, when the customer gave one. */
  vlan?: number;
  /**
   * Re-protection: the surviving leg of a 1+1 line, booked again with the numbers it holds on the devices (its
   * slots, OSU ids, channels, add/drop ports), with the lightpaths it groomed (they stay booked as they are) and the
   * line's client ends. It becomes the working path and keeps its leg letter; the new leg takes the other letter.
   */
  keep?: { path: ReservedPath; lightpaths: ReservedLine['lightpaths']; client?: ReservedLine['client'] };
}

/**
 * Reserves everything a computed line needs, all or nothing, and returns it with its numbers: the lightpaths it
 * grooms (each its own reservation, so it can outlive the line while others ride it), then the line's own
 * reservation: channels, numbered tributary slots or OSU ids on every OTU link of both paths at once (a shared
 * tail holds room for both), the client ports and VLANs, or the add/drop ports and transponders of a wavelength.
 */
export function reserveLine(index: TopologyIndex, ledger: ResourceLedger, input: ReserveLineInput): ReservedLine {
  const { line, result, window, keep } = input;
  const { layer, bandwidthKbps } = result.request;
  const paths: { role: PathRole; path: ComputedPath; kept?: ReservedPath }[] = [
    { role: 'working', path: result.working, ...(keep ? { kept: keep.path } : {}) },
  ];
  if (result.protection) paths.push({ role: 'protection', path: result.protection });

  const made: ReservedLine['lightpaths'] = [];
  try {
    for (const { path, role, kept } of paths) {
      if (kept) continue;
      for (const hop of path.hops) {
        if (hop.kind !== 'new-lightpath') continue;
        const items = lightpathItems(index, path, hop);
        const reservation = ledger.reserve(lightpathOwner(hop.link), window, items);
        made.push({ link: (items[0] as { link: OtuLinkSpec }).link, reservation: reservation.id, role });
      }
    }
    const items: ReservationItem[] = [];
    const slotOf: (number | undefined)[][] = [];
    for (const { path, kept } of paths) {
      slotOf.push(
        path.hops.map((hop, h) => {
          if (hop.kind === 'span') {
            items.push({ kind: 'channel', fibre: hop.fibre, channel: hop.channel });
            return undefined;
          }
          // A kept leg asks for the numbers it holds: the ledger gives exactly those or refuses.
          const numbered = kept?.hops[h];
          if (hop.osuKbps !== undefined) {
            const pinned = numbered?.osu ? { numbers: [numbered.osu.slot], osuId: numbered.osu.osuId } : {};
            items.push({ kind: 'osu', link: hop.link, kbps: hop.osuKbps, ...pinned });
          } else {
            items.push({
              kind: 'slots',
              link: hop.link,
              slots: hop.slots ?? 0,
              ...(numbered?.slots ? { numbers: [...numbered.slots] } : {}),
            });
          }
          return items.length - 1;
        }),
      );
    }
    const reserved: ReservedPath[] = paths.map(({ role, path, kept }) => ({
      role,
      path,
      hops: [],
      ...(kept ? { leg: legOf(kept) } : keep ? { leg: legOf(keep.path) === 'w' ? ('p' as const) : ('w' as const) } : {}),
    }));
    let client: ReservedLine['client'];
    if (layer === 'wavelength') {
      const taken = new Set<string>();
      paths.forEach(({ kept }, p) => {
        const r = reserved[p]!;
        const chosen = kept?.addDrop ?? {
          head: chooseAddDrop(index, ledger, r.path.devices[0]!, bandwidthKbps, window, taken),
          tail: chooseAddDrop(index, ledger, r.path.devices.at(-1)!, bandwidthKbps, window, taken),
        };
        for (const end of [chosen.head, chosen.tail]) {
          taken.add(`${end.roadm}/${end.addDrop}`).add(`${end.transponder.device}/${end.transponder.port}`);
          items.push({ kind: 'port', device: end.roadm, port: end.addDrop }, { kind: 'port', ...end.transponder });
        }
        r.addDrop = chosen;
      });
    } else {
      const hops = result.working.hops;
      const options = input.vlan !== undefined ? { vlan: input.vlan } : {};
      client = keep?.client ?? {
        head: chooseClient(index, ledger, hops[0]!.from, layer, bandwidthKbps, window, options),
        tail: chooseClient(index, ledger, hops.at(-1)!.to, layer, bandwidthKbps, window, options),
      };
      items.push(clientItem(client.head), clientItem(client.tail));
    }
    const reservation = ledger.reserve(line, window, items);
    reserved.forEach((r, p) => {
      const kept = paths[p]!.kept;
      if (kept) {
        r.hops = structuredClone(kept.hops);
        return;
      }
      r.hops = r.path.hops.map((hop, h): NumberedHop => {
        const at = slotOf[p]![h];
        if (at === undefined) return { hop };
        const item = reservation.items[at]!;
        const ends = linkEnds(index, ledger, hop, window);
        const madeHere = hop.kind === 'new-lightpath' ? made.find((m) => m.link.id === hop.link)?.link : undefined;
        if (madeHere !== undefined) ends.lightpath = madeHere;
        if (item.kind === 'osu' && item.osuId !== undefined) return { hop, ends, osu: { slot: item.numbers![0]!, osuId: item.osuId } };
        if (item.kind === 'slots' || item.kind === 'osu') return { hop, ends, slots: item.numbers ?? [] };
        throw new MilliError('INTERNAL', `reservation item ${at} of ${line} is not the demand of hop ${h}`, { line, item });
      });
    });
    return {
      line,
      layer,
      bandwidthKbps,
      window: { ...window },
      reservation: reservation.id,
      lightpaths: [...(keep?.lightpaths.map((l) => ({ ...l, role: 'working' as const })) ?? []), ...made],
      paths: reserved,
      ...(client ? { client } : {}),
    };
  } catch (error) {
    for (const { reservation } of made.reverse()) ledger.release(reservation);
    throw error;
  }
}

export function clientItem(end: ClientEnd): ReservationItem {
  return { kind: 'port', device: end.device, port: end.vlan === undefined ? end.port : vlanKey(end.port, end.vlan) };
}

/**
 * What a new lightpath takes, as the PCE listed it for the path: the OTU link, its two line ports and two add/drop
 * ports, and its channel on every span between ROADMs (the patch cords at both ends carry no channel).
 */
export function lightpathItems(index: TopologyIndex, path: ComputedPath, hop: PathHop & { kind: 'new-lightpath' }): ReservationItem[] {
  const link = path.reservation.find((i) => i.kind === 'otu-link' && i.link.id === hop.link);
  if (link === undefined) throw new MilliError('INTERNAL', `path has no otu-link item for ${hop.link}`, { link: hop.link });
  const first = index.fibre(hop.fibres[0]!);
  const last = index.fibre(hop.fibres.at(-1)!);
  const roadmEnd = (fibre: typeof first, roadm: string) => (fibre.a.device === roadm ? fibre.a : fibre.b);
  return [
    link,
    { kind: 'port', device: hop.from, port: hop.fromPort },
    { kind: 'port', ...roadmEnd(first, hop.roadms[0]!) },
    { kind: 'port', ...roadmEnd(last, hop.roadms.at(-1)!) },
    { kind: 'port', device: hop.to, port: hop.toPort },
    ...hop.fibres.slice(1, -1).map((fibre) => ({ kind: 'channel' as const, fibre, channel: hop.channel })),
  ];
}

/** The line ports at both ends of an OTU hop: a grey fibre's ends, or a groomed link's ports as the ledger holds them. */
export function linkEnds(index: TopologyIndex, ledger: ResourceLedger, hop: PathHop, window: TimeWindow): LinkEnds {
  if (hop.kind === 'new-lightpath')
    return { link: hop.link, from: { device: hop.from, port: hop.fromPort }, to: { device: hop.to, port: hop.toPort } };
  if (hop.kind !== 'otu-link') throw new MilliError('INTERNAL', `hop ${hop.kind} is not an OTU link`, { hop });
  const groomed = (ledger.otuLink(hop.link, window) ?? ledger.otuLink(hop.link, { start: window.start, end: window.start + 1 }))?.link;
  if (groomed !== undefined) {
    const forward = groomed.a.device === hop.from;
    return { link: hop.link, from: forward ? groomed.a : groomed.b, to: forward ? groomed.b : groomed.a, lightpath: groomed };
  }
  const fibre = index.fibre(hop.link);
  const forward = fibre.a.device === hop.from;
  return { link: hop.link, from: forward ? fibre.a : fibre.b, to: forward ? fibre.b : fibre.a };
}
