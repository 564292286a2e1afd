import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isMilliError } from '@milli/core';
import { TOPOLOGY_SCHEMA, TopologyError, loadTopology, parseTopology, serialiseTopology, writeTopology } from '../../src/index';
import { tinyTopology } from '../fixtures';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TopologyError);
    expect(isMilliError(e) && e.code).toBe('TOPOLOGY_INVALID');
    return (e as TopologyError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected a TopologyError');
}

const dir = await mkdtemp(join(tmpdir(), 'milli-topology-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseTopology', () => {
  it('accepts a valid topology in YAML and in JSON', () => {
    const t = tinyTopology();
    expect(parseTopology(stringify(t), 'yaml')).toEqual(t);
    expect(parseTopology(JSON.stringify(t), 'json')).toEqual(t);
  });

  it('reports every reference problem at once, each with its location', () => {
    const t = tinyTopology();
    t.fibres[0]!.b.port = 'deg5'; // no such port
    t.fibres[1]!.a.device = 'r7'; // no such device
    t.fibres[3]!.b = { device: 'AGG-1-otn', port: 'line-1' }; // already used by F-3
    t.devices[2]!.site = 'NOWHERE';
    t.sites.push({ ...t.sites[0]! }); // duplicate id
    t.fibres.push({ ...t.fibres[0]!, id: 'F-1', a: { device: 'CORE-1-oxc', port: 'ad-1' }, b: { device: 'AGG-1-roadm', port: 'deg-1' } });
    const problems = problemsOf(() => parseTopology(JSON.stringify(t), 'json'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'fibres[0].b.port: device AGG-1-roadm has no port deg5',
        'fibres[1].a.device: fibre F-2 ends at device r7, which does not exist',
        'fibres[3].b: port AGG-1-otn/line-1 is already used by fibre F-3',
        'devices[2].site: device AGG-1-roadm is at site NOWHERE, which does not exist',
        'sites[4].id: duplicate site id CORE-1 (first at sites[0])',
        'fibres[4].id: duplicate fibre id F-1 (first at fibres[0])',
        'fibres[4].a: port CORE-1-oxc/ad-1 is already used by fibre F-2',
      ]),
    );
    // The second F-1 also joins an add-drop port to a degree port: not a joinable pair.
    expect(problems.some((p) => p.startsWith('fibres[4]: fibre F-1 joins an add-drop port to a degree port'))).toBe(true);
    expect(problems).toHaveLength(8);
  });

  it('reports schema and invariant problems together, with YAML line numbers', () => {
    const t = tinyTopology() as unknown as { sites: Record<string, unknown>[]; fibres: Record<string, unknown>[] };
    delete t.fibres[2]!.lengthKm;
    t.sites[1]!.kind = 'hub';
    t.sites[2]!.lat = 123;
    t.fibres[0]!.colour = 'blue';
    delete t.sites[0]!.role;
    const text = stringify(t);
    let error: TopologyError | undefined;
    try {
      parseTopology(text, 'yaml', 'broken.yaml');
    } catch (e) {
      error = e as TopologyError;
    }
    const lines = text.split('\n');
    const paths = error!.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['fibres[2].lengthKm', 'sites[1].kind', 'sites[2].lat', 'fibres[0].colour', 'sites[0].role']),
    );
    const lat = error!.problems.find((p) => p.path === 'sites[2].lat')!;
    expect(lat.message).toBe('must be <= 90');
    expect(lines[lat.line! - 1]).toContain('lat: 123');
    const colour = error!.problems.find((p) => p.path === 'fibres[0].colour')!;
    expect(colour.message).toBe('is not a known field');
    expect(error!.message).toContain('topology broken.yaml has');
    expect(error!.context.file).toBe('broken.yaml');
  });

  it('checks port kinds per device, joinable pairs, rates and OSU access', () => {
    const t = tinyTopology();
    t.devices[0]!.ports.push({ id: 'line-9', kind: 'line', rate: 'OTU4' }); // a ROADM has no line ports
    t.devices[0]!.ports.push({ id: 'ad-2', kind: 'add-drop' }); // add-drop without group
    t.devices[3]!.ports[0]!.rate = 'OTU4'; // line-line rate mismatch with AP-1 OTU2
    t.devices[4]!.ports[1]!.osu = false; // park access on a non-OSU client port
    const problems = problemsOf(() => parseTopology(JSON.stringify(t), 'json'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'devices[0].ports[2].kind: an oxc device has no line ports (allowed: degree, add-drop)',
        'devices[0].ports[3].group: an add-drop port needs its add/drop group',
        'fibres[2]: fibre F-3 joins line ports of different rates (OTU4 and OTU2)',
        'fibres[3]: fibre F-4 joins a client port to a line port; only an OSU CPE does that, and both ports need osu: true',
      ]),
    );
  });

  it('rejects an empty document, and two devices on one management endpoint', () => {
    expect(problemsOf(() => parseTopology('', 'yaml'))).toEqual(['(document): must be object']);
    const t = tinyTopology();
    t.devices[1]!.management = { address: '10.100.0.10' }; // 830 by default, as devices[0] says explicitly
    expect(problemsOf(() => parseTopology(JSON.stringify(t), 'json'))).toEqual([
      'devices[1].management: device CORE-1-otn has the management endpoint 10.100.0.10:830 of device CORE-1-oxc',
    ]);
  });

  it('rejects broken syntax, an unclosed boundary and a self-joined port', () => {
    expect(problemsOf(() => parseTopology('sites: [\n  - id: x', 'yaml'))[0]).toMatch(/^\(document\): not valid YAML/);
    expect(problemsOf(() => parseTopology('{"sites": [}', 'json'))[0]).toMatch(/^\(document\): not valid JSON/);
    expect(problemsOf(() => parseTopology('sites: []\nsites: []\ndevices: []\nfibres: []\n', 'yaml'))[0]).toMatch(/not valid YAML/);
    const t = tinyTopology();
    t.boundary!.coordinates[0]![3] = [121.5, 31.5];
    t.fibres[0]!.b = { ...t.fibres[0]!.a };
    const problems = problemsOf(() => parseTopology(JSON.stringify(t), 'json'));
    expect(problems).toContain('boundary.coordinates[0]: a polygon ring must be closed (its last position equal to its first)');
    expect(problems).toContain('fibres[0]: fibre F-1 joins port CORE-1-oxc/deg-1 to itself');
  });
});

