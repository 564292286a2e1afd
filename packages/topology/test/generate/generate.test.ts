import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROUTE_FACTOR,
  TopologyIndex,
  ductSrlgs,
  fibreLayer,
  generateMetro,
  greatCircleKm,
  loadTopology,
  serialiseTopology,
  validateTopology,
  type MetroOptions,
} from '../../src/index';
import { disjointPair, insidePolygon, reachableSites, siteEdges } from '../graphHelpers';

const SMALL: MetroOptions = { dcs: 2, important: 6, access: 10, parks: 10, radiusKm: 25, seed: 7 };
const small = generateMetro(SMALL);
const index = new TopologyIndex(small);
const sitesOf = (kind: string) => small.sites.filter((s) => s.kind === kind);

describe('generateMetro: determinism', () => {
  it('gives the same bytes for the same seed, and another metro for another seed', () => {
    const again = serialiseTopology(generateMetro(SMALL), 'yaml');
    expect(again).toBe(serialiseTopology(small, 'yaml'));
    const other = generateMetro({ ...SMALL, seed: 8 });
    expect(serialiseTopology(other, 'yaml')).not.toBe(again);
    expect(other.sites.map((s) => s.id)).toEqual(small.sites.map((s) => s.id));
  });

  it('accepts a text seed and rejects impossible options with INVALID_ARGUMENT', () => {
    expect(generateMetro({ ...SMALL, seed: 'metro' }).devices).toHaveLength(36);
    expect(() => generateMetro({ ...SMALL, important: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => generateMetro({ ...SMALL, access: 0 })).toThrow(/parks need access points/);
    expect(() => generateMetro({ ...SMALL, radiusKm: 0 })).toThrow(/radiusKm/);
  });
});

describe('generateMetro: structure', () => {
  it('has the asked-for sites, with the agreed ids, and loads cleanly', () => {
    expect(validateTopology(small)).toEqual([]);
    expect(sitesOf('dc').map((s) => s.id)).toEqual(['dc-north', 'dc-south']);
    expect(sitesOf('important')).toHaveLength(6);
    expect(sitesOf('access').map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, i) => `AP-${i + 1}`));
    expect(sitesOf('park').map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, i) => `P-${i + 1}`));
    expect(small.devices.length).toBeLessThanOrEqual(40);
    for (const dc of sitesOf('dc')) {
      expect(dc.racks).toBeGreaterThanOrEqual(1000);
      expect([100, 400]).toContain(dc.egressGbps);
    }
    // dc-north lies north of dc-south.
    expect(index.site('dc-north').lat).toBeGreaterThan(index.site('dc-south').lat);
  });

  it('puts OXCs at core sites, ROADMs at aggregation sites and DCs, OTN everywhere but parks, an OSU CPE at each park', () => {
    for (const s of small.sites) {
      const kinds = index
        .devicesAt(s.id)
        .map((d) => d.kind)
        .sort();
      const expected = {
        dc: ['otn', 'roadm'],
        access: ['otn'],
        park: ['osu'],
        important: [s.role === 'core' ? 'oxc' : 'roadm', 'otn'].sort(),
      }[s.kind];
      expect(kinds, s.id).toEqual(expected);
    }
    expect(small.sites.filter((s) => s.role === 'core').length).toBeGreaterThanOrEqual(1);
  });

  it('gives each ROADM one degree per span and patches every add/drop port to an OTN line port', () => {
    for (const d of small.devices.filter((x) => x.kind === 'roadm' || x.kind === 'oxc')) {
      for (const p of d.ports) {
        const far = index.farEnd(`${d.id}/${p.id}`);
        expect(far, `${d.id}/${p.id}`).toBeDefined();
        const farDevice = index.device(far!.device);
        if (p.kind === 'degree') expect(['roadm', 'oxc']).toContain(farDevice.kind);
        else {
          expect(farDevice.kind).toBe('otn');
          expect(farDevice.site).toBe(d.site);
          expect(index.fibreAt(`${d.id}/${p.id}`)!.lengthKm).toBe(0.01);
        }
      }
    }
  });

  it('dual-homes each DC to two important sites over fibres that share no SRLG', () => {
    for (const dc of sitesOf('dc')) {
      const spans = index.neighbours(`${dc.id}-roadm`).filter((n) => n.port.kind === 'degree');
      expect(spans).toHaveLength(2);
      const homes = spans.map((n) => index.site(index.device(n.far.device).site));
      expect(homes.every((h) => h.kind === 'important')).toBe(true);
      expect(new Set(homes.map((h) => h.id)).size).toBe(2);
      const [x, y] = spans.map((n) => n.fibre.srlgs);
      expect(x!.filter((g) => y!.includes(g))).toEqual([]);
    }
  });

  it('puts access points on rings of at most three between aggregation sites, with OTU4 and OTU2 rings', () => {
    const rates = new Map<string, string>();
    const seen = new Set<string>();
    for (const start of sitesOf('important').filter((s) => s.role === 'aggregation')) {
      for (const n of index.neighbours(`${start.id}-otn`).filter((x) => fibreLayer(x.fibre, index) === 'otu-link')) {
        // Walk the ring from this aggregation site until it reaches an aggregation site again.
        const ring: string[] = [];
        let here = n.far;
        while (index.site(index.device(here.device).site).kind === 'access') {
          const otn = index.device(here.device);
          ring.push(otn.site);
          const lines = otn.ports.filter((p) => p.kind === 'line');
          expect(lines).toHaveLength(2);
          rates.set(otn.site, lines[0]!.rate!);
          const out = lines.find((p) => p.id !== here.port)!;
          here = index.farEnd(`${otn.id}/${out.id}`)!;
        }
        expect(index.site(index.device(here.device).site).role).toBe('aggregation');
        expect(ring.length).toBeGreaterThanOrEqual(1);
        expect(ring.length).toBeLessThanOrEqual(3);
        for (const ap of ring) seen.add(ap);
      }
    }
    expect([...seen].sort()).toEqual(
      sitesOf('access')
        .map((s) => s.id)
        .sort(),
    );
    const otu4 = [...rates.values()].filter((r) => r === 'OTU4').length;
    expect(otu4).toBeGreaterThan(0);
    expect(otu4).toBeLessThan(rates.size);
  });

  it('homes each park CPE to an OSU client port of an access point, and every park reaches every DC', () => {
    for (const park of sitesOf('park')) {
      const cpe = index.device(`${park.id}-osu`);
      const far = index.farEnd(`${cpe.id}/line-1`)!;
      expect(index.site(index.device(far.device).site).kind).toBe('access');
      expect(index.port(`${far.device}/${far.port}`)).toMatchObject({ kind: 'client', osu: true });
      const reach = reachableSites(small, park.id);
      for (const dc of sitesOf('dc')) expect(reach.has(dc.id)).toBe(true);
    }
  });

  it('gives every park two routes to each DC that share no site, fibre or SRLG beyond its access point', () => {
    const edges = siteEdges(small);
    for (const park of sitesOf('park')) {
      const ap = index.device(index.farEnd(`${park.id}-osu/line-1`)!.device).site;
      for (const dc of sitesOf('dc')) {
        const pair = disjointPair(edges, ap, dc.id);
        expect(pair, `${park.id} via ${ap} to ${dc.id}`).toBeDefined();
      }
    }
  });

  it('sizes fibres as great-circle × 1.3 (at least 0.5 km) and keeps every site inside the boundary', () => {
    for (const f of small.fibres) {
      const [sa, sb] = [index.site(index.device(f.a.device).site), index.site(index.device(f.b.device).site)];
      if (sa.id === sb.id) continue;
      expect(f.lengthKm).toBeCloseTo(Math.max(0.5, greatCircleKm(sa, sb) * ROUTE_FACTOR), 1);
    }
    const ring = small.boundary!.coordinates[0]!;
    for (const s of small.sites) expect(insidePolygon(ring, s.lon, s.lat), s.id).toBe(true);
  });

  it('scales: a medium metro has 150+ devices, all reachable', () => {
    const medium = generateMetro({ dcs: 4, important: 12, access: 48, parks: 72, radiusKm: 60, seed: 11 });
    expect(validateTopology(medium)).toEqual([]);
    expect(medium.devices.length).toBeGreaterThanOrEqual(150);
    expect(reachableSites(medium, 'P-72').size).toBe(medium.sites.length);
  });
});

