import type { SearchEdge } from '../graph/PceGraph';
import type { Relaxation, Restrictions, SearchContext } from './SearchContext';

/**
 * A partial path: where it is, what it has cost so far, and the state the rest of the path depends on:
 * the channels still free along the current media channel (m0..m2) and, inside a lightpath that grooming is
 * building, the slots of the OTN line port it started from (`lp`, 0 outside a lightpath).
 */
export interface Label {
  node: number;
  lat: number;
  hops: number;
  res: number;
  m0: number;
  m1: number;
  m2: number;
  lp: number;
  inc: number;
  parent: Label | null;
  edge: SearchEdge | null;
  seq: number;
  /** The search generation that found this label dominated (labels are reused as Yen roots across searches). */
  deadIn: number;
  /** One bit per device on the path (hashed, `deviceBit`): a clear bit proves a device is not on it without a walk. */
  seen: number;
  /**
   * Bloom bits (`deviceBit`) of the optical devices an OTN path passes inside lightpaths (ROADMs it enters or
   * crosses, devices inside groomed links): a path can never come back to them, yet they carry no state a later
   * path could resume from, so dominance must not ignore them (search.ts). Always 0 on the wavelength layer.
   */
  opt: number;
}

/** A device's bit in `Label.seen` (a 32-bit Bloom filter: a set bit may be another device). */
export function deviceBit(node: number): number {
  return 1 << (Math.imul(node, 0x9e3779b1) >>> 27);
}

export function startLabel(ctx: SearchContext, seq: number): Label {
  const [m0, m1, m2] = ctx.fullMask;
  return {
    node: ctx.source,
    lat: ctx.nodeLatency(ctx.source),
    hops: 0,
    res: 0,
    m0,
    m1,
    m2,
    lp: 0,
    inc: ctx.includeNodes.get(ctx.source) ?? 0,
    parent: null,
    edge: null,
    seq,
    deadIn: -1,
    seen: deviceBit(ctx.source),
    opt: 0,
  };
}

/** Whether a device is already on the label's path (as a node or inside a groomed link). */
export function onPath(label: Label, node: number): boolean {
  if ((label.seen & deviceBit(node)) === 0) return false;
  for (let l: Label | null = label; l !== null; l = l.parent) {
    if (l.node === node) return true;
    if (l.edge !== null && l.edge.inner.length > 0 && l.edge.inner.includes(node)) return true;
  }
  return false;
}

/** Cheap layer checks, before the costlier ones: wavelength uses spans only; no grooming means OTU links only; CPEs only end paths. */
export function kindAllowed(ctx: SearchContext, edge: SearchEdge): boolean {
  if (ctx.layer === 'wavelength') return edge.kind === 'span';
  if (edge.kind !== 'otu' && !ctx.grooming) return false;
  return edge.to === ctx.target || ctx.graph.isOsu[edge.to] === 0;
}

/** The edge's elements against the request's exclusions and a search's restrictions. */
export function edgeAllowed(ctx: SearchContext, edge: SearchEdge, r: Restrictions): boolean {
  // Hot: skip the string-set lookups for sets that are empty (the usual case for exclusions).
  const xn = ctx.excludedNodes.size > 0 ? ctx.excludedNodes : undefined;
  const rn = r.nodes !== undefined && r.nodes.size > 0 ? r.nodes : undefined;
  if (xn?.has(edge.to) || rn?.has(edge.to)) return false;
  if (r.edges?.has(edge) || r.skip?.(edge)) return false;
  const xf = ctx.excludedFibres.size > 0 ? ctx.excludedFibres : undefined;
  const rf = r.fibres !== undefined && r.fibres.size > 0 ? r.fibres : undefined;
  if (xf !== undefined || rf !== undefined) for (const f of edge.fibres) if (xf?.has(f) || rf?.has(f)) return false;
  const xs = ctx.excludedSrlgs.size > 0 ? ctx.excludedSrlgs : undefined;
  const rs = r.srlgs !== undefined && r.srlgs.size > 0 ? r.srlgs : undefined;
  if (xs !== undefined || rs !== undefined) for (const s of edge.srlgs) if (xs?.has(s) || rs?.has(s)) return false;
  if ((xn !== undefined || rn !== undefined) && edge.inner.length > 0)
    for (const n of edge.inner) if (xn?.has(n) || rn?.has(n)) return false;
  return true;
}

/**
 * The one transition rule of the multi-layer search (also used to replay and to check paths): extends a label
 * over an edge, or says no. Layers: wavelength uses spans only; OTN services use OTU links and, with grooming,
 * enter a ROADM from a free line port, cross spans with one common free channel, and exit into another OTN switch
 * as a new OTU link whose rate is the lower of the two line ports.
 */
