import { isMilliError } from '@milli/core';
import type { PathRequest } from '../src/index';
import { describe, expect, it } from 'vitest';
import { computePath, ledgerForGraph, PceGraph, type PceResult } from '../src/index';
import { smallMetro } from './support';

const US_PER_KM = 4.897;
const base: PathRequest = {
  from: 'P-1',
  to: 'dc-north',
  bandwidthKbps: 100_000,
  layer: 'auto',
  protection: 'none',
  objective: 'latency',
  alternatives: 0,
};
const fibreId = (g: PceGraph, a: string, b: string) =>
  g.adjacency[g.index.get(a)!]!.find((e) => e.kind === 'span' && g.nodes[e.to]!.id === b)!.id;

function ok(r: PceResult) {
  if (!r.ok) throw new Error(`expected a path, got ${r.failure.code}: ${r.failure.message}`);
  return r;
}
function fail(r: PceResult) {
  if (r.ok) throw new Error('expected no path');
  return r.failure;
}

describe('park to DC over OSU (access ring and a new lightpath)', () => {
  it('picks OSU for 100 Mbit/s, grooms a lightpath from AGG-1, and explains the latency', () => {
    const g = PceGraph.build(smallMetro());
    const r = ok(computePath(g, ledgerForGraph(g), base));
    expect(r.request.layer).toBe('osu');
    const w = r.working;
    expect(w.devices).toEqual(['P-1-osu', 'AP-1-otn', 'AGG-1-otn', 'AGG-1-roadm', 'CORE-1-roadm', 'dc-north-roadm', 'dc-north-otn']);
    expect(w.hops.map((h) => h.kind)).toEqual(['otu-link', 'otu-link', 'new-lightpath']);
    expect(w.newLightpaths).toBe(1);
    const lp = w.hops[2]!;
    expect(lp.kind === 'new-lightpath' && lp.channel).toBe(1);
    expect(lp.kind === 'new-lightpath' && lp.osuKbps).toBe(100_000);
    // 2 + 5 km grey, two 10 m patch cords, 15 + 12 km of spans; OSU map at both ends, OSU switch at AP-1, ODU switch at AGG-1, 3 ROADMs.
    const expected = (2 + 5 + 0.01 + 0.01 + 15 + 12) * US_PER_KM + 40 + 30 + 20 + 0.1 * 3 + 40;
    expect(w.latency.totalUs).toBeCloseTo(expected, 9);
    expect(w.latency.fibreUs + w.latency.nodeUs).toBeCloseTo(w.latency.totalUs, 9);
    expect(w.latency.nodes.map((n) => n.role)).toEqual([
      'osu-map',
      'osu-switch',
      'odu-switch',
      'optical-pass-through',
      'optical-pass-through',
      'optical-pass-through',
      'osu-map',
    ]);
    expect(w.latency.fibres).toHaveLength(6);
  });

  it('reuses the groomed OTU link once it is reserved, and frees it again on release', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const first = ok(computePath(g, ledger, base));
    const held = ledger.reserve('intent-1', first.request.window, first.working.reservation);
    const second = ok(computePath(g, ledger, base));
    expect(second.working.newLightpaths).toBe(0);
    expect(second.working.hops[2]).toMatchObject({ kind: 'otu-link', link: 'otu:AGG-1-otn/line-3~dc-north-otn/line-1', osuKbps: 100_000 });
    ledger.release(held.id);
    expect(ok(computePath(g, ledger, base)).working.newLightpaths).toBe(1);
  });

  it('accepts port endpoints and resolves site, device and port forms alike', () => {
    const g = PceGraph.build(smallMetro());
    const l = ledgerForGraph(g);
    const bySite = ok(computePath(g, l, base)).working.devices;
    expect(ok(computePath(g, l, { ...base, from: 'P-1-osu', to: 'dc-north-otn' })).working.devices).toEqual(bySite);
    expect(ok(computePath(g, l, { ...base, from: 'P-1-osu/line-1' })).working.devices).toEqual(bySite);
  });
});

