import { lowestChannel } from '../resources/channelMask';
import type { ReservationItem } from '../resources/items';
import { chainOf, type Label } from './label';
import type { SearchEdge } from '../graph/PceGraph';
import type { SearchContext } from './SearchContext';
import type { ComputedPath, FibreLatency, NodeLatency, PathHop } from '../types';

/**
 * Turns a complete label into a result path: hops with the resources they take (first-fit lowest channel on each
 * media channel), the latency breakdown fibre by fibre and node by node, and the reservation items.
 */
export function buildPath(ctx: SearchContext, label: Label): ComputedPath {
  const g = ctx.graph;
  const chain = chainOf(label);
  const id = (n: number) => g.nodes[n]!.id;
  const devices: string[] = [id(chain[0]!.node)];
  const nodes: NodeLatency[] = [{ device: id(chain[0]!.node), role: ctx.roleOf(chain[0]!.node), us: ctx.nodeLatency(chain[0]!.node) }];
  const fibres: FibreLatency[] = [];
  const hops: PathHop[] = [];
  const reservation: ReservationItem[] = [];
  const demand = (link: string): Pick<PathHop & { kind: 'otu-link' }, 'slots' | 'osuKbps'> => {
    if (ctx.layer === 'osu') {
      reservation.push({ kind: 'osu', link, kbps: ctx.bandwidthKbps });
      return { osuKbps: ctx.bandwidthKbps };
    }
    reservation.push({ kind: 'slots', link, slots: ctx.slotsNeeded });
    return { slots: ctx.slotsNeeded };
  };
  const wavelengthChannel = ctx.layer === 'wavelength' ? lowestChannel(label.m0, label.m1, label.m2) : undefined;
  let lightpath: { start: Label; edges: SearchEdge[] } | undefined;
  for (let i = 1; i < chain.length; i++) {
    const l = chain[i]!;
    const e = l.edge!;
    for (const inner of e.inner) {
      devices.push(id(inner));
      nodes.push({ device: id(inner), role: 'optical-pass-through', us: g.nodes[inner]!.latency['optical-pass-through'] });
    }
    for (const f of e.fibres) fibres.push({ fibre: f, us: g.fibreLatency.get(f) ?? 0 });
    devices.push(id(l.node));
    nodes.push({ device: id(l.node), role: ctx.roleOf(l.node), us: ctx.nodeLatency(l.node) });
    if (e.kind === 'span' && ctx.layer === 'wavelength') {
      hops.push({ kind: 'span', from: id(e.from), to: id(e.to), fibre: e.id, channel: wavelengthChannel! });
      reservation.push({ kind: 'channel', fibre: e.id, channel: wavelengthChannel! });
    } else if (e.kind === 'otu') {
      hops.push({ kind: 'otu-link', from: id(e.from), to: id(e.to), link: e.id, fibres: [...e.fibres], ...demand(e.id) });
    } else if (e.kind === 'enter') {
      lightpath = { start: chain[i - 1]!, edges: [e] };
    } else if (lightpath !== undefined) {
      lightpath.edges.push(e);
      if (e.kind === 'exit') {
        hops.push(newLightpathHop(ctx, lightpath.edges, l, reservation, demand));
        lightpath = undefined;
      }
    }
  }
  const fibreUs = sum(fibres.map((f) => f.us));
  const nodeUs = sum(nodes.map((n) => n.us));
  const fibreIds = fibres.map((f) => f.fibre);
  return {
    layer: ctx.layer,
    devices,
    fibres: fibreIds,
    srlgs: [...new Set(fibreIds.flatMap((f) => g.fibreSrlgs.get(f) ?? []))].sort(),
    hops,
    latency: { fibres, nodes, fibreUs, nodeUs, totalUs: label.lat },
    hopCount: label.hops,
    resourceUnits: label.res,
    newLightpaths: hops.filter((h) => h.kind === 'new-lightpath').length,
    reservation,
  };
}

function newLightpathHop(
  ctx: SearchContext,
  edges: SearchEdge[],
  end: Label,
  reservation: ReservationItem[],
  demand: (link: string) => { slots?: number; osuKbps?: number },
): PathHop {
  const g = ctx.graph;
  const id = (n: number) => g.nodes[n]!.id;
  const enter = edges[0]!;
  const exit = edges[edges.length - 1]!;
  const spans = edges.filter((e) => e.kind === 'span');
  let [m0, m1, m2] = ctx.fullMask;
  for (const s of spans) {
    const free = ctx.freeMask(s.id);
    m0 &= free[0];
    m1 &= free[1];
    m2 &= free[2];
  }
  const channel = lowestChannel(m0 >>> 0, m1 >>> 0, m2 >>> 0) ?? 1;
  const a = id(enter.from);
  const b = id(exit.to);
  const link = `otu:${a}/${enter.fromPort}~${b}/${exit.toPort}`;
  const roadms = edges.slice(0, -1).map((e) => id(e.to));
  const fibres = edges.map((e) => e.id);
  const linkSlots = Math.min(enter.slots, exit.slots);
  const latencyUs = sum(edges.map((e) => e.latencyUs)) + sum(edges.slice(0, -1).map((e) => g.nodes[e.to]!.latency['optical-pass-through']));
  reservation.push(
    {
      kind: 'otu-link',
      link: {
        id: link,
        a: { device: a, port: enter.fromPort },
        b: { device: b, port: exit.toPort },
        slots: linkSlots,
        channel,
        fibres,
        devices: roadms,
        latencyUs,
      },
    },
    { kind: 'port', device: a, port: enter.fromPort },
    { kind: 'port', device: id(enter.to), port: enter.toPort },
    { kind: 'port', device: id(exit.from), port: exit.fromPort },
    { kind: 'port', device: b, port: exit.toPort },
    ...spans.map((s) => ({ kind: 'channel' as const, fibre: s.id, channel })),
  );
  void end;
  return {
    kind: 'new-lightpath',
    from: a,
    to: b,
    link,
    fromPort: enter.fromPort,
    toPort: exit.toPort,
    channel,
    fibres,
    roadms,
    linkSlots,
    ...demand(link),
  };
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
