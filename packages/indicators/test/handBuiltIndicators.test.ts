import { computeIndicators, type Indicator, type IndicatorReport } from '@milli/indicators';
import type { Inventory, Topology } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { HandBuilt, kmFor, osuClients } from './support/handBuilt';

const byId = (r: IndicatorReport, id: Indicator['id']) => r.indicators.find((i) => i.id === id)!;
type Row = Record<string, unknown>;

describe('DC interconnect: a pair just under and a pair just over 1 ms', () => {
  // Fibre alone: 999 µs (a–b) and 1000 µs (a–c); each ROADM adds 0.1 µs pass-through.
  const topology = new HandBuilt()
    .site('dc-a', 'dc', 121.0, 31.0, { racks: 3000 })
    .site('dc-b', 'dc', 121.5, 31.0, { racks: 1000 })
    .site('dc-c', 'dc', 121.0, 31.5)
    .site('dc-small', 'dc', 121.5, 31.5, { racks: 999 })
    .device('dc-a-roadm', 'dc-a', 'roadm')
    .device('dc-b-roadm', 'dc-b', 'roadm')
    .device('dc-c-roadm', 'dc-c', 'roadm')
    .device('dc-small-roadm', 'dc-small', 'roadm')
    .span('dc-a-roadm', 'dc-b-roadm', kmFor(999))
    .span('dc-a-roadm', 'dc-c-roadm', kmFor(1000))
    .build();
  const report = computeIndicators({ topology });
  const dci = byId(report, 'dc-interconnect-latency');
  const matrix = dci.evidence.matrix as Row[];
  const pair = (a: string, b: string) => matrix.find((m) => m.a === a && m.b === b)!;

  it('computes each pair on the wavelength layer and judges it against 1 ms', () => {
    expect(pair('dc-a', 'dc-b').latencyUs).toBeCloseTo(999.2, 6);
    expect(pair('dc-a', 'dc-b').pass).toBe(true);
    expect(pair('dc-a', 'dc-c').latencyUs).toBeCloseTo(1000.2, 6);
    expect(pair('dc-a', 'dc-c').pass).toBe(false);
    // b to c only through a: both spans and three ROADMs.
    expect(pair('dc-b', 'dc-c').latencyUs).toBeCloseTo(1999.3, 6);
    expect(pair('dc-b', 'dc-c').path).toEqual(['dc-b-roadm', 'dc-a-roadm', 'dc-c-roadm']);
    expect(dci.value).toBeCloseTo(1999.3, 6);
    expect(dci.pass).toBe(false);
    expect(report.problems.some((p) => p.includes('dc-a ↔ dc-c'))).toBe(true);
  });

  it('leaves out DCs under 1000 racks and says what it assumed for a DC without a rack count', () => {
    expect(matrix).toHaveLength(3);
    expect(matrix.some((m) => m.a === 'dc-small' || m.b === 'dc-small')).toBe(false);
    expect(report.assumptions.some((a) => a.includes('dc-c') && a.includes('assumed medium and above'))).toBe(true);
    expect(report.problems.some((p) => p.includes('dc-small'))).toBe(true);
  });

  it('passes once the over-long pair is gone', () => {
    const only = { ...topology, sites: topology.sites.filter((s) => s.id !== 'dc-c') };
    const without: Topology = {
      ...only,
      devices: topology.devices
        .filter((d) => d.site !== 'dc-c')
        .map((d) => ({ ...d, ports: d.id === 'dc-a-roadm' ? d.ports.slice(0, 1) : d.ports })),
      fibres: topology.fibres.slice(0, 1),
    };
    const r = byId(computeIndicators({ topology: without }), 'dc-interconnect-latency');
    expect(r.pass).toBe(true);
    expect(r.value).toBeCloseTo(999.2, 6);
  });
});

/**
 * Two access points symmetric about the meridian 0 in a rectangle lon [-0.2, 0.2] × lat [-0.1, 0.1]: their cells are
 * the two halves, split along lon 0. The DC reaches AP-1 in 10 km and AP-2 only over 250 km (1.22 ms): its circle is
 * the west half, whose area on the sphere is R² · Δλ · (sin φ1 − sin φ0) with turf's R.
 */
function halves(withBoundary: boolean): Topology {
  const b = new HandBuilt()
    .site('dc-1', 'dc', -0.1, 0.05, { racks: 2000, egressGbps: 400 })
    .site('AP-1', 'access', -0.1, 0)
    .site('AP-2', 'access', 0.1, 0)
    .site('I-1', 'important', -0.15, -0.05)
    .site('I-2', 'important', 0.15, -0.05)
    .site('I-3', 'important', 0.15, 0.05)
    .device('dc-1-otn', 'dc-1', 'otn', [...osuClients(), { id: 'client-2', kind: 'client', rate: '400GE' }])
    .device('AP-1-otn', 'AP-1', 'otn', osuClients())
    .device('AP-2-otn', 'AP-2', 'otn', osuClients())
    .device('I-1-oxc', 'I-1', 'oxc')
    .device('I-2-roadm', 'I-2', 'roadm')
    .device('I-3-otn', 'I-3', 'otn')
    .otu('dc-1-otn', 'AP-1-otn', 10, 'OTU4')
    .otu('dc-1-otn', 'AP-2-otn', 250, 'OTU2');
  if (withBoundary) b.rectangle(-0.2, -0.1, 0.2, 0.1);
  return b.build();
}