describe('spectrum', () => {
  const wave: PathRequest = { ...base, from: 'dc-south', to: 'dc-north', bandwidthKbps: 100_000_000 };
  const directOnly: PathRequest = { ...wave, exclude: { nodes: ['CORE-1-roadm', 'AGG-1-roadm'] } };

  it('takes the lowest channel free on every span (wavelength continuity)', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const direct = fibreId(g, 'dc-south-roadm', 'dc-north-roadm');
    ledger.reserve(
      'x',
      { start: 0, end: null },
      [1, 2, 3].map((channel) => ({ kind: 'channel' as const, fibre: direct, channel })),
    );
    const r = ok(computePath(g, ledger, directOnly));
    expect(r.request.layer).toBe('wavelength');
    expect(r.working.hops).toEqual([{ kind: 'span', from: 'dc-south-roadm', to: 'dc-north-roadm', fibre: direct, channel: 4 }]);
  });

  it('honours time windows: a channel held later is free now', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const direct = fibreId(g, 'dc-south-roadm', 'dc-north-roadm');
    ledger.reserve('job', { start: 1000, end: 2000 }, [{ kind: 'channel', fibre: direct, channel: 1 }]);
    const now = ok(computePath(g, ledger, { ...directOnly, window: { start: 0, end: 1000 } }));
    expect(now.working.hops[0]).toMatchObject({ channel: 1 });
    const during = ok(computePath(g, ledger, { ...directOnly, window: { start: 1500, end: null } }));
    expect(during.working.hops[0]).toMatchObject({ channel: 2 });
  });

  it('says NO_SPECTRUM and names the span where the channels run out', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const all = Array.from({ length: 96 }, (_, i) => i + 1);
    const direct = fibreId(g, 'dc-south-roadm', 'dc-north-roadm');
    const southCore = fibreId(g, 'dc-south-roadm', 'CORE-1-roadm');
    const coreNorth = fibreId(g, 'CORE-1-roadm', 'dc-north-roadm');
    const southAgg = fibreId(g, 'dc-south-roadm', 'AGG-1-roadm');
    const hold = (fibre: string, channels: number[]) =>
      ledger.reserve(
        'x',
        { start: 0, end: null },
        channels.map((channel) => ({ kind: 'channel' as const, fibre, channel })),
      );
    hold(direct, all);
    hold(southAgg, all);
    hold(
      southCore,
      all.filter((c) => c % 2 === 0),
    );
    hold(
      coreNorth,
      all.filter((c) => c % 2 === 1),
    );
    const f = fail(computePath(g, ledger, wave));
    expect(f.code).toBe('PCE_NO_SPECTRUM');
    expect(f.evidence.spans).toEqual([
      { fibre: southCore, freeChannels: 48, blocks: false },
      { fibre: coreNorth, freeChannels: 48, blocks: true },
    ]);
  });
});

describe('OTN capacity and grooming', () => {
  const odu: PathRequest = { ...base, from: 'AGG-1', to: 'dc-north', bandwidthKbps: 100_000_000, layer: 'odu' };

  it('grooms a new OTU link when the existing one is full, and runs out of ports with NO_CAPACITY', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const one = ok(computePath(g, ledger, odu));
    expect(one.working.newLightpaths).toBe(1);
    ledger.reserve('a', one.request.window, one.working.reservation);
    const two = ok(computePath(g, ledger, odu));
    expect(two.working.newLightpaths).toBe(1);
    expect(two.working.hops.find((h) => h.kind === 'new-lightpath')).not.toMatchObject({
      link: one.working.hops.find((h) => h.kind === 'new-lightpath')!.link,
    });
    ledger.reserve('b', two.request.window, two.working.reservation);
    const three = fail(computePath(g, ledger, odu));
    expect(three.code).toBe('PCE_NO_CAPACITY');
    expect(JSON.stringify(three.evidence.links)).toContain('slotsUsed');
  });

  it('without grooming an OTN layer with no OTU links between the sites has no route', () => {
    const g = PceGraph.build(smallMetro());
    expect(fail(computePath(g, ledgerForGraph(g), odu, { grooming: false })).code).toBe('PCE_NO_ROUTE');
  });

  it('fills OSU bandwidth on the access ring and then routes the other way round it', () => {
    const g = PceGraph.build(smallMetro());
    const ledger = ledgerForGraph(g);
    const direct = g.adjacency[g.index.get('AP-1-otn')!]!.find((e) => g.nodes[e.to]!.id === 'AGG-1-otn')!.id;
    ledger.reserve('big', { start: 0, end: null }, [{ kind: 'slots', link: direct, slots: 80 }]);
    const r = ok(computePath(g, ledger, base));
    expect(r.working.devices.slice(0, 4)).toEqual(['P-1-osu', 'AP-1-otn', 'AP-2-otn', 'AGG-1-otn']);
  });
});

