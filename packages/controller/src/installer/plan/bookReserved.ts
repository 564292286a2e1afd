import { MilliError } from '@milli/core';
import type { ReservationItem, ResourceLedger } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import { lightpathOwner, type ReservedLine } from './ReservedLine';
import { clientItem, lightpathItems } from './reserveLine';

/**
 * Books a numbered line in the ledger exactly as it is: the lightpaths it groomed, then its own reservation with
 * every number pinned (channels, tributary slots, OSU ids, add/drop and client ports). For recovery: the devices hold
 * the line (a move finished by a restarted controller) but the ledger, loaded from the store, does not. All or
 * nothing: what it booked is given back if any part is refused.
 */
export function bookReserved(index: TopologyIndex, ledger: ResourceLedger, reserved: ReservedLine): void {
  const booked: string[] = [];
  try {
    for (const { link } of reserved.lightpaths) {
      const found = reserved.paths.flatMap((p) =>
        p.path.hops.flatMap((hop) => (hop.kind === 'new-lightpath' && hop.link === link.id ? [{ path: p.path, hop }] : [])),
      )[0];
      if (found === undefined)
        throw new MilliError('INTERNAL', `line ${reserved.line} holds no hop over its lightpath ${link.id}`, { link: link.id });
      booked.push(ledger.reserve(lightpathOwner(link.id), reserved.window, lightpathItems(index, found.path, found.hop)).id);
    }
    const items: ReservationItem[] = [];
    for (const path of reserved.paths) {
      for (const { hop, slots, osu } of path.hops) {
        if (hop.kind === 'span') items.push({ kind: 'channel', fibre: hop.fibre, channel: hop.channel });
        else if (hop.osuKbps !== undefined)
          items.push({ kind: 'osu', link: hop.link, kbps: hop.osuKbps, ...(osu ? { numbers: [osu.slot], osuId: osu.osuId } : {}) });
        else items.push({ kind: 'slots', link: hop.link, slots: hop.slots ?? 0, ...(slots ? { numbers: [...slots] } : {}) });
      }
      for (const end of path.addDrop ? [path.addDrop.head, path.addDrop.tail] : []) {
        items.push({ kind: 'port', device: end.roadm, port: end.addDrop }, { kind: 'port', ...end.transponder });
      }
    }
    if (reserved.client) items.push(clientItem(reserved.client.head), clientItem(reserved.client.tail));
    ledger.reserve(reserved.line, reserved.window, items);
  } catch (error) {
    for (const id of booked.reverse()) ledger.release(id);
    throw error;
  }
}
