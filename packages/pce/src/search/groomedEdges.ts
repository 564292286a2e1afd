import type { TimeWindow } from '@milli/core';
import type { PceGraph, SearchEdge } from '../graph/PceGraph';
import type { OtuLinkRecord, OtuLinkSpec } from '../resources/items';
import type { ResourceView } from '../resources/ResourceView';

/** The groomed links' search edges: by first node, and merged after the graph's own per node (filled by SearchContext.edgesFrom). */
export interface GroomedEdges {
  extraAdjacency: Map<number, SearchEdge[]>;
  mergedAdjacency: Map<number, SearchEdge[]>;
}

/**
 * The search edges of the groomed links last listed per graph and view: each booking of a cut asks again with its
 * own window, and the links are the same ones until a lightpath comes or goes. Searches only read edges.
 */
const groomedMemo = new WeakMap<PceGraph, WeakMap<ResourceView, GroomedEdges & { links: OtuLinkRecord[] }>>();

export function groomedEdges(graph: PceGraph, view: ResourceView, window: TimeWindow): GroomedEdges {
  const links = view.otuLinks(window);
  let byView = groomedMemo.get(graph);
  if (byView === undefined) {
    byView = new WeakMap();
    groomedMemo.set(graph, byView);
  }
  const memo = byView.get(view);
  if (memo !== undefined && memo.links.length === links.length && memo.links.every((r, i) => r === links[i])) return memo;
  const edges = { links, extraAdjacency: edgesOf(graph, links), mergedAdjacency: new Map() };
  byView.set(view, edges);
  return edges;
}

function edgesOf(graph: PceGraph, links: readonly OtuLinkRecord[]): Map<number, SearchEdge[]> {
  const out = new Map<number, SearchEdge[]>();
  let idx = graph.edgeCount;
  for (const { link } of links) {
    for (const template of linkEdges(graph, link)) {
      const e = { ...template, idx: idx++ };
      const list = out.get(e.from);
      if (list === undefined) out.set(e.from, [e]);
      else list.push(e);
    }
  }
  return out;
}

/**
 * A groomed link's two directed edges (without their index), made once per graph and link: links come and go
 * during a cut, and each change lists them all again. Searches only read an edge's arrays.
 */
const linkEdgeMemo = new WeakMap<PceGraph, WeakMap<OtuLinkSpec, SearchEdge[]>>();

function linkEdges(graph: PceGraph, link: OtuLinkSpec): SearchEdge[] {
  let byLink = linkEdgeMemo.get(graph);
  if (byLink === undefined) {
    byLink = new WeakMap();
    linkEdgeMemo.set(graph, byLink);
  }
  const known = byLink.get(link);
  if (known !== undefined) return known;
  const edges: SearchEdge[] = [];
  const a = graph.index.get(link.a.device);
  const b = graph.index.get(link.b.device);
  if (a !== undefined && b !== undefined) {
    const inner = link.devices.map((d) => graph.index.get(d)).filter((i): i is number => i !== undefined);
    const srlgs = [...new Set(link.fibres.flatMap((f) => graph.fibreSrlgs.get(f) ?? []))].sort();
    const base = { id: link.id, kind: 'otu' as const, latencyUs: link.latencyUs, srlgs, slots: link.slots, groomed: true, idx: -1 };
    edges.push({ ...base, from: a, to: b, fromPort: link.a.port, toPort: link.b.port, fibres: [...link.fibres], inner });
    edges.push({
      ...base,
      from: b,
      to: a,
      fromPort: link.b.port,
      toPort: link.a.port,
      fibres: [...link.fibres].reverse(),
      inner: [...inner].reverse(),
    });
  }
  byLink.set(link, edges);
  return edges;
}
