import { join } from 'node:path';
import { type Topology, TopologyIndex, loadTopology } from '@milli/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { PceGraph, computePath, ledgerForGraph } from '@milli/pce';
import { planMediaChannels } from '../../src/index';

const METRO_SMALL = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
let topology: Topology;
let index: TopologyIndex;

beforeAll(async () => {
  topology = await loadTopology(METRO_SMALL);
  index = new TopologyIndex(topology);
});

function wavelengthPath(from: string, to: string) {
  const graph = PceGraph.build(topology);
  const result = computePath(graph, ledgerForGraph(graph), {
    from,
    to,
    bandwidthKbps: 400_000_000,
    maxLatencyUs: 1000,
    layer: 'wavelength',
    protection: 'none',
    objective: 'latency',
    alternatives: 0,
  });
  if (!result.ok) throw new Error(result.failure.message);
  return result.working;
}

describe('planMediaChannels', () => {
  it('adds at the head, passes degree to degree in transit, drops at the tail, on the one channel', () => {
    const path = wavelengthPath('dc-north', 'dc-south');
    const steps = planMediaChannels(path, index, 'dci-1');
    expect(steps.map((s) => s.device)).toEqual(path.devices);
    expect(new Set(steps.map((s) => s.channel))).toEqual(new Set([path.hops[0]!.kind === 'span' ? path.hops[0]!.channel : -1]));

    const kindOf = (device: string, port: string) => index.port(`${device}/${port}`).kind;
    const [head, ...rest] = steps;
    const tail = rest.pop()!;
    expect(kindOf(head!.device, head!.from)).toBe('add-drop');
    expect(kindOf(tail.device, tail.to)).toBe('add-drop');
    for (const s of [head!, ...rest]) expect(kindOf(s.device, s.to)).toBe('degree');
    for (const s of [...rest, tail]) expect(kindOf(s.device, s.from)).toBe('degree');

    // Each step's egress degree and the next step's ingress degree are the two ends of the span's fibre.
    path.fibres.forEach((fibreId, i) => {
      const fibre = index.fibre(fibreId);
      const ends = [`${fibre.a.device}/${fibre.a.port}`, `${fibre.b.device}/${fibre.b.port}`].sort();
      expect([`${steps[i]!.device}/${steps[i]!.to}`, `${steps[i + 1]!.device}/${steps[i + 1]!.from}`].sort()).toEqual(ends);
    });
    // The end ports are patched to the site's OTN switch.
    expect(index.farEnd(`${head!.device}/${head!.from}`)?.device).toBe('dc-north-otn');
    expect(index.farEnd(`${tail.device}/${tail.to}`)?.device).toBe('dc-south-otn');
  });

  it('refuses a path that is not a plain wavelength path', () => {
    const path = wavelengthPath('dc-north', 'dc-south');
    expect(() => planMediaChannels({ ...path, layer: 'odu' }, index, 'x')).toThrow(/not a plain wavelength path/);
  });
});