describe('latency bound and reasons', () => {
  it('prunes by the bound and reports the best achievable latency and its path', () => {
    const g = PceGraph.build(smallMetro());
    const f = fail(computePath(g, ledgerForGraph(g), { ...base, maxLatencyUs: 250 }));
    expect(f.code).toBe('PCE_LATENCY_BOUND');
    expect(f.evidence.bestUs as number).toBeCloseTo((2 + 5 + 0.02 + 27) * US_PER_KM + 130.3, 9);
    expect(f.evidence.boundUs).toBe(250);
    expect(f.evidence.path).toEqual(['P-1-osu', 'AP-1-otn', 'AGG-1-otn', 'AGG-1-roadm', 'CORE-1-roadm', 'dc-north-roadm', 'dc-north-otn']);
  });

  it('rejects unknown endpoints and bad values with PCE_BAD_REQUEST naming the field', () => {
    const g = PceGraph.build(smallMetro());
    const l = ledgerForGraph(g);
    const bad = (req: PathRequest) => {
      try {
        computePath(g, l, req);
      } catch (e) {
        return isMilliError(e, 'PCE_BAD_REQUEST') ? e.context : undefined;
      }
      return undefined;
    };
    expect(bad({ ...base, from: 'nowhere' })).toMatchObject({ field: 'from', endpoint: 'nowhere' });
    expect(bad({ ...base, to: 'dc-north-otn/no-such-port' })).toMatchObject({ field: 'to' });
    expect(bad({ ...base, bandwidthKbps: -1 })).toMatchObject({ bandwidthKbps: -1 });
    expect(bad({ ...base, exclude: { links: ['F-404'] } })).toMatchObject({ field: 'exclude', fibre: 'F-404' });
  });
});

describe('protection', () => {
  const wave: PathRequest = { ...base, from: 'dc-south', to: 'dc-north', bandwidthKbps: 100_000_000, protection: 'srlg' };

  it('returns an SRLG-disjoint pair, both within the bound', () => {
    const g = PceGraph.build(smallMetro());
    const r = ok(computePath(g, ledgerForGraph(g), { ...wave, maxLatencyUs: 1000 }));
    const p = r.protection!;
    expect(r.pairGuarantee).toBe('optimal');
    expect(r.working.srlgs.filter((s) => p.srlgs.includes(s))).toEqual([]);
    expect(r.working.fibres.filter((f) => p.fibres.includes(f))).toEqual([]);
  });

  it('says NO_DISJOINT_PAIR with the best pair when the second path breaks the bound', () => {
    const g = PceGraph.build(smallMetro());
    const f = fail(computePath(g, ledgerForGraph(g), { ...wave, maxLatencyUs: 165 }));
    expect(f.code).toBe('PCE_NO_DISJOINT_PAIR');
    expect(f.evidence).toMatchObject({ kind: 'srlg', working: { withinBound: true }, protection: { withinBound: false } });
  });
});

describe('alternatives and determinism across layers', () => {
  it('gives distinct routes as alternatives, in latency order, not patch-cord variants', () => {
    const g = PceGraph.build(smallMetro());
    const r = ok(computePath(g, ledgerForGraph(g), { ...base, alternatives: 3 }));
    const all = [r.working, ...r.alternatives];
    expect(all.length).toBeGreaterThan(1);
    // A route is its devices and line fibres; the patch cords at each end of a new lightpath do not make it another route.
    const routes = all.map((p) =>
      p.hops
        .map((h) =>
          h.kind === 'new-lightpath' ? `${h.from}~${h.fibres.slice(1, -1).join(',')}~${h.to}` : h.kind === 'span' ? h.fibre : h.link,
        )
        .join('|'),
    );
    expect(new Set(routes).size).toBe(routes.length);
    for (let i = 1; i < all.length; i++) expect(all[i]!.latency.totalUs).toBeGreaterThanOrEqual(all[i - 1]!.latency.totalUs);
  });

  it('returns byte-identical results whatever the order of the topology lists', () => {
    const t = smallMetro();
    const shuffled = { ...t, sites: [...t.sites].reverse(), devices: [...t.devices].reverse(), fibres: [...t.fibres].reverse() };
    for (const req of [
      { ...base, alternatives: 2 },
      { ...base, from: 'dc-south', to: 'dc-north', bandwidthKbps: 100_000_000, protection: 'srlg' as const },
      { ...base, from: 'AP-2', to: 'dc-south', bandwidthKbps: 10_000_000, protection: 'node' as const },
    ]) {
      const g1 = PceGraph.build(t);
      const g2 = PceGraph.build(shuffled);
      expect(JSON.stringify(computePath(g2, ledgerForGraph(g2), req))).toBe(JSON.stringify(computePath(g1, ledgerForGraph(g1), req)));
    }
  });
});
