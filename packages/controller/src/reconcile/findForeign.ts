import type { DeviceDriver, OsuEndpoint } from '@milli/drivers';
import type { PlannedItem } from '../installer/plan/PlannedItem';
import { keyOf } from './desiredState';

/** An entry on a device that no line planned and that holds a resource a line of the store reserved. */
export interface ForeignItem {
  device: string;
  layer: 'media-channel' | 'odu' | 'odu-cross-connect' | 'osu-connection' | 'osu-cross-connect';
  name: string;
  /** The planned item whose resource it holds, and which resource. */
  collidesWith: { line: string; name: string; resource: string };
}

/**
 * Reads the device's media channels, ODUs and OSUs and lists each entry no line planned (`known`) that takes what a
 * wanted item needs: a channel on one of its ports, tributary slots of its ODU port, its client port and VLAN, or its
 * OSU endpoint. Entries that collide with nothing are someone else's business and are not listed.
 */
export async function findForeign(driver: DeviceDriver, wanted: readonly PlannedItem[], known: Set<string>): Promise<ForeignItem[]> {
  const [channels, odu, osu] = await Promise.all([driver.roadm?.listMediaChannels(), driver.otn?.listOdu(), driver.osu?.listOsu()]);
  const found: ForeignItem[] = [];
  const foreign = (layer: ForeignItem['layer'], name: string) => !known.has(keyOf({ layer, name }));
  const report = (layer: ForeignItem['layer'], name: string, hit: { item: PlannedItem; resource: string } | undefined) => {
    if (hit)
      found.push({
        device: driver.device,
        layer,
        name,
        collidesWith: { line: hit.item.line, name: hit.item.name, resource: hit.resource },
      });
  };
  const first = <T>(pick: (item: PlannedItem) => T | undefined) => {
    for (const item of wanted) {
      const resource = pick(item);
      if (resource !== undefined) return { item, resource: String(resource) };
    }
    return undefined;
  };
  for (const c of channels ?? []) {
    if (!foreign('media-channel', c.name)) continue;
    report(
      'media-channel',
      c.name,
      first((i) =>
        i.layer === 'media-channel' && i.channel === c.channel && [i.from, i.to].some((p) => p === c.from || p === c.to)
          ? `channel ${c.channel} on ${[c.from, c.to].find((p) => p === i.from || p === i.to)}`
          : undefined,
      ),
    );
  }
  for (const o of odu?.containers ?? []) {
    if (!foreign('odu', o.name)) continue;
    report(
      'odu',
      o.name,
      first((i) => {
        if (i.layer !== 'odu' || i.port !== o.port) return undefined;
        const shared = o.tributarySlots.filter((s) => i.tributarySlots.includes(s));
        return shared.length > 0 ? `tributary slots ${shared.join(',')} of ${o.port}` : undefined;
      }),
    );
  }
  for (const x of odu?.crossConnects ?? []) {
    if (!foreign('odu-cross-connect', x.name)) continue;
    report(
      'odu-cross-connect',
      x.name,
      first((i) => (i.layer === 'odu' && (i.name === x.from || i.name === x.to) ? `ODU ${i.name}` : undefined)),
    );
  }
  for (const c of osu?.connections ?? []) {
    if (!foreign('osu-connection', c.name)) continue;
    report(
      'osu-connection',
      c.name,
      first((i) => {
        if (i.layer !== 'osu-connection') return endpointHeld(i, c);
        if (i.clientPort === c.clientPort && (i.vlan === undefined || c.vlan === undefined || i.vlan === c.vlan)) {
          return `client ${c.clientPort}${c.vlan === undefined ? '' : ` VLAN ${c.vlan}`}`;
        }
        return endpointHeld(i, c);
      }),
    );
  }
  for (const x of osu?.crossConnects ?? []) {
    if (!foreign('osu-cross-connect', x.name)) continue;
    report(
      'osu-cross-connect',
      x.name,
      first((i) => endpointHeld(i, x.from) ?? endpointHeld(i, x.to)),
    );
  }
  return found;
}

/** The OSU endpoint a planned item holds, when `endpoint` is it. */
function endpointHeld(item: PlannedItem, endpoint: OsuEndpoint): string | undefined {
  const held: OsuEndpoint[] = item.layer === 'osu-connection' ? [item] : item.layer === 'osu-cross-connect' ? [item.from, item.to] : [];
  return held.some((e) => e.odu === endpoint.odu && e.osuId === endpoint.osuId) ? `OSU ${endpoint.osuId} in ${endpoint.odu}` : undefined;
}
