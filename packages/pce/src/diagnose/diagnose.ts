import { countChannels } from '../resources/channelMask';
import { osuSlots } from '../resources/items';
import { chainOf, type Label } from '../search/label';
import type { SearchContext } from '../search/SearchContext';
import { constrainedSearch } from '../search/search';
import type { PceFailure } from '../types';

/**
 * Why there is no path, with evidence, by relaxing one constraint at a time:
 * no route even with free resources and no bound → NO_ROUTE; a route but only over the bound → LATENCY_BOUND
 * (the best achievable latency and its path); routes within the bound that all lack OTN capacity or free ports →
 * NO_CAPACITY (the links and what they have); routes with capacity but no common free channel → NO_SPECTRUM (the spans).
 */
export function diagnose(ctx: SearchContext): PceFailure {
  const fastest = ctx.derive({ objective: 'latency' });
  const layer = ctx.layer;
  const ends = { from: ctx.graph.nodes[ctx.source]!.id, to: ctx.graph.nodes[ctx.target]!.id, layer };
  const anyRoute = constrainedSearch(fastest, {}, { masks: true, capacity: true, bound: true });
  if (anyRoute === null) {
    return {
      code: 'PCE_NO_ROUTE',
      message: `no ${layer} route joins ${ends.from} and ${ends.to}${excludedText(ctx)}`,
      evidence: { ...ends, excluded: excluded(ctx) },
    };
  }
  const withinBound = constrainedSearch(fastest, {}, { masks: true, capacity: true, bound: false });
  if (withinBound === null) {
    const feasible = constrainedSearch(fastest, {}, { masks: false, capacity: false, bound: true });
    return {
      code: 'PCE_LATENCY_BOUND',
      message: `best achievable latency ${fmt(anyRoute.lat)} µs exceeds the bound of ${fmt(ctx.boundUs)} µs`,
      evidence: {
        ...ends,
        bestUs: anyRoute.lat,
        boundUs: ctx.boundUs,
        path: devicesOf(ctx, anyRoute),
        fibres: fibresOf(anyRoute),
        bestWithFreeResourcesUs: feasible?.lat ?? null,
      },
    };
  }
  const withCapacity = constrainedSearch(fastest, {}, { masks: true, capacity: false, bound: false });
  if (withCapacity === null) {
    return {
      code: 'PCE_NO_CAPACITY',
      message: `every ${layer} route within the bound lacks capacity; on the fastest: ${capacityText(ctx, withinBound)}`,
      evidence: { ...ends, demandKbps: ctx.bandwidthKbps, path: devicesOf(ctx, withinBound), links: capacityEvidence(ctx, withinBound) },
    };
  }
  const spans = spectrumEvidence(ctx, withCapacity);
  return {
    code: 'PCE_NO_SPECTRUM',
    message: `no channel is free end to end on the ${layer === 'wavelength' ? 'route' : 'lightpaths'} within the bound; blocked where ${spans
      .filter((s) => s.blocks)
      .map((s) => s.fibre)
      .join(', ')} ${spans.filter((s) => s.blocks).length === 1 ? 'joins' : 'join'}`,
    evidence: { ...ends, path: devicesOf(ctx, withCapacity), spans },
  };
}

function devicesOf(ctx: SearchContext, label: Label): string[] {
  return chainOf(label).map((l) => ctx.graph.nodes[l.node]!.id);
}

function fibresOf(label: Label): string[] {
  return chainOf(label)
    .slice(1)
    .flatMap((l) => l.edge!.fibres);
}

function capacityEvidence(ctx: SearchContext, label: Label) {
  const out: Record<string, unknown>[] = [];
  for (const l of chainOf(label).slice(1)) {
    const e = l.edge!;
    if (e.kind === 'otu' && !ctx.linkFits(e)) {
      const capacity = e.groomed ? ctx.view.linkCapacity(e.id, ctx.window) : e.slots;
      const usage = ctx.view.linkUsage(e.id, ctx.window);
      out.push({
        link: e.id,
        capacitySlots: capacity ?? 0,
        slotsUsed: usage.slotsUsed,
        osuKbpsUsed: usage.osuKbpsUsed,
        osuSlotsUsed: osuSlots(usage.osuKbpsUsed),
      });
    }
    if ((e.kind === 'enter' || e.kind === 'exit') && (!ctx.portFree(e.from, e.fromPort) || !ctx.portFree(e.to, e.toPort))) {
      out.push({ ports: [`${ctx.graph.nodes[e.from]!.id}/${e.fromPort}`, `${ctx.graph.nodes[e.to]!.id}/${e.toPort}`], busy: true });
    }
  }
  return out;
}

function capacityText(ctx: SearchContext, label: Label): string {
  const ev = capacityEvidence(ctx, label);
  return ev.length === 0
    ? 'no single link is full (the new OTU links would be too small)'
    : ev.map((e) => (e.link as string) ?? (e.ports as string[]).join('↔')).join(', ');
}

/** Per span of the route: free channels, and where the running intersection of a media channel first goes empty. */
function spectrumEvidence(ctx: SearchContext, label: Label) {
  const spans: { fibre: string; freeChannels: number; blocks: boolean }[] = [];
  let m: [number, number, number] = [...ctx.fullMask];
  let blocked = false;
  for (const l of chainOf(label).slice(1)) {
    const e = l.edge!;
    if (e.kind === 'enter') {
      m = [...ctx.fullMask];
      blocked = false;
    }
    if (e.kind !== 'span') continue;
    const free = ctx.freeMask(e.id);
    m = [(m[0] & free[0]) >>> 0, (m[1] & free[1]) >>> 0, (m[2] & free[2]) >>> 0];
    const empty = m[0] === 0 && m[1] === 0 && m[2] === 0;
    spans.push({ fibre: e.id, freeChannels: countChannels(free), blocks: empty && !blocked });
    if (empty) blocked = true;
  }
  return spans;
}

function excluded(ctx: SearchContext) {
  return {
    nodes: [...ctx.excludedNodes].map((i) => ctx.graph.nodes[i]!.id),
    links: [...ctx.excludedFibres],
    srlgs: [...ctx.excludedSrlgs],
  };
}

function excludedText(ctx: SearchContext): string {
  const n = ctx.excludedNodes.size + ctx.excludedFibres.size + ctx.excludedSrlgs.size + ctx.includeAll;
  return n === 0 ? '' : ' (with the request’s includes and exclusions)';
}

function fmt(us: number): string {
  return String(Number(us.toFixed(3)));
}
