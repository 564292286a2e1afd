import { computeIndicators } from '@milli/indicators';
import { fibreLatencyUs, generateMetro, NODE_LATENCY_DEFAULTS, type Topology } from '@milli/topology';
import { describe, expect, it } from 'vitest';

/**
 * An independent all-pairs computation, written here from the latency model alone: Dijkstra over the device graph
 * (every fibre, whatever its layer) where each device adds its role latency. With no reservations every channel and
 * port is free, so the provisioning engine's best ODU or OSU path must have exactly this latency.
 */
function allPairs(topology: Topology, role: 'odu' | 'osu'): (from: string, to: string) => number {
  const ids = topology.devices.map((d) => d.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const adj: { to: number; us: number }[][] = ids.map(() => []);
  for (const f of topology.fibres) {
    const [a, b] = [index.get(f.a.device)!, index.get(f.b.device)!];
    adj[a]!.push({ to: b, us: fibreLatencyUs(f) });
    adj[b]!.push({ to: a, us: fibreLatencyUs(f) });
  }
  const optical = (kind: string) => kind === 'roadm' || kind === 'oxc';
  const transit = topology.devices.map((d) => {
    if (optical(d.kind)) return NODE_LATENCY_DEFAULTS['optical-pass-through'].us;
    if (role === 'osu' && d.ports.some((p) => p.osu)) return NODE_LATENCY_DEFAULTS['osu-switch'].us;
    return NODE_LATENCY_DEFAULTS['odu-switch'].us;
  });
  const endUs = role === 'osu' ? NODE_LATENCY_DEFAULTS['osu-map'].us : NODE_LATENCY_DEFAULTS['odu-switch'].us;
  const cache = new Map<number, Float64Array>();
  const from = (s: number) => {
    const hit = cache.get(s);
    if (hit) return hit;
    // Plain O(n²) Dijkstra: the metro is small, and simplest is least likely to share a bug with the engine.
    const dist = new Float64Array(ids.length).fill(Number.POSITIVE_INFINITY);
    const done = new Uint8Array(ids.length);
    dist[s] = 0;
    for (;;) {
      let u = -1;
      for (let i = 0; i < ids.length; i++) if (!done[i] && (u < 0 || dist[i]! < dist[u]!)) u = i;
      if (u < 0 || dist[u] === Number.POSITIVE_INFINITY) break;
      done[u] = 1;
      for (const e of adj[u]!) {
        const d = dist[u]! + e.us + (e.to === s ? 0 : transit[e.to]!);
        if (d < dist[e.to]!) dist[e.to] = d;
      }
    }
    cache.set(s, dist);
    return dist;
  };
  // dist counts the far end at its transit latency: swap in the end role at both ends.
  return (a, b) => {
    const [i, j] = [index.get(a)!, index.get(b)!];
    return from(i)[j]! - transit[j]! + 2 * endUs;
  };
}

describe('circles and one-hop access on a generated metro, against an independent all-pairs computation', () => {
  // 150 km radius: far enough that some DC/access point pairs are over 1 ms and some under.
  const topology = generateMetro({ dcs: 4, important: 8, access: 30, parks: 0, radiusKm: 150, seed: 'indicators-check' });
  const report = computeIndicators({ topology });
  const odu = allPairs(topology, 'odu');
  const osu = allPairs(topology, 'osu');
  const aps = topology.sites.filter((s) => s.kind === 'access').map((s) => s.id);
  const dcs = topology.sites.filter((s) => s.kind === 'dc').map((s) => s.id);

  it('each DC circle holds exactly the access points the independent computation puts under 1 ms, at the same latency', () => {
    let inside = 0;
    let outside = 0;
    for (const dc of dcs) {
      const circle = report.circles.find((c) => c.dc === dc)!;
      const expected = aps.filter((ap) => odu(`${ap}-otn`, `${dc}-otn`) < 1000);
      expect(circle.members.map((m) => m.accessPoint).sort()).toEqual(expected.sort());
      for (const m of circle.members) expect(m.latencyUs).toBeCloseTo(odu(`${m.accessPoint}-otn`, `${dc}-otn`), 6);
      inside += expected.length;
      outside += aps.length - expected.length;
    }
    // The check means something only if both sides are populated.
    expect(inside).toBeGreaterThan(10);
    expect(outside).toBeGreaterThan(10);
    // Both ways of settling a member were exercised: searches, and optima proven from another search's path.
    expect(report.work.pathComputations).toBeGreaterThan(0);
    expect(report.work.provenWithoutSearch).toBeGreaterThan(0);
  });

  it('the one-hop ratio matches the independent OSU computation', () => {
    const expected = aps.filter((ap) => dcs.some((dc) => osu(`${ap}-otn`, `${dc}-otn`) < 1000));
    const oneHop = report.indicators.find((i) => i.id === 'one-hop-access-ratio')!;
    expect(oneHop.value).toBeCloseTo(expected.length / aps.length, 12);
    expect((oneHop.evidence.countedIn as { accessPoint: string }[]).map((r) => r.accessPoint).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(aps.length);
  });

  it('coverage by count is the share of access points in some circle, and the cells tile the metro', () => {
    const coverage = report.indicators.find((i) => i.id === 'latency-circle-coverage')!;
    const covered = new Set(report.circles.flatMap((c) => c.members.map((m) => m.accessPoint)));
    expect(coverage.evidence.countRatio).toBeCloseTo(covered.size / aps.length, 12);
    const cells = report.serviceAreas.reduce((s, a) => s + a.areaKm2, 0);
    expect(cells / report.metro.areaKm2).toBeCloseTo(1, 6);
  });
});
