import type { Device, Topology } from '@milli/topology';

/**
 * How much work a device is expected to bring its thread, from the topology alone. Every access line ends on a
 * data centre's OTN or OSU switch (its milli-osu holds one OSU connection per line, so its edits and whole-module
 * validations are the lab's largest by far): those weigh more than any other device together could on one of
 * their own. Otherwise a device's work grows with what passes through it, i.e. with its ports.
 */
export function expectedLoad(device: Device, topology: Topology): number {
  const site = topology.sites.find((s) => s.id === device.site);
  const terminatesLines = site?.kind === 'dc' && (device.kind === 'otn' || device.kind === 'osu');
  return device.ports.length + (terminatesLines ? DC_SWITCH_WEIGHT : 0);
}

/** Larger than any device's port count, so data-centre switches are spread first and evenly. */
const DC_SWITCH_WEIGHT = 1000;

/**
 * Places the devices on `threads` threads (numbered 1..threads), heaviest first, each on the thread with the least
 * expected load so far (ties: the lower thread), so the busiest devices are spread out and each thread carries
 * about the same. Deterministic: the same topology is always placed the same way.
 */
export function placeDevices(topology: Topology, threads: number): Map<string, number> {
  const load = new Array<number>(threads).fill(0);
  const weighted = topology.devices
    .map((device) => ({ id: device.id, weight: expectedLoad(device, topology) }))
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const placement = new Map<string, number>();
  for (const { id, weight } of weighted) {
    let lightest = 0;
    for (let t = 1; t < threads; t++) if (load[t]! < load[lightest]!) lightest = t;
    load[lightest] = (load[lightest] ?? 0) + weight;
    placement.set(id, lightest + 1);
  }
  return placement;
}
