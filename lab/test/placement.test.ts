import type { Topology } from '@milli/topology';
import { loadTopology } from '@milli/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedLoad, placeDevices } from '../src/host/threads/placement';
import { metroMedium } from './support/labHarness';

let topology: Topology;

beforeAll(async () => {
  topology = await loadTopology(await metroMedium());
});

const dcSwitches = () => {
  const dcSites = new Set(topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id));
  return topology.devices.filter((d) => dcSites.has(d.site) && (d.kind === 'otn' || d.kind === 'osu')).map((d) => d.id);
};

describe('placing devices on device threads', () => {
  it('puts every device on one of the threads, the same way every time', () => {
    const placement = placeDevices(topology, 3);
    expect([...placement.keys()].sort()).toEqual(topology.devices.map((d) => d.id).sort());
    expect(new Set(placement.values())).toEqual(new Set([1, 2, 3]));
    expect(placeDevices(topology, 3)).toEqual(placement);
  });

  it('spreads the data-centre switches (where every access line ends) evenly before anything else', () => {
    const switches = dcSwitches();
    expect(switches.length).toBe(4);
    for (const threads of [2, 4]) {
      const placement = placeDevices(topology, threads);
      const perThread = new Map<number, number>();
      for (const id of switches) perThread.set(placement.get(id)!, (perThread.get(placement.get(id)!) ?? 0) + 1);
      expect([...perThread.values()], `${threads} threads`).toEqual(new Array(threads).fill(switches.length / threads));
    }
  });

  it('weighs a data-centre switch above any other device, and others by their ports', () => {
    const weight = new Map(topology.devices.map((d) => [d.id, expectedLoad(d, topology)]));
    const switches = new Set(dcSwitches());
    const heaviestOther = Math.max(...topology.devices.filter((d) => !switches.has(d.id)).map((d) => weight.get(d.id)!));
    for (const id of switches) expect(weight.get(id)).toBeGreaterThan(heaviestOther);
    const oxc = topology.devices.find((d) => d.kind === 'oxc')!;
    expect(weight.get(oxc.id)).toBe(oxc.ports.length);
  });

  it('leaves the threads about equally loaded: no two differ by more than the heaviest single device', () => {
    const placement = placeDevices(topology, 2);
    const load = [0, 0];
    for (const device of topology.devices) load[placement.get(device.id)! - 1]! += expectedLoad(device, topology);
    const heaviest = Math.max(...topology.devices.map((d) => expectedLoad(d, topology)));
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(heaviest);
  });

  it('with one thread, places everything on it', () => {
    expect(new Set(placeDevices(topology, 1).values())).toEqual(new Set([1]));
  });
});