describe('ductSrlgs', () => {
  const c = { lat: 31, lon: 121 };
  const sites = new Map([
    ['X', c],
    ['N1', { lat: 31.1, lon: 121.01 }], // ~5° east of north
    ['N2', { lat: 31.1, lon: 120.99 }], // ~5° west of north
    ['E', { lat: 31, lon: 121.1 }], // east
    ['S', { lat: 30.9, lon: 121 }], // south
  ]);
  it('groups fibres leaving a site within 20° into one SRLG, across north, and leaves lone corridors alone', () => {
    const out = ductSrlgs(sites, [
      { a: 'X', b: 'N1' },
      { a: 'X', b: 'E' },
      { a: 'N2', b: 'X' },
      { a: 'X', b: 'S' },
    ]);
    expect(out).toEqual([['D-X-1'], [], ['D-X-1'], []]);
  });
  it('puts parallel fibres between two sites in one SRLG at each end', () => {
    const out = ductSrlgs(sites, [
      { a: 'X', b: 'E' },
      { a: 'E', b: 'X' },
    ]);
    expect(out).toEqual([
      ['D-E-1', 'D-X-1'],
      ['D-E-1', 'D-X-1'],
    ]);
  });
});

describe('disjointPair (the test helper) finds no pair where there is none', () => {
  const e = (fibre: string, a: string, b: string, srlgs: string[] = []) => ({ fibre, a, b, srlgs });
  it('on a chain, and on a ring whose two sides share a duct', () => {
    expect(disjointPair([e('1', 'A', 'B'), e('2', 'B', 'C')], 'A', 'C')).toBeUndefined();
    const ring = [e('1', 'A', 'B', ['D']), e('2', 'B', 'C'), e('3', 'A', 'D', ['D']), e('4', 'D', 'C')];
    expect(disjointPair(ring, 'A', 'C')).toBeUndefined();
    ring[2]!.srlgs = [];
    expect(disjointPair(ring, 'A', 'C')?.map((r) => r.map((x) => x.fibre))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

describe('the committed lab topologies', () => {
  const file = (name: string) => join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', name);

  it('metro-small: 2 DCs, 6 important sites, 10 access points, parks P-1..P-10, ≤ 40 devices, every park protected to each DC', async () => {
    const t = await loadTopology(file('metro-small.yaml'));
    const ix = new TopologyIndex(t);
    expect(t.devices.length).toBeLessThanOrEqual(40);
    expect(t.sites.filter((s) => s.kind === 'important')).toHaveLength(6);
    expect(t.sites.filter((s) => s.kind === 'access')).toHaveLength(10);
    const edges = siteEdges(t);
    for (let p = 1; p <= 10; p++) {
      const ap = ix.device(ix.farEnd(`P-${p}-osu/line-1`)!.device).site;
      for (const dc of ['dc-north', 'dc-south']) expect(disjointPair(edges, ap, dc), `P-${p} to ${dc}`).toBeDefined();
    }
  });

  it('metro-medium: 150 or more devices, all connected', async () => {
    const t = await loadTopology(file('metro-medium.yaml'));
    expect(t.devices.length).toBeGreaterThanOrEqual(150);
    expect(reachableSites(t, 'dc-north').size).toBe(t.sites.length);
  });
});
