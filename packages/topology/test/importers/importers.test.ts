import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROUTE_FACTOR,
  TopologyIndex,
  greatCircleKm,
  importTopology,
  importTopologyFile,
  parseTopology,
  serialiseTopology,
  type Topology,
} from '../../src/index';

// Public datasets live beside the checkout (../shared/datasets); CI has them, a bare clone may not.
const DATASETS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'datasets');
const haveDatasets = existsSync(DATASETS);
if (!haveDatasets) console.log(`importer dataset tests skipped: ${DATASETS} is absent (public datasets live beside the checkout)`);
const dataset = (name: string) => join(DATASETS, name);

const spans = (t: Topology) => t.fibres.filter((f) => f.a.port.startsWith('deg-'));

/** Every import must load cleanly through the same door as a hand-written file, and give each node ROADM + OTN. */
function expectLoadsCleanly(t: Topology): void {
  expect(parseTopology(serialiseTopology(t, 'yaml'), 'yaml')).toEqual(t);
  const index = new TopologyIndex(t);
  for (const s of t.sites) {
    expect(
      index
        .devicesAt(s.id)
        .map((d) => d.kind)
        .sort(),
      s.id,
    ).toEqual(['otn', 'roadm']);
    const degrees = index.device(`${s.id}-roadm`).ports.filter((p) => p.kind === 'degree').length;
    expect(degrees).toBe(spans(t).filter((f) => f.a.device === `${s.id}-roadm` || f.b.device === `${s.id}-roadm`).length);
  }
}

describe.skipIf(!haveDatasets)('GNPy import (public datasets)', () => {
  it('Sweden: 15 ROADM sites, 90 one-way fibre elements become 22 fibres with the real km and every EDFA', async () => {
    const file = dataset('gnpy_Sweden_OpenROADMv5_example_network.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { elements: { type: string; params?: { length: number } }[] };
    const fibreElements = raw.elements.filter((e) => e.type === 'Fiber');
    expect(fibreElements).toHaveLength(90);
    const { topology: t, warnings } = await importTopologyFile(file, 'gnpy', { dcs: ['Stockholm', 'roadm_Gothenburg'] });
    expect(warnings).toEqual([]);
    expect(t.name).toBe('gnpy_Sweden_OpenROADMv5_example_network');
    expect(t.sites).toHaveLength(15);
    expect(t.devices).toHaveLength(30);
    expect(spans(t)).toHaveLength(22);
    // Both directions of each span are equal here, so the fibres hold exactly half of all Fiber km and all EDFAs.
    const totalKm = fibreElements.reduce((s, e) => s + e.params!.length, 0);
    expect(spans(t).reduce((s, f) => s + f.lengthKm, 0) * 2).toBeCloseTo(totalKm, 1);
    const edfas = raw.elements.filter((e) => e.type === 'Edfa').length;
    expect(spans(t).reduce((s, f) => s + (f.amplifiers ?? 0), 0) * 2).toBe(edfas);
    expect(Math.min(...spans(t).map((f) => f.lengthKm))).toBeCloseTo(45.989, 3);
    const index = new TopologyIndex(t);
    expect(index.site('Stockholm').kind).toBe('dc');
    expect(index.site('Gothenburg').kind).toBe('dc');
    expect(index.site('Malmo').name).toBe('Malmö');
    expectLoadsCleanly(t);
  });

  it('CORONET CONUS: 75 ROADM sites, 198 one-way fibres become 99 fibres of 24–1221 km', async () => {
    const { topology: t } = await importTopologyFile(dataset('gnpy_CORONET_CONUS_Topology.json'), 'gnpy', { dcs: ['roadm Abilene'] });
    expect(t.sites).toHaveLength(75);
    expect(spans(t)).toHaveLength(99);
    const km = spans(t).map((f) => f.lengthKm);
    expect(Math.min(...km)).toBeCloseTo(24.214, 3);
    expect(Math.max(...km)).toBeCloseTo(1221.189, 3);
    expect(t.sites.find((s) => s.id === 'Abilene')?.kind).toBe('dc');
    expect(t.sites.filter((s) => s.role === 'core').length).toBeGreaterThan(0);
    expectLoadsCleanly(t);
  });

  it('refuses a --dc that names no node, with TOPOLOGY_IMPORT', async () => {
    await expect(
      importTopologyFile(dataset('gnpy_Sweden_OpenROADMv5_example_network.json'), 'gnpy', { dcs: ['Atlantis'] }),
    ).rejects.toMatchObject({
      code: 'TOPOLOGY_IMPORT',
      context: { unknown: ['Atlantis'] },
    });
  });
});

describe.skipIf(!haveDatasets)('GraphML import (Topology Zoo)', () => {
  for (const [file, nodes, edges] of [
    ['zoo_Chinanet.graphml', 42, 66],
    ['zoo_Cernet.graphml', 41, 59],
  ] as const) {
    it(`${file}: ${nodes} sites, ${edges} fibres of great-circle × ${ROUTE_FACTOR}, unlocated nodes placed and reported`, async () => {
      const { topology: t, warnings } = await importTopologyFile(dataset(file), 'graphml');
      expect(t.sites).toHaveLength(nodes);
      expect(spans(t)).toHaveLength(edges);
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((w) => /has no coordinates: placed at the mean/.test(w))).toBe(true);
      const index = new TopologyIndex(t);
      for (const f of spans(t)) {
        const [a, b] = [index.site(index.device(f.a.device).site), index.site(index.device(f.b.device).site)];
        expect(f.lengthKm).toBeCloseTo(Math.max(0.5, greatCircleKm(a, b) * ROUTE_FACTOR), 1);
      }
      expectLoadsCleanly(t);
    });
  }
});

