import { MilliError } from '@milli/core';
import type { SearchEdge } from '../graph/PceGraph';
import type { SearchContext } from '../search/SearchContext';
import type { SharedTail } from '../types';

/** The forced access tail of one endpoint: the links every path of the request must take next to it. */
export interface Tail {
  /** The endpoint, then each next device, up to and including the branch node. */
  nodes: number[];
  /** The tail's edges in the direction a path travels (source: endpoint → branch; target: branch → endpoint). */
  edges: SearchEdge[];
  reason: SharedTail['reason'];
}

export interface Tails {
  source: Tail | null;
  target: Tail | null;
  /**
   * No pair can exist: the whole route is one forced chain (or both tails end at the same node), or a tail runs
   * through a patch cord (`sharedPort` says which).
   */
  blocked: boolean;
  /**
   * A patch cord in a tail: both paths would each need their own lightpath through its one OTN line port (a port
   * carries one lightpath, and a lightpath cannot be shared by two disjoint paths), so the pair is impossible.
   */
  sharedPort?: { device: string; port: string };
  /** Elements of both tails: the pair shares them, so disjointness leaves them out. */
  nodes: Set<number>;
  edgeIds: Set<string>;
  srlgs: Set<string>;
  /** Where the protected part starts and ends (the endpoints when there is no tail). */
  from: number;
  to: number;
}

/**
 * The forced tails of a protected request. A link (a fibre or OTU link, either direction) is usable when this
 * request could take it on its own: the service layer's kind, not excluded, capacity for the demand, free ports,
 * a free channel on a span, the named port at an endpoint, and no OSU CPE at either end but the endpoints.
 * From each endpoint: while the current device has exactly one usable link that does not lead back into the tail,
 * that link and the device it reaches belong to the tail. The tail stops at the first device with two or more
 * (the branch node; parallel fibres count as two) or none. Every path of the request starts (ends) with the
 * source (target) tail, so a pair shares it whatever it does: it is reported, never anything else.
 * If a chain reaches the other endpoint, or both chains stop at the same device, the route has no branch at all.
 * A tail through a patch cord (an OTN service groomed onto a new lightpath next to its endpoint) blocks the pair
 * too: the two paths would need two lightpaths through that cord's one line port.
 */
export function forcedTails(ctx: SearchContext): Tails {
  const s = ctx.source;
  const t = ctx.target;
  const src = follow(ctx, s, t);
  const tgt = follow(ctx, t, s);
  const noBranch = src === 'reaches' || tgt === 'reaches' || (src !== null && tgt !== null && last(src.nodes) === last(tgt.nodes));
  const source = src === 'reaches' ? null : src;
  const target = tgt === 'reaches' || tgt === null ? null : { ...tgt, edges: tgt.edges.map((e) => reverseOf(ctx, e)).reverse() };
  const patch = noBranch ? undefined : [source, target].flatMap((t) => t?.edges ?? []).find((e) => e.kind === 'enter' || e.kind === 'exit');
  const blocked = noBranch || patch !== undefined;
  const nodes = new Set<number>();
  const edgeIds = new Set<string>();
  const srlgs = new Set<string>();
  for (const tail of [source, target]) {
    if (tail === null) continue;
    for (const n of tail.nodes) nodes.add(n);
    for (const e of tail.edges) {
      edgeIds.add(e.id);
      for (const x of e.srlgs) srlgs.add(x);
      for (const n of e.inner) nodes.add(n);
    }
  }
  const otn =
    patch === undefined
      ? undefined
      : patch.kind === 'enter'
        ? { node: patch.from, port: patch.fromPort }
        : { node: patch.to, port: patch.toPort };
  return {
    source,
    target,
    blocked,
    ...(otn !== undefined ? { sharedPort: { device: ctx.graph.nodes[otn.node]!.id, port: otn.port } } : {}),
    nodes,
    edgeIds,
    srlgs,
    from: source === null ? s : last(source.nodes),
    to: target === null ? t : last(target.nodes),
  };
}

