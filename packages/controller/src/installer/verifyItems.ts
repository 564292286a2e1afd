import { MilliError } from '@milli/core';
import type { DeviceDriver, MediaChannel, OduListing, OsuListing } from '@milli/drivers';
import type { PlannedItem } from './plan/PlannedItem';
import type { DriverSource } from './plan/renderChanges';

/** One way a device differs from the plan. */
export interface Difference {
  device: string;
  name: string;
  layer: PlannedItem['layer'];
  problem: string;
}

interface Readback {
  channels?: MediaChannel[];
  odu?: OduListing;
  osu?: OsuListing;
}

/**
 * Reads every device the items touch over NETCONF (operational state included) and lists each difference: an item
 * of `present` that is missing, not equal to the plan, or not operationally up (a protection group that has not
 * selected its working leg), and an item of `absent` that is still there. Empty means the network is as planned.
 */
export async function findDifferences(
  drivers: DriverSource,
  present: readonly PlannedItem[],
  absent: readonly PlannedItem[] = [],
): Promise<Difference[]> {
  // Grouped by device once: a round's thousands of items over a hundred devices are not filtered per device.
  const onDevice = new Map<string, { present: PlannedItem[]; absent: PlannedItem[] }>();
  const group = (device: string) => {
    let items = onDevice.get(device);
    if (items === undefined) {
      items = { present: [], absent: [] };
      onDevice.set(device, items);
    }
    return items;
  };
  for (const item of present) group(item.device).present.push(item);
  for (const item of absent) group(item.device).absent.push(item);
  const devices = [...onDevice.keys()].sort();
  const found = await Promise.all(
    devices.map(async (device) => {
      const driver = await drivers.driver(device);
      const mine = onDevice.get(device)!;
      const back = indexed(await readBack(driver, [...mine.present, ...mine.absent]));
      return [
        ...mine.present.flatMap((item) => compare(item, back)),
        ...mine.absent.flatMap((item) => (lookup(item, back) !== undefined ? [diff(item, 'still present')] : [])),
      ];
    }),
  );
  return found.flat();
}

/**
 * The differences left once entries only waiting for their signal have had `settleMs` to come up: an entry the
 * transaction did not touch, downstream of one it did, comes up only once the light has crossed the devices between.
 * A configuration difference is returned at once. Only the devices still waiting are read again: a device read
 * as planned after the commit has shown it (reading every device of a round of 200 moved lines again on each poll
 * took longer than the light).
 */
export async function settledDifferences(
  drivers: DriverSource,
  present: readonly PlannedItem[],
  absent: readonly PlannedItem[] = [],
  settleMs = 0,
): Promise<Difference[]> {
  let differences = await findDifferences(drivers, present, absent);
  const deadline = performance.now() + settleMs;
  while (differences.length > 0 && differences.every(isSignalOnly) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const waiting = new Set(differences.map((d) => d.device));
    const on = (items: readonly PlannedItem[]) => items.filter((i) => waiting.has(i.device));
    differences = await findDifferences(drivers, on(present), on(absent));
  }
  return differences;
}

/** The verify step of a transaction: throws INSTALL_FAILED listing every difference (see settledDifferences). */
export async function verifyItems(
  drivers: DriverSource,
  present: readonly PlannedItem[],
  absent: readonly PlannedItem[] = [],
  options: { settleMs?: number } = {},
): Promise<void> {
  const differences = await settledDifferences(drivers, present, absent, options.settleMs);
  if (differences.length > 0) {
    const shown = differences.slice(0, 5).map((d) => `${d.device} ${d.layer} ${d.name}: ${d.problem}`);
    throw new MilliError(
      'INSTALL_FAILED',
      `read-back differs from the plan: ${shown.join('; ')}${differences.length > 5 ? ` (+${differences.length - 5} more)` : ''}`,
      {
        differences,
      },
    );
  }
}

const SETTLE_POLL_MS = 100;

/** A difference of operational state only (no signal yet, a group not yet on its working leg), not of configuration. */
function isSignalOnly(d: Difference): boolean {
  return d.problem.startsWith('oper-status') || d.problem.startsWith('selected leg');
}

