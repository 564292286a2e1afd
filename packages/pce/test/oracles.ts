import type { Topology } from '@milli/topology';

// Oracles of the pce tests: answers computed from the fibres alone, independent of the PCE's own code.
/** Every simple path between two devices over the fibres given, as fibre id lists (a test oracle, no pruning). */
export function allSimplePaths(
  topology: Topology,
  from: string,
  to: string,
  usable: (fibreId: string) => boolean,
): { devices: string[]; fibres: string[] }[] {
  const adj = new Map<string, { fibre: string; to: string }[]>();
  for (const f of topology.fibres) {
    if (!usable(f.id)) continue;
    const add = (a: string, b: string) => {
      const list = adj.get(a) ?? [];
      list.push({ fibre: f.id, to: b });
      adj.set(a, list);
    };
    add(f.a.device, f.b.device);
    add(f.b.device, f.a.device);
  }
  const out: { devices: string[]; fibres: string[] }[] = [];
  const devices = [from];
  const fibres: string[] = [];
  const walk = (at: string) => {
    if (at === to) {
      out.push({ devices: [...devices], fibres: [...fibres] });
      return;
    }
    for (const { fibre, to: next } of adj.get(at) ?? []) {
      if (devices.includes(next)) continue;
      devices.push(next);
      fibres.push(fibre);
      walk(next);
      devices.pop();
      fibres.pop();
    }
  };
  walk(from);
  return out;
}

/** Forced access tails computed from the fibres alone (a test oracle, independent of the PCE's own code). */
export interface OracleTails {
  /** The route has no branch: every path takes the same fibres from end to end. */
  blocked: boolean;
  fibres: Set<string>;
  devices: Set<string>;
  srlgs: Set<string>;
  /** Per endpoint with a tail: its devices from the endpoint to the branch node, and its fibres. */
  tails: { endpoint: string; devices: string[]; fibres: string[] }[];
}

/**
 * From each endpoint, while the current device has exactly one usable fibre not leading back into the tail, that
 * fibre and the device it reaches are forced. A chain that reaches the other endpoint, or two chains ending at
 * the same device, leave no branch.
 */
export function oracleTails(topology: Topology, from: string, to: string, usable: (fibre: string) => boolean): OracleTails {
  const srlgsOf = new Map(topology.fibres.map((f) => [f.id, f.srlgs]));
  const links = (device: string) =>
    topology.fibres
      .filter((f) => usable(f.id) && (f.a.device === device || f.b.device === device) && f.a.device !== f.b.device)
      .map((f) => ({ fibre: f.id, next: f.a.device === device ? f.b.device : f.a.device }));
  const follow = (end: string, other: string) => {
    const devices = [end];
    const fibres: string[] = [];
    for (;;) {
      const outs = links(devices[devices.length - 1]!).filter((l) => !devices.includes(l.next));
      if (outs.length !== 1) return { devices, fibres, reaches: false };
      if (outs[0]!.next === other) return { devices, fibres, reaches: true };
      devices.push(outs[0]!.next);
      fibres.push(outs[0]!.fibre);
    }
  };
  const a = follow(from, to);
  const b = follow(to, from);
  const blocked = a.reaches || b.reaches || (a.fibres.length > 0 && b.fibres.length > 0 && a.devices.at(-1) === b.devices.at(-1));
  const tails = [a, b].filter((t) => t.fibres.length > 0).map((t) => ({ endpoint: t.devices[0]!, devices: t.devices, fibres: t.fibres }));
  const fibres = new Set(tails.flatMap((t) => t.fibres));
  return {
    blocked,
    fibres,
    devices: new Set(tails.flatMap((t) => t.devices)),
    srlgs: new Set([...fibres].flatMap((f) => srlgsOf.get(f) ?? [])),
    tails,
  };
}

/** Disjoint outside the tails: no fibre, no inner device (node) or no SRLG (srlg) in common but the tails'. */
export function disjointOutside(
  kind: 'link' | 'node' | 'srlg',
  tails: OracleTails,
  srlgsOf: (fibre: string) => string[],
  x: { devices: string[]; fibres: string[] },
  y: { devices: string[]; fibres: string[] },
): boolean {
  const xf = x.fibres.filter((f) => !tails.fibres.has(f));
  const yf = new Set(y.fibres.filter((f) => !tails.fibres.has(f)));
  if (xf.some((f) => yf.has(f))) return false;
  if (kind === 'node') {
    const inner = new Set(x.devices.slice(1, -1).filter((d) => !tails.devices.has(d)));
    if (y.devices.slice(1, -1).some((d) => inner.has(d))) return false;
  }
  if (kind === 'srlg') {
    const xs = new Set(xf.flatMap(srlgsOf).filter((s) => !tails.srlgs.has(s)));
    if ([...yf].flatMap(srlgsOf).some((s) => xs.has(s))) return false;
  }
  return true;
}