describe('serialise and load', () => {
  it('round-trips YAML and JSON to the same topology and the same bytes', () => {
    const t = tinyTopology();
    for (const format of ['yaml', 'json'] as const) {
      const text = serialiseTopology(t, format, { header: 'made by a test\nsecond line' });
      const back = parseTopology(text, format);
      expect(back).toEqual(t);
      expect(serialiseTopology(back, format, { header: 'made by a test\nsecond line' })).toBe(text);
    }
    const yaml = serialiseTopology(t, 'yaml', { header: 'made by a test' });
    expect(yaml.startsWith('# made by a test\n')).toBe(true);
    expect(yaml).toContain('a: { device: CORE-1-oxc, port: deg-1 }');
  });

  it('writes atomically, refuses an invalid topology, and loads by extension', async () => {
    const t = tinyTopology();
    const yamlPath = join(dir, 'tiny.yaml');
    const jsonPath = join(dir, 'tiny.json');
    await writeTopology(yamlPath, t);
    await writeTopology(jsonPath, t);
    expect(await loadTopology(yamlPath)).toEqual(t);
    expect(await loadTopology(jsonPath)).toEqual(t);
    expect((await readFile(jsonPath, 'utf8')).startsWith('{')).toBe(true);

    const bad = tinyTopology();
    bad.fibres[0]!.a.port = 'nope';
    const badPath = join(dir, 'bad.yaml');
    await expect(writeTopology(badPath, bad)).rejects.toBeInstanceOf(TopologyError);
    await expect(readFile(badPath)).rejects.toThrow(/ENOENT/);

    await writeFile(badPath, serialiseTopology(bad, 'yaml'));
    await expect(loadTopology(badPath)).rejects.toMatchObject({ code: 'TOPOLOGY_INVALID', problems: [{ path: 'fibres[0].a.port' }] });
    await expect(loadTopology(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      context: { file: join(dir, 'missing.yaml') },
    });
  });

  it('publishes the schema file identical to the exported schema', async () => {
    const file = join(import.meta.dirname, '..', '..', 'schema', 'topology.schema.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(TOPOLOGY_SCHEMA);
  });
});
