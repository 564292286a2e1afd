import { join } from 'node:path';
import { isMilliError } from '@milli/core';
import { type PathRequest, PceGraph, type ResourceLedger, computePath, ledgerForGraph } from '@milli/pce';
import { TopologyIndex, loadTopology } from '@milli/topology';
import { beforeEach, describe, expect, it } from 'vitest';
import { type PlannedItem, planLine, reserveLine } from '../../src/index';

// The planner without devices: numbers from the ledger in, per-device entries out (metro-small).
const METRO_SMALL = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
const topology = await loadTopology(METRO_SMALL);
const index = new TopologyIndex(topology);
const graph = PceGraph.build(topology);
let ledger: ResourceLedger;
beforeEach(() => {
  ledger = ledgerForGraph(graph);
});

const base = { maxLatencyUs: 1000, objective: 'latency', alternatives: 0, protection: 'none' } as const;
function plan(line: string, request: Partial<PathRequest> & Pick<PathRequest, 'from' | 'to' | 'bandwidthKbps' | 'layer'>) {
  const result = computePath(graph, ledger, { ...base, ...request });
  if (!result.ok) throw new Error(result.failure.message);
  const reserved = reserveLine(index, ledger, { line, result, window: result.request.window });
  return { reserved, items: planLine(index, reserved) };
}
const on = (items: PlannedItem[], device: string) => items.filter((i) => i.device === device);

describe('planLine', () => {
  it('plans a wavelength add → pass → drop on one channel, on add/drop ports patched to free transponders of the rate', () => {
    const { items, reserved } = plan('dci-1', { from: 'dc-north', to: 'dc-south', bandwidthKbps: 400_000_000, layer: 'wavelength' });
    const path = reserved.paths[0]!;
    expect(items.map((i) => i.device)).toEqual(path.path.devices);
    const channels = new Set(items.map((i) => (i.layer === 'media-channel' ? i.channel : 0)));
    expect(channels.size).toBe(1);
    expect(items[0]).toMatchObject({ from: path.addDrop!.head.addDrop, to: expect.stringMatching(/^deg-/) });
    expect(items.at(-1)).toMatchObject({ from: expect.stringMatching(/^deg-/), to: path.addDrop!.tail.addDrop });
    expect(index.port(`${path.addDrop!.head.transponder.device}/${path.addDrop!.head.transponder.port}`).rate).toBe('OTUC4');
    // The next line cannot have the same add/drop port or transponder: they are reserved.
    const next = plan('dci-2', { from: 'dc-north', to: 'dc-south', bandwidthKbps: 400_000_000, layer: 'wavelength' }).reserved.paths[0]!;
    expect(next.addDrop!.head.addDrop).not.toBe(path.addDrop!.head.addDrop);
    expect(next.addDrop!.head.transponder).not.toEqual(path.addDrop!.head.transponder);
  });

  it('plans a protected OSU line: ODU0s on both ends of every link, cross-connects in transit, a group at each end', () => {
    const { items, reserved } = plan('park-1', { from: 'P-7', to: 'dc-north', bandwidthKbps: 100_000, layer: 'osu', protection: 'srlg' });
    const [working, protection] = reserved.paths;
    const head = reserved.client!.head.device;
    const tail = reserved.client!.tail.device;
    expect(on(items, head).map((i) => i.layer)).toEqual(['odu', 'osu-connection', 'osu-protection-group']);
    expect(on(items, tail).filter((i) => i.layer === 'osu-protection-group')).toHaveLength(1);
    // The shared tail carries both paths in one ODU0 under two OSU ids.
    expect(working!.hops[0]!.ends!.link).toBe(protection!.hops[0]!.ends!.link);
    expect(working!.hops[0]!.osu).toEqual({ slot: 1, osuId: 1 });
    expect(protection!.hops[0]!.osu).toEqual({ slot: 1, osuId: 2 });
    const group = on(items, head).find((i) => i.layer === 'osu-protection-group');
    expect(group).toMatchObject({ connection: 'park-1-w', protection: { odu: 'osu-line-1-ts1', osuId: 2 } });
    // Transit: one cross-connect per path per transit device, between ODU0s of two different links.
    const transit = items.filter((i) => i.layer === 'osu-cross-connect');
    const otuHops = (p: typeof working) => p!.hops.filter((h) => h.ends).length;
    expect(transit).toHaveLength(otuHops(working) - 1 + otuHops(protection) - 1);
    for (const x of transit) if (x.layer === 'osu-cross-connect') expect(x.from.odu).not.toBe(x.to.odu);
    // Entries are created before what refers to them.
    const order = items.map((i) => i.layer);
    expect(order.lastIndexOf('odu')).toBeLessThan(order.indexOf('osu-connection'));
    expect(order.lastIndexOf('osu-connection')).toBeLessThan(order.indexOf('osu-protection-group'));
  });

  it('plans an ODU line with its slots on line ports and a client ODU cross-connected at each end', () => {
    const { items, reserved } = plan('odu-1', { from: 'P-2', to: 'dc-north', bandwidthKbps: 10_000_000, layer: 'odu' });
    for (const hop of reserved.paths[0]!.hops.filter((h) => h.ends)) {
      expect(hop.slots).toHaveLength(8);
      for (const end of [hop.ends!.from, hop.ends!.to]) {
        const odu = items.find((i) => i.device === end.device && i.layer === 'odu' && i.port === end.port);
        const onLine = index.port(`${end.device}/${end.port}`).kind === 'line';
        expect(odu).toMatchObject({ type: 'ODU2', tributarySlots: onLine ? hop.slots : [] });
      }
    }
    for (const end of [reserved.client!.head, reserved.client!.tail]) {
      expect(on(items, end.device)).toContainEqual(
        expect.objectContaining({ layer: 'odu', name: 'odu-1-client', port: end.port, type: 'ODU2', tributarySlots: [] }),
      );
      expect(on(items, end.device)).toContainEqual(expect.objectContaining({ layer: 'odu-cross-connect', from: 'odu-1-client' }));
    }
  });

  it('gives the next OSU line on a link the next OSU id in the same ODU0, and refuses a line whose end has no free port', () => {
    plan('a', { from: 'P-7', to: 'dc-north', bandwidthKbps: 100_000, layer: 'osu' });
    const second = plan('b', { from: 'P-7', to: 'dc-north', bandwidthKbps: 100_000, layer: 'osu' });
    expect(second.reserved.paths[0]!.hops[0]!.osu).toEqual({ slot: 1, osuId: 2 });
    expect(second.reserved.client!.head).toMatchObject({ port: 'client-1', vlan: 2 });
    plan('c', { from: 'dc-north', to: 'dc-south', bandwidthKbps: 400_000_000, layer: 'wavelength' });
    plan('d', { from: 'dc-north', to: 'dc-south', bandwidthKbps: 400_000_000, layer: 'wavelength' });
    const held = ledger.reservations().length;
    let error: unknown;
    try {
      plan('e', { from: 'dc-north', to: 'dc-south', bandwidthKbps: 400_000_000, layer: 'wavelength' });
    } catch (e) {
      error = e;
    }
    expect(isMilliError(error) && error.code).toBe('INSTALL_NO_PORT');
    expect(ledger.reservations()).toHaveLength(held);
  });
});