export function extend(ctx: SearchContext, label: Label, edge: SearchEdge, relax: Relaxation, seq: number): Label | null {
  const to = edge.to;
  const kind = edge.kind;
  let { m0, m1, m2, lp } = label;
  let hops = label.hops;
  let res = label.res;
  if (ctx.layer === 'wavelength') {
    if (kind !== 'span') return null;
    hops++;
    res++;
  } else {
    if (kind !== 'otu' && !ctx.grooming) return null;
    // An OSU CPE has one line: it ends a path, it never carries one through.
    if (ctx.graph.isOsu[to] === 1 && to !== ctx.target) return null;
  }
  if (label.parent === null && ctx.sourcePort !== undefined && edge.fromPort !== ctx.sourcePort) return null;
  if (to === ctx.target && ctx.targetPort !== undefined && edge.toPort !== ctx.targetPort) return null;
  switch (kind) {
    case 'span': {
      if (!relax.masks) {
        const free = ctx.freeMask(edge.id);
        m0 = (m0 & free[0]) >>> 0;
        m1 = (m1 & free[1]) >>> 0;
        m2 = (m2 & free[2]) >>> 0;
        if (m0 === 0 && m1 === 0 && m2 === 0) return null;
      }
      if (ctx.layer !== 'wavelength') res++;
      break;
    }
    case 'enter': {
      if (!relax.capacity && !ctx.edgePortsFree(edge)) return null;
      if (edge.slots <= 0) return null;
      [m0, m1, m2] = ctx.fullMask;
      lp = edge.slots;
      break;
    }
    case 'exit': {
      if (lp <= 0) return null;
      if (!relax.capacity) {
        if (!ctx.edgePortsFree(edge)) return null;
        if (!ctx.freshLinkFits(Math.min(lp, edge.slots))) return null;
      }
      [m0, m1, m2] = ctx.fullMask;
      lp = 0;
      hops++;
      break;
    }
    case 'otu': {
      if (!relax.capacity && !ctx.linkFits(edge)) return null;
      hops++;
      res++;
      break;
    }
  }
  const lat = label.lat + edge.latencyUs + ctx.nodeLatency(to);
  const toGo = ctx.latencyToGo(to);
  // Infinite: the target cannot be reached from here at all.
  if (toGo === Number.POSITIVE_INFINITY || (!relax.bound && lat + toGo > ctx.boundUs)) return null;
  let inc = label.inc;
  if (ctx.includeAll !== 0) {
    inc |= ctx.includeNodes.get(to) ?? 0;
    for (const n of edge.inner) inc |= ctx.includeNodes.get(n) ?? 0;
    for (const f of edge.fibres) inc |= ctx.includeFibres.get(f) ?? 0;
    for (const s of edge.srlgs) inc |= ctx.includeSrlgs.get(s) ?? 0;
  }
  let seen = label.seen | deviceBit(to);
  let opt = label.opt;
  if (ctx.layer !== 'wavelength' && (kind === 'enter' || kind === 'span')) opt |= deviceBit(to);
  for (const n of edge.inner) {
    seen |= deviceBit(n);
    opt |= deviceBit(n);
  }
  return { node: to, lat, hops, res, m0, m1, m2, lp, inc, parent: label, edge, seq, deadIn: -1, seen, opt };
}

/**
 * Whether every optical device `a` passes inside its lightpaths (see `Label.opt`) is also on `b`'s path. Only
 * then may `a` dominate `b`: any completion of `b` avoids those devices, so it either avoids `a`'s path too or
 * meets it last at a device between lightpaths (an OTN switch), where both are in the same state and `a`'s prefix
 * up to there plus the rest of the completion is a simple path no worse than `b`'s. A device `a` passed inside a lightpath offers no such splice (`b` would leave it in another
 * lightpath, with other channels), so without this check a cheaper label could hide the only way on.
 */
export function opticalSubset(a: Label, b: Label): boolean {
  if (a.opt === 0) return true;
  if ((a.opt & ~b.seen) !== 0) return false;
  for (let l: Label | null = a; l !== null && l.edge !== null; l = l.parent) {
    const e = l.edge;
    if ((e.kind === 'enter' || e.kind === 'span') && !onPath(b, l.node)) return false;
    for (const n of e.inner) if (!onPath(b, n)) return false;
  }
  return true;
}

/** The objective's primary measure of a label. */
export function primary(ctx: SearchContext, l: Label): number {
  return ctx.objective === 'latency' ? l.lat : ctx.objective === 'hops' ? l.hops : l.res;
}

/** Labels from the source to `label`, source first. */
export function chainOf(label: Label): Label[] {
  const out: Label[] = [];
  for (let l: Label | null = label; l !== null; l = l.parent) out.push(l);
  return out.reverse();
}

/** Whether a label at the target is a complete path: every include met, not stuck inside a lightpath. */
export function complete(ctx: SearchContext, l: Label): boolean {
  return l.node === ctx.target && (l.inc & ctx.includeAll) === ctx.includeAll && l.lp === 0;
}