describe('the 1 ms circle on a topology whose answer is known in closed form', () => {
  const report = computeIndicators({ topology: halves(true) });
  const R = 6371008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const halfKm2 = (R * R * rad(0.2) * (Math.sin(rad(0.1)) - Math.sin(rad(-0.1)))) / 1e6;

  it('puts the near access point in the circle, with the PCE figure, and leaves the far one out', () => {
    const [circle] = report.circles;
    expect(circle?.dc).toBe('dc-1');
    expect(circle?.egressDevice).toBe('dc-1-otn');
    expect(circle?.members.map((m) => m.accessPoint)).toEqual(['AP-1']);
    // 10 km of fibre plus two ODU switches at 20 µs.
    expect(circle?.members[0]?.latencyUs).toBeCloseTo(10 * 4.897 + 40, 6);
    expect(report.uncovered).toEqual(['AP-2']);
  });

  it('gives the circle the area of the west half and a coverage of one half, by area and by count', () => {
    expect(report.metro.areaKm2).toBeCloseTo(2 * halfKm2, 3);
    expect(report.circles[0]?.areaKm2).toBeCloseTo(halfKm2, 3);
    const coverage = byId(report, 'latency-circle-coverage');
    expect(coverage.value).toBeCloseTo(0.5, 9);
    expect(coverage.evidence.countRatio).toBe(0.5);
    expect(coverage.pass).toBe(false);
    expect((coverage.evidence.circles as Row[])[0]).toMatchObject({ dc: 'dc-1', count: 1, accessPoints: ['AP-1'] });
  });

  it('counts one-hop access for the near access point only, with its OSU path', () => {
    const oneHop = byId(report, 'one-hop-access-ratio');
    expect(oneHop.value).toBe(0.5);
    const inside = oneHop.evidence.countedIn as Row[];
    expect(inside).toEqual([
      { accessPoint: 'AP-1', dc: 'dc-1', latencyUs: expect.closeTo(10 * 4.897 + 80, 6), path: ['AP-1-otn', 'dc-1-otn'] },
    ]);
    expect((oneHop.evidence.countedOut as Row[])[0]?.accessPoint).toBe('AP-2');
  });

  it('counts the inventory ratios with the sites in and out', () => {
    const oxc = byId(report, 'important-site-oxc-ratio');
    expect(oxc.value).toBeCloseTo(2 / 3, 12);
    expect((oxc.evidence.countedOut as Row[]).map((r) => r.site)).toEqual(['I-3']);
    expect(byId(report, 'dc-egress-400g-ratio').value).toBe(1);
    const otn = byId(report, 'access-point-100g-otn-ratio');
    expect(otn.value).toBe(0.5);
    expect((otn.evidence.countedIn as Row[]).map((r) => r.site)).toEqual(['AP-1']);
  });

  it('counts only devices the inventory lists when one is given', () => {
    const topology = halves(true);
    const inventory: Inventory = {
      version: 1,
      devices: topology.devices
        .filter((d) => d.id !== 'I-2-roadm')
        .map((d) => ({
          device: d.id,
          kind: d.kind,
          address: d.management.address,
          port: 830,
          username: 'u',
          credentialsRef: 'env:X',
          hostKeyFingerprint: 'SHA256:x',
        })),
    };
    const oxc = byId(computeIndicators({ topology, inventory }), 'important-site-oxc-ratio');
    expect(oxc.value).toBeCloseTo(1 / 3, 12);
    expect(oxc.evidence.countedOut).toContainEqual({ site: 'I-2', why: 'I-2-roadm not in the inventory' });
  });

  it('marks the live indicators not computed, with the reason, when only a topology is given', () => {
    for (const id of [
      'dc-interconnect-technique',
      'all-optical-access',
      'sla-tier-4a',
      'terminal-to-dc-latency',
      'service-packages',
    ] as const) {
      const i = byId(report, id);
      expect(i.computed).toBe(false);
      expect(i.pass).toBeNull();
      expect(i.reason).toMatch(/live controller/);
    }
  });

  it('falls back to the buffered hull of the sites, and says so, when the topology has no boundary', () => {
    const r = computeIndicators({ topology: halves(false), options: { hullMarginKm: 3 } });
    expect(r.metro.source).toBe('hull');
    expect(r.metro.marginKm).toBe(3);
    // The hull of the sites spans 0.3° × 0.15°; the 3 km buffer only adds to it.
    expect(r.metro.areaKm2).toBeGreaterThan((0.3 * 111.2 * 0.15 * 111.2) / 1.01);
    expect(r.method.en.some((m) => m.includes('convex hull') && m.includes('3 km'))).toBe(true);
    expect(r.method.zh.some((m) => m.includes('凸包') && m.includes('3 公里'))).toBe(true);
    expect(r.circles[0]?.members.map((m) => m.accessPoint)).toEqual(['AP-1']);
  });
});

describe('a pair the PCE cannot even be asked about', () => {
  it("is a finding with the PCE's reason, not a crash", () => {
    const topology = new HandBuilt()
      .site('dc-a', 'dc', 121.0, 31.0, { racks: 2000 })
      .site('dc-b', 'dc', 121.5, 31.0, { racks: 2000 })
      .device('dc-a-roadm', 'dc-a', 'roadm')
      .device('dc-b-otn', 'dc-b', 'otn', osuClients())
      .build();
    const dci = byId(computeIndicators({ topology }), 'dc-interconnect-latency');
    expect(dci.pass).toBe(false);
    expect(dci.value).toBeNull();
    expect((dci.evidence.matrix as Row[])[0]).toMatchObject({
      a: 'dc-a',
      b: 'dc-b',
      latencyUs: null,
      failure: { code: 'PCE_BAD_REQUEST' },
    });
    expect(dci.problems[0]).toMatch(/^no optical path between dc-a and dc-b: PCE_BAD_REQUEST/);
  });
});
