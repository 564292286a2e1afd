import { join } from 'node:path';
import { PceGraph, computePath, ledgerForGraph } from '@milli/pce';
import { TopologyIndex, loadTopology } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { CREATE_ORDER, type PlannedItem, diffItems, planLine, releaseReservations, reserveLine } from '../../src/index';

// The difference a line's move makes on the devices: synthetic entries for the rules, and two real plans of one
// OSU line on metro-small (before and after a fibre is excluded) for the shape of a restoration.
const METRO_SMALL = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');

const channel = (device: string, name: string, ch: number, line = 'L-1'): PlannedItem => ({
  layer: 'media-channel',
  device,
  name,
  line,
  path: 'working',
  channel: ch,
  from: 'deg-1',
  to: 'deg-2',
  targetPowerDbm: -2,
});
const port = (device: string, name: string, ch: number): PlannedItem => ({
  layer: 'line-port',
  device,
  name,
  line: 'L-1',
  path: 'working',
  channel: ch,
});
const names = (items: PlannedItem[]) => items.map((i) => `${i.device}/${i.name}`);

describe('diffItems', () => {
  it('keeps entries equal on device, list, name and configuration, whatever line or path planned them', () => {
    const old = [channel('R-1', 'a', 5), channel('R-2', 'a', 5)];
    const next = [{ ...channel('R-1', 'a', 5, 'L-9'), path: 'protection' as const, shared: { kind: 'lightpath' as const, link: 'x' } }];
    const diff = diffItems(old, next);
    expect(names(diff.kept)).toEqual(['R-1/a']);
    expect(diff.kept[0]!.line).toBe('L-9');
    expect(names(diff.removed)).toEqual(['R-2/a']);
    expect(diff.added).toEqual([]);
  });

  it('removes and adds an entry whose configuration changed under the same name (one replace on the device)', () => {
    const diff = diffItems([channel('R-1', 'a', 5)], [channel('R-1', 'a', 7)]);
    expect(diff.kept).toEqual([]);
    expect(diff.removed).toMatchObject([{ channel: 5 }]);
    expect(diff.added).toMatchObject([{ channel: 7 }]);
  });

  it('compares configurations field by field: key order and fields left undefined do not count, nested values do', () => {
    const group = (protection: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      ({
        layer: 'osu-protection-group',
        device: 'O-1',
        name: 'g',
        line: 'L-1',
        path: 'working',
        connection: 'c',
        protection,
        ...extra,
      }) as unknown as PlannedItem;
    const kept = diffItems([group({ odu: 'o-1', osuId: 3 })], [group({ osuId: 3, odu: 'o-1' }, { revertive: undefined })]);
    expect(names(kept.kept)).toEqual(['O-1/g']);
    const moved = diffItems([group({ odu: 'o-1', osuId: 3 })], [group({ odu: 'o-1', osuId: 4 })]);
    expect(names(moved.added)).toEqual(['O-1/g']);
    const slots = (s: number[]) =>
      ({ layer: 'odu', device: 'O-1', name: 'u', line: 'L-1', path: 'working', tributarySlots: s }) as unknown as PlannedItem;
    expect(diffItems([slots([1, 2])], [slots([1, 2])]).kept).toHaveLength(1);
    expect(diffItems([slots([1, 2])], [slots([1, 2, 3])]).kept).toHaveLength(0);
  });

  it('does not confuse entries of the same name on other devices or in other lists', () => {
    const diff = diffItems([channel('R-1', 'a', 5), port('O-1', 'line-1', 5)], [channel('R-2', 'a', 5), port('O-1', 'line-2', 5)]);
    expect(diff.kept).toEqual([]);
    expect(names(diff.removed).sort()).toEqual(['O-1/line-1', 'R-1/a']);
    expect(names(diff.added).sort()).toEqual(['O-1/line-2', 'R-2/a']);
  });

  it('orders removals in reverse creation order and additions in creation order', () => {
    const items = [channel('R-1', 'b', 3), port('O-1', 'line-1', 3)];
    const diff = diffItems(items, [port('O-2', 'line-1', 4), channel('R-3', 'c', 4)]);
    expect(diff.removed.map((i) => i.layer)).toEqual(['media-channel', 'line-port']);
    expect(diff.added.map((i) => i.layer)).toEqual(['line-port', 'media-channel']);
  });

  it('between two real plans of an OSU line: the shared entries are kept, the rest of each side removed or added, in order', async () => {
    const topology = await loadTopology(METRO_SMALL);
    const index = new TopologyIndex(topology);
    const graph = PceGraph.build(topology);
    const ledger = ledgerForGraph(graph);
    const request = {
      from: 'P-7',
      to: 'dc-north',
      bandwidthKbps: 100_000,
      layer: 'osu',
      protection: 'none',
      objective: 'latency',
      alternatives: 0,
      maxLatencyUs: 1000,
    } as const;
    const first = computePath(graph, ledger, request);
    if (!first.ok) throw new Error(first.failure.message);
    const before = reserveLine(index, ledger, { line: 'L-1', result: first, window: first.request.window });
    const oldItems = planLine(index, before);
    // The fibre after the park's access tail is cut: the line is planned again around it, as restoration does.
    const cut = first.working.fibres[1]!;
    releaseReservations(ledger, before);
    const second = computePath(graph, ledger, { ...request, exclude: { links: [cut] } });
    if (!second.ok) throw new Error(second.failure.message);
    const after = reserveLine(index, ledger, {
      line: 'L-1',
      result: second,
      window: second.request.window,
      vlan: before.client!.head.vlan!,
    });
    const newItems = planLine(index, after);

    const diff = diffItems(oldItems, newItems);
    const key = (i: PlannedItem) => `${i.device}|${i.layer}|${i.name}|${JSON.stringify(i)}`;
    // Every entry of either plan is accounted for exactly once, and nothing kept differs between the plans.
    expect([...diff.kept, ...diff.added].map(key).sort()).toEqual(newItems.map(key).sort());
    expect(diff.removed.length + diff.kept.length).toBe(oldItems.length);
    expect(diff.kept.length).toBeGreaterThan(0);
    expect(diff.removed.length).toBeGreaterThan(0);
    expect(diff.added.length).toBeGreaterThan(0);
    // The park's end stays as it was: its OSU-carrying ODU0 on the access tail and its connection on the client VLAN.
    expect(diff.kept.some((i) => i.layer === 'osu-connection' && i.device === before.client!.head.device)).toBe(true);
    const rank = (i: PlannedItem) => CREATE_ORDER.indexOf(i.layer);
    expect(diff.added.map(rank)).toEqual([...diff.added.map(rank)].sort((a, b) => a - b));
    expect(diff.removed.map(rank)).toEqual([...diff.removed.map(rank)].sort((a, b) => b - a));
  });
});