/** Reads only the items' entries (by name, per list): the reply grows with the transaction, not with the device. */
async function readBack(driver: DeviceDriver, items: PlannedItem[]): Promise<Readback> {
  const layers = new Set(items.map((i) => i.layer));
  const named = (layer: PlannedItem['layer']) => items.filter((i) => i.layer === layer).map((i) => i.name);
  const [channels, odu, osu] = await Promise.all([
    layers.has('media-channel') ? driver.roadm?.listMediaChannels(named('media-channel')) : undefined,
    [...layers].some((l) => l === 'odu' || l.startsWith('odu-') || l === 'line-port')
      ? driver.otn?.listOdu({
          linePorts: named('line-port'),
          containers: named('odu'),
          crossConnects: named('odu-cross-connect'),
          protectionGroups: named('odu-protection-group'),
        })
      : undefined,
    [...layers].some((l) => l.startsWith('osu-'))
      ? driver.osu?.listOsu({
          connections: named('osu-connection'),
          crossConnects: named('osu-cross-connect'),
          protectionGroups: named('osu-protection-group'),
        })
      : undefined,
  ]);
  return { ...(channels ? { channels } : {}), ...(odu ? { odu } : {}), ...(osu ? { osu } : {}) };
}

type Entry = { operStatus?: string; selectedLeg?: string };

/** A read-back's entries by layer and name, so that each of a round's hundreds of items is a lookup, not a scan. */
type IndexedReadback = Map<PlannedItem['layer'], Map<string, Entry>>;

function indexed(back: Readback): IndexedReadback {
  const byName = <T extends { name: string }>(list: readonly T[] | undefined) => new Map((list ?? []).map((e) => [e.name, e as Entry]));
  // Every line port has an entry; a tuned one is what the plan put there.
  const tuned = (back.odu?.linePorts ?? []).filter((p) => p.channel !== undefined);
  return new Map<PlannedItem['layer'], Map<string, Entry>>([
    ['line-port', new Map(tuned.map((p) => [p.port, p as Entry]))],
    ['media-channel', byName(back.channels)],
    ['odu', byName(back.odu?.containers)],
    ['odu-cross-connect', byName(back.odu?.crossConnects)],
    ['odu-protection-group', byName(back.odu?.protectionGroups)],
    ['osu-connection', byName(back.osu?.connections)],
    ['osu-cross-connect', byName(back.osu?.crossConnects)],
    ['osu-protection-group', byName(back.osu?.protectionGroups)],
  ]);
}

function lookup(item: PlannedItem, back: IndexedReadback): Entry | undefined {
  return back.get(item.layer)?.get(item.name);
}

/** The fields the plan fixes, as the device reports them, for one item (same shape for the plan and the device). */
function fieldsOf(item: PlannedItem, entry: Record<string, unknown>): Record<string, unknown> {
  const pick = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, entry[k]]));
  switch (item.layer) {
    case 'line-port':
      return pick('channel');
    case 'media-channel':
      return pick('channel', 'from', 'to');
    case 'odu':
      return { ...pick('type', 'port', 'rateKbps'), tributarySlots: [...((entry.tributarySlots as number[]) ?? [])].sort((a, b) => a - b) };
    case 'odu-cross-connect':
      return pick('from', 'to');
    case 'odu-protection-group':
      return pick('crossConnect', 'protectionOdu');
    case 'osu-connection':
      return pick('clientPort', 'vlan', 'bandwidthKbps', 'odu', 'osuId');
    case 'osu-cross-connect':
      return pick('from', 'to', 'bandwidthKbps');
    case 'osu-protection-group':
      return pick('connection', 'protection');
  }
}

function compare(item: PlannedItem, back: IndexedReadback): Difference[] {
  const entry = lookup(item, back);
  if (entry === undefined) return [diff(item, 'missing')];
  const planned = JSON.stringify(fieldsOf(item, item as unknown as Record<string, unknown>));
  const actual = JSON.stringify(fieldsOf(item, entry as Record<string, unknown>));
  if (planned !== actual) return [diff(item, `is ${actual}, planned ${planned}`)];
  if (item.layer.endsWith('protection-group'))
    return entry.selectedLeg === 'working' ? [] : [diff(item, `selected leg is ${entry.selectedLeg ?? 'unknown'}`)];
  return entry.operStatus === 'up' ? [] : [diff(item, `oper-status ${entry.operStatus ?? 'unknown'}`)];
}

function diff(item: PlannedItem, problem: string): Difference {
  return { device: item.device, name: item.name, layer: item.layer, problem };
}
