import type { Topology } from '@milli/topology';

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
