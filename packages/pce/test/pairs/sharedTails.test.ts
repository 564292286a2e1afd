import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIntent } from '@milli/intent';
import type { PathRequest } from '../../src/index';
import { parseTopology, TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { computePath, ledgerForGraph, PceGraph, type PceResult } from '../../src/index';
import { smallMetro, TopologyBuilder } from '../support';

/** Protected lines from single-homed endpoints: both paths share the forced access tail, and only it. */
const DEMO = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
const demo = parseTopology(readFileSync(DEMO, 'utf8'), 'yaml', DEMO);
const graph = PceGraph.build(demo);
const parks = demo.sites.filter((s) => s.kind === 'park').map((s) => s.id);
const dcs = demo.sites.filter((s) => s.kind === 'dc').map((s) => s.id);

const line = (from: string, to: string, extra: Partial<PathRequest> = {}): PathRequest => ({
  from,
  to,
  bandwidthKbps: 100_000,
  maxLatencyUs: 1000,
  layer: 'auto',
  protection: 'srlg',
  objective: 'latency',
  alternatives: 0,
  ...extra,
});

function ok(r: PceResult) {
  if (!r.ok) throw new Error(`expected a pair, got ${r.failure.code}: ${r.failure.message}`);
  return r;
}

/** The fibre joining a park's CPE to its access point. */
function accessFibre(park: string): string {
  const cpe = `${park}-osu`;
  const fibres = demo.fibres.filter((f) => f.a.device === cpe || f.b.device === cpe);
  expect(fibres).toHaveLength(1);
  return fibres[0]!.id;
}

describe('protected park lines on the demo metro (every park is single-homed)', () => {
  it(`gives every park → DC line (${parks.length} parks × ${dcs.length} DCs) an SRLG-protected pair within 1 ms sharing only the access tail`, () => {
    expect(parks.length).toBeGreaterThan(0);
    for (const park of parks) {
      for (const dc of dcs) {
        const r = ok(computePath(graph, ledgerForGraph(graph), line(park, dc)));
        const w = r.working;
        const p = r.protection!;
        const fibre = accessFibre(park);
        const ap = demo.devices.find(
          (d) => d.site !== park && demo.fibres.some((f) => f.id === fibre && (f.a.device === d.id || f.b.device === d.id)),
        )!;
        expect(r.sharedTails, `${park} → ${dc}`).toEqual([
          { endpoint: `${park}-osu`, devices: [`${park}-osu`, ap.id], fibres: [fibre], srlgs: expect.any(Array), reason: 'single-homed' },
        ]);
        expect(r.pairGuarantee).toBe('optimal');
        expect(w.latency.totalUs).toBeLessThanOrEqual(1000);
        expect(p.latency.totalUs).toBeLessThanOrEqual(1000);
        // Nothing shared but the tail: fibres, and SRLGs outside the tail's own.
        expect(w.fibres.filter((f) => p.fibres.includes(f))).toEqual([fibre]);
        const tailSrlgs = r.sharedTails![0]!.srlgs;
        const middle = (x: typeof w) => x.fibres.filter((f) => f !== fibre).flatMap((f) => graph.fibreSrlgs.get(f) ?? []);
        const pm = new Set(middle(p));
        expect(middle(w).filter((s) => pm.has(s) && !tailSrlgs.includes(s))).toEqual([]);
        // Both start on the tail.
        expect(w.devices.slice(0, 2)).toEqual([`${park}-osu`, ap.id]);
        expect(p.devices.slice(0, 2)).toEqual([`${park}-osu`, ap.id]);
      }
    }
  });

  it('follows the forced chain past the access point when a ring link is excluded', () => {
    // AP-7 sits on a ring between AGG-3 (F-76) and AP-8 (F-77), and AP-8 goes on to AGG-4 (F-78).
    const r = ok(computePath(graph, ledgerForGraph(graph), line('P-7', 'dc-north', { exclude: { links: ['F-76'] } })));
    expect(r.sharedTails).toEqual([
      {
        endpoint: 'P-7-osu',
        devices: ['P-7-osu', 'AP-7-otn', 'AP-8-otn', 'AGG-4-otn'],
        fibres: ['F-88', 'F-77', 'F-78'],
        srlgs: expect.any(Array),
        reason: 'single-homed',
      },
    ]);
    expect(r.working.fibres.slice(0, 3)).toEqual(['F-88', 'F-77', 'F-78']);
    expect(r.protection!.fibres.slice(0, 3)).toEqual(['F-88', 'F-77', 'F-78']);
  });

  it('gives dual-homed endpoints no shared tail: full disjointness as before', () => {
    const dci = ok(computePath(graph, ledgerForGraph(graph), line('dc-south', 'dc-north', { bandwidthKbps: 100_000_000 })));
    expect(dci.sharedTails).toEqual([]);
    expect(dci.working.fibres.filter((f) => dci.protection!.fibres.includes(f))).toEqual([]);
    const ap = computePath(graph, ledgerForGraph(graph), line('AP-7', 'dc-north', { bandwidthKbps: 10_000_000 }));
    if (ap.ok) {
      expect(ap.sharedTails).toEqual([]);
      expect(ap.working.fibres.filter((f) => ap.protection!.fibres.includes(f))).toEqual([]);
    } else expect(ap.failure.code).toBe('PCE_NO_DISJOINT_PAIR');
  });

  it('serves the protected access-line intent, whose compilation names the same fibre', () => {
    const { compilation } = readIntent('connect park P-7 to DC dc-north under 1ms with 100Mbps protected', {
      topology: new TopologyIndex(demo),
      now: 0,
    });
    expect(compilation.explain.join('\n')).toContain('hangs on one access fibre (F-88)');
    const request = compilation.pathRequests[0]!;
    expect(request.protection).not.toBe('none');
    const r = ok(computePath(graph, ledgerForGraph(graph), request));
    expect(r.sharedTails!.map((t) => t.fibres)).toEqual([['F-88']]);
    expect(r.protection).toBeDefined();
  });
});

describe('shared tails on small networks', () => {
  it('a 1+1 OSU line from a park with one access fibre shares that fibre, link-disjoint beyond it', () => {
    const g = PceGraph.build(smallMetro());
    const r = ok(computePath(g, ledgerForGraph(g), line('P-1', 'dc-north', { protection: 'link', maxLatencyUs: undefined })));
    expect(r.sharedTails).toEqual([
      { endpoint: 'P-1-osu', devices: ['P-1-osu', 'AP-1-otn'], fibres: [r.working.fibres[0]!], srlgs: [], reason: 'single-homed' },
    ]);
    expect(r.working.fibres.filter((f) => r.protection!.fibres.includes(f))).toEqual([r.working.fibres[0]]);
  });

  it('tails at both ends, reported source first, target listed from its endpoint', () => {
    // A ─ B ═ {C, D} ═ E ─ F: A and F hang on single spans; B and E branch.
    const b = new TopologyBuilder();
    for (const x of ['A', 'B', 'C', 'D', 'E', 'F']) b.site(x, 'important').device(x, x, 'roadm');
    const ab = b.span('A', 'B', 1, ['sa']);
    b.span('B', 'C', 2);
    b.span('B', 'D', 3);
    b.span('C', 'E', 2);
    b.span('D', 'E', 3);
    const ef = b.span('E', 'F', 1, ['sf']);
    const g = PceGraph.build(b.build());
    const r = ok(
      computePath(g, ledgerForGraph(g), line('A', 'F', { bandwidthKbps: 100_000_000, layer: 'wavelength', protection: 'node' })),
    );
    expect(r.sharedTails).toEqual([
      { endpoint: 'A', devices: ['A', 'B'], fibres: [ab], srlgs: ['sa'], reason: 'single-homed' },
      { endpoint: 'F', devices: ['F', 'E'], fibres: [ef], srlgs: ['sf'], reason: 'single-homed' },
    ]);
    expect(new Set([r.working.devices[2], r.protection!.devices[2]])).toEqual(new Set(['C', 'D']));
  });

  it('a route with no branch at all has no pair, and says the tails cover it', () => {
    const b = new TopologyBuilder();
    for (const x of ['A', 'B', 'C']) b.site(x, 'important').device(x, x, 'roadm');
    b.span('A', 'B', 1);
    b.span('B', 'C', 1);
    const g = PceGraph.build(b.build());
    const r = computePath(
      g,
      ledgerForGraph(g),
      line('A', 'C', { bandwidthKbps: 100_000_000, layer: 'wavelength', maxLatencyUs: undefined }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.code).toBe('PCE_NO_DISJOINT_PAIR');
    expect(r.failure.evidence.reason).toContain('no branch');
  });
});
