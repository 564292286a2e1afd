import type { PceGraph } from '@milli/pce';
import type { Probe } from './LatencyProbe';

/** A known path from a device to the book's target: the tail of a path the PCE computed, or one built from such tails. */
interface Known {
  latencyUs: number;
  devices: string[];
  fibres: string[];
  nodeUs: number[];
  fibreUsList: number[];
}

/** Tributary slots the ODU0 probe takes (1.25 Gbit/s each): what a fixed OTU link must offer to carry it. */
const PROBE_SLOTS = 1;

/**
 * Proven ODU-layer optima toward one target without a search of their own. Every path the PCE returns leaves, from
 * each OTN switch on it, a tail that is itself a path (same hops; nothing is reserved). A device's optimum is proven
 * when a path from it whose every hop the PCE takes (a known tail, or one fixed OTU link onto a known tail that does
 * not come back through the device) has a latency equal to the PCE's own admissible lower bound for it: no path can
 * be shorter than the bound, and this one reaches it. Only the ODU layer: there an OTN switch adds the same latency
 * in transit as at an end, so a tail keeps its latency when its first device becomes the endpoint.
 */
export class SuffixBook {
  private readonly known = new Map<string, Known>();
  proven = 0;

  constructor(
    private readonly graph: PceGraph,
    private readonly target: string,
    private readonly lowerBoundUs: (from: string) => number,
  ) {}

  /** Records the tail from every OTN switch of a computed (or proven) ODU path to the target. */
  learn(path: Probe): void {
    const { devices, fibres, nodeUs, fibreUsList } = path;
    if (path.layer !== 'odu' || path.latencyUs === null || path.to !== this.target) return;
    // One fibre between consecutive devices and one figure per device, as computePath reports them.
    if (nodeUs.length !== devices.length || fibres.length !== devices.length - 1 || fibreUsList.length !== fibres.length) return;
    let tail = 0;
    for (let i = devices.length - 1; i >= 0; i--) {
      tail += nodeUs[i]! + (i < fibreUsList.length ? fibreUsList[i]! : 0);
      const node = this.graph.node(devices[i]!);
      if (node === undefined || (node.kind !== 'otn' && node.kind !== 'osu')) continue;
      const had = this.known.get(devices[i]!);
      if (had !== undefined && had.latencyUs <= tail) continue;
      this.known.set(devices[i]!, {
        latencyUs: tail,
        devices: devices.slice(i),
        fibres: fibres.slice(i),
        nodeUs: nodeUs.slice(i),
        fibreUsList: fibreUsList.slice(i),
      });
    }
  }

  /** The device's optimum to the target, when a known tail or one fixed OTU link onto one proves it. */
  prove(device: string): Probe | undefined {
    const bound = this.lowerBoundUs(device);
    const tight = (us: number) => us - bound <= 1e-6 * Math.max(1, us);
    const own = this.known.get(device);
    if (own !== undefined && tight(own.latencyUs)) return this.probeOf(device, own);
    const node = this.graph.node(device);
    if (node === undefined) return undefined;
    const oduUs = node.latency['odu-switch'];
    for (const e of this.graph.adjacency[node.index]!) {
      if (e.kind !== 'otu' || e.groomed || e.slots < PROBE_SLOTS || e.fibres.length !== 1) continue;
      const next = this.known.get(this.graph.nodes[e.to]!.id);
      if (next === undefined || next.devices.includes(device)) continue;
      const us = oduUs + e.latencyUs + next.latencyUs;
      if (!tight(us)) continue;
      const path: Known = {
        latencyUs: us,
        devices: [device, ...next.devices],
        fibres: [...e.fibres, ...next.fibres],
        nodeUs: [oduUs, ...next.nodeUs],
        fibreUsList: [e.latencyUs, ...next.fibreUsList],
      };
      this.known.set(device, path);
      return this.probeOf(device, path);
    }
    return undefined;
  }

  private probeOf(from: string, k: Known): Probe {
    this.proven++;
    const fibreUs = k.fibreUsList.reduce((s, x) => s + x, 0);
    return { from, to: this.target, layer: 'odu', fibreUs, ...k, boundedOut: false };
  }
}