/** The public description of the tails (source first). */
export function describeTails(ctx: SearchContext, tails: Tails): SharedTail[] {
  const id = (n: number) => ctx.graph.nodes[n]!.id;
  const out: SharedTail[] = [];
  for (const tail of [tails.source, tails.target]) {
    if (tail === null) continue;
    const fibres = tail.edges.flatMap((e) => e.fibres);
    out.push({
      endpoint: id(tail.nodes[0]!),
      devices: tail.nodes.map(id),
      fibres: tail === tails.target ? [...new Set(fibres)].reverse() : [...new Set(fibres)],
      srlgs: [...new Set(tail.edges.flatMap((e) => e.srlgs))].sort(),
      reason: tail.reason,
    });
  }
  return out;
}

function follow(ctx: SearchContext, end: number, other: number): Tail | null | 'reaches' {
  const nodes = [end];
  const edges: SearchEdge[] = [];
  let reason: SharedTail['reason'] = 'single-homed';
  const port = end === ctx.source ? ctx.sourcePort : ctx.targetPort;
  if (port !== undefined && ctx.edgesFrom(end).some((e) => e.fromPort !== port && linkUsable(ctx, e, true))) reason = 'named port';
  for (let cur = end; ; ) {
    const outs = ctx.edgesFrom(cur).filter((e) => !nodes.includes(e.to) && linkUsable(ctx, e, false));
    if (outs.length !== 1) break;
    const e = outs[0]!;
    if (e.to === other || e.inner.includes(other)) return 'reaches';
    edges.push(e);
    nodes.push(e.to);
    cur = e.to;
  }
  return edges.length === 0 ? null : { nodes, edges, reason };
}

/** Whether the request could use the link at all (symmetric in its two directions); `ignorePorts` drops the named-port rule. */
function linkUsable(ctx: SearchContext, e: SearchEdge, ignorePorts: boolean): boolean {
  const g = ctx.graph;
  const end = (n: number) => n === ctx.source || n === ctx.target;
  if (ctx.layer === 'wavelength') {
    if (e.kind !== 'span') return false;
  } else {
    if (e.kind !== 'otu' && !ctx.grooming) return false;
    if ((g.nodes[e.to]!.kind === 'osu' && !end(e.to)) || (g.nodes[e.from]!.kind === 'osu' && !end(e.from))) return false;
  }
  if (ctx.excludedNodes.has(e.to) || ctx.excludedNodes.has(e.from)) return false;
  for (const n of e.inner) if (ctx.excludedNodes.has(n)) return false;
  for (const f of e.fibres) if (ctx.excludedFibres.has(f)) return false;
  for (const x of e.srlgs) if (ctx.excludedSrlgs.has(x)) return false;
  if (!ignorePorts) {
    for (const [node, port] of [
      [ctx.source, ctx.sourcePort],
      [ctx.target, ctx.targetPort],
    ] as const) {
      if (port === undefined) continue;
      if ((e.from === node && e.fromPort !== port) || (e.to === node && e.toPort !== port)) return false;
    }
  }
  switch (e.kind) {
    case 'span': {
      const m = ctx.freeMask(e.id);
      const full = ctx.fullMask;
      return ((m[0] & full[0]) | (m[1] & full[1]) | (m[2] & full[2])) !== 0;
    }
    case 'otu':
      return ctx.linkFits(e);
    default:
      return e.slots > 0 && ctx.portFree(e.from, e.fromPort) && ctx.portFree(e.to, e.toPort);
  }
}

/** The same link the other way round. */
function reverseOf(ctx: SearchContext, e: SearchEdge): SearchEdge {
  const back = ctx.edgesFrom(e.to).find((x) => x.id === e.id && x.to === e.from);
  // PceGraph adds every edge in both directions, so a missing twin is a bug, not bad input.
  if (back === undefined) throw new MilliError('INTERNAL', `pce: link ${e.id} has no reverse edge`, { link: e.id });
  return back;
}

function last(xs: number[]): number {
  return xs[xs.length - 1]!;
}