describe('GraphML import (inline)', () => {
  const graphml = (edgedefault: string, body: string) =>
    `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key attr.name="label" attr.type="string" for="node" id="d1"/>
      <key attr.name="Latitude" attr.type="double" for="node" id="d2"/>
      <key attr.name="Longitude" attr.type="double" for="node" id="d3"/>
      <graph edgedefault="${edgedefault}">${body}</graph></graphml>`;
  const node = (id: string, label: string, lat?: number, lon?: number) =>
    `<node id="${id}"><data key="d1">${label}</data>${lat === undefined ? '' : `<data key="d2">${lat}</data><data key="d3">${lon}</data>`}</node>`;

  it('merges the two directions of a directed graph, places a node from its neighbours and skips an unplaceable one', () => {
    const text = graphml(
      'directed',
      node('0', 'Alpha', 31.2, 121.4) +
        node('1', 'Beta', 31.3, 121.5) +
        node('2', 'Gamma') +
        node('3', 'Lost') +
        '<edge source="0" target="1"/><edge source="1" target="0"/><edge source="2" target="0"/><edge source="2" target="1"/>',
    );
    const { topology: t, warnings } = importTopology(text, 'graphml', { dcs: ['Alpha'] });
    expect(t.sites.map((s) => s.id)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(spans(t)).toHaveLength(3);
    expect(t.sites[2]).toMatchObject({ lat: 31.25, lon: 121.45 });
    expect(t.sites[0]!.kind).toBe('dc');
    expect(warnings).toEqual([
      'node Gamma has no coordinates: placed at the mean of its 2 located neighbour(s)',
      'node Lost has no coordinates and no located neighbour: skipped with its links',
    ]);
  });

  it('refuses a DOCTYPE and malformed XML', () => {
    expect(() => importTopology('<!DOCTYPE x [<!ENTITY a "b">]><graphml/>', 'graphml')).toThrow(
      expect.objectContaining({ code: 'TOPOLOGY_IMPORT' }),
    );
    expect(() => importTopology('<graphml><graph>', 'graphml')).toThrow(/not GraphML|no nodes/);
  });
});

describe('SNDlib import', () => {
  const text = readFileSync(join(import.meta.dirname, '..', 'data', 'mini-germany.sndlib.txt'), 'utf8');

  it('reads nodes (longitude latitude) and links, with great-circle × 1.3 lengths', () => {
    const { topology: t } = importTopology(text, 'sndlib', { dcs: ['Frankfurt'], name: 'mini' });
    expect(t.sites.map((s) => s.id)).toEqual(['Berlin', 'Hamburg', 'Hannover', 'Leipzig', 'Frankfurt', 'Muenchen']);
    expect(spans(t)).toHaveLength(8);
    const berlin = t.sites[0]!;
    expect([berlin.lat, berlin.lon]).toEqual([52.52, 13.4]);
    // Berlin–Hamburg is about 255 km as the crow flies.
    const f1 = spans(t)[0]!;
    expect(f1.lengthKm).toBeCloseTo(greatCircleKm(berlin, t.sites[1]!) * 1.3, 2);
    expect(f1.lengthKm).toBeGreaterThan(320);
    expect(f1.lengthKm).toBeLessThan(345);
    expect(t.sites[4]!.kind).toBe('dc');
    expect(t.sites[2]!.role).toBe('core'); // Hannover has three links
    expectLoadsCleanly(t);
  });

  it('reports every bad line at once', () => {
    const broken = text
      .replace('Leipzig ( 12.37 51.34 )', 'Leipzig ( 12.37 )')
      .replace('L8 ( Frankfurt Muenchen )', 'L8 ( Frankfurt Atlantis )');
    expect(() => importTopology(broken, 'sndlib')).toThrow(expect.objectContaining({ code: 'TOPOLOGY_IMPORT' }));
    try {
      importTopology(broken, 'sndlib');
    } catch (e) {
      const problems = (e as { context: { problems: string[] } }).context.problems;
      expect(problems).toHaveLength(5); // the bad node line, L2/L6/L7 naming the dropped Leipzig, L8
      expect(problems[0]).toMatch(/^line 22: a node is/);
      expect(problems.some((p) => /link L6 names unknown node Leipzig/.test(p))).toBe(true);
      expect(problems.some((p) => /link L8 names unknown node Atlantis/.test(p))).toBe(true);
    }
    expect(() => importTopology('NODES (\n  A ( 500 20 )\n)\n', 'sndlib')).toThrow(/not longitude\/latitude/);
  });
});
