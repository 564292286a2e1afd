import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOPOLOGY_SCHEMA, loadTopology, parseTopology } from '@milli/topology';
import { tempDir } from '@milli/test-support';
import { describe, expect, it } from 'vitest';
import { milli } from '../support/milli';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const dir = tempDir('topo-cli');

/** `milli topo ...args` in-process, under the command line's error policy. */
const milliTopo = (...args: string[]) => milli('topo', ...args);

const SMALL = ['--dcs', '2', '--important', '6', '--access', '10', '--parks', '10', '--radius-km', '25', '--seed', '7'];
const body = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

describe('milli topo generate', () => {
  it('prints a valid YAML metro to stdout, with the command in its header; the same seed gives the same bytes', async () => {
    const first = await milliTopo('generate', ...SMALL);
    expect(first.code).toBe(0);
    expect(first.out).toContain('#   pnpm milli topo generate --dcs 2 --important 6 --access 10 --parks 10 --radius-km 25 --seed 7\n');
    const t = parseTopology(first.out, 'yaml');
    expect(t.sites.filter((s) => s.kind === 'park')).toHaveLength(10);
    expect(t.devices.length).toBeLessThanOrEqual(40);
    expect((await milliTopo('generate', ...SMALL)).out).toBe(first.out);
    expect((await milliTopo('generate', ...SMALL.slice(0, -1), '8')).out).not.toBe(first.out);
  });

  it('writes --out in the format of its extension, or as --format says', async () => {
    const file = join(dir, 'metro.json');
    const r = await milliTopo('generate', ...SMALL, '--out', file);
    expect(r.err).toMatch(/^wrote .*metro\.json: 28 sites, 36 devices, \d+ fibres\n$/);
    expect((await readFile(file, 'utf8')).startsWith('{')).toBe(true);
    expect((await loadTopology(file)).devices).toHaveLength(36);
    const json = await milliTopo('generate', ...SMALL, '--format', 'json');
    expect(JSON.parse(json.out)).toEqual(await loadTopology(file));
  });

  it('rejects bad options with a clear error and exit code 2', async () => {
    const r = await milliTopo('generate', ...SMALL.map((a) => (a === '6' ? 'six' : a)));
    expect(r.code).toBe(2);
    expect(r.err).toBe("error [INVALID_ARGUMENT]: --important must be a whole number in 2..200, got 'six'\n");
    expect((await milliTopo('generate', ...SMALL.map((a) => (a === '2' ? '65' : a)))).err).toMatch(
      /--dcs must be a whole number in 1\.\.64/,
    );
    expect((await milliTopo('generate', ...SMALL.map((a) => (a === '25' ? '0' : a)))).err).toMatch(
      /--radius-km must be a number of km in 1\.\.500/,
    );
    expect((await milliTopo('generate', ...SMALL, '--format', 'xml')).err).toMatch(/--format must be yaml or json/);
    expect((await milliTopo('generate', ...SMALL, '--centre', '95,10')).err).toMatch(/--centre must be LAT,LON/);
    const noAccess = ['--dcs', '2', '--important', '6', '--access', '0', '--parks', '3', '--radius-km', '25'];
    expect((await milliTopo('generate', ...noAccess)).err).toMatch(/parks need access points/);
  });
});

describe('committed lab topologies', () => {
  for (const name of ['metro-small', 'metro-medium']) {
    it(`lab/topologies/${name}.yaml is what the command in its header generates`, async () => {
      const file = join(root, 'lab', 'topologies', `${name}.yaml`);
      const text = await readFile(file, 'utf8');
      const command = /^#\s+pnpm milli topo generate (.*)$/m.exec(text)?.[1];
      expect(command).toBeDefined();
      const args = command!.split(' ').filter((a) => a !== '');
      const outAt = args.indexOf('--out');
      const tmp = join(dir, `${name}.yaml`);
      args.splice(outAt, 2, '--out', tmp);
      await milliTopo('generate', ...args);
      expect(body(await readFile(tmp, 'utf8'))).toBe(body(text));
    });
  }
});

describe('milli topo import', () => {
  const sndlib = join(root, 'packages', 'topology', 'test', 'data', 'mini-germany.sndlib.txt');

  it('imports an SNDlib file with --dc into a topology that loads cleanly', async () => {
    const file = join(dir, 'germany.yaml');
    const r = await milliTopo('import', '--format', 'sndlib', sndlib, '--dc', 'Frankfurt', '--dc', 'Berlin', '--out', file);
    expect(r.code).toBe(0);
    const t = await loadTopology(file);
    expect(t.name).toBe('mini-germany.sndlib');
    expect(t.sites.filter((s) => s.kind === 'dc').map((s) => s.id)).toEqual(['Berlin', 'Frankfurt']);
    expect(await readFile(file, 'utf8')).toContain('# Imported from mini-germany.sndlib.txt (sndlib) with');
  });

  it('reports an unknown --dc, an unknown format and a missing file', async () => {
    expect((await milliTopo('import', '--format', 'sndlib', sndlib, '--dc', 'Atlantis')).err).toMatch(
      /^error \[TOPOLOGY_IMPORT\]: --dc names no node of the dataset: Atlantis/,
    );
    expect((await milliTopo('import', '--format', 'csv', sndlib)).err).toMatch(/--format must be one of gnpy, graphml, sndlib/);
    const missing = await milliTopo('import', '--format', 'gnpy', join(dir, 'nope.json'));
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/^error \[FILE_NOT_FOUND\]: .*nope\.json/);
  });
});

describe('milli topo validate and schema', () => {
  it('says ok for a good file and lists every problem of a bad one with its location', async () => {
    const good = join(dir, 'good.yaml');
    await milliTopo('generate', ...SMALL, '--out', good);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, (await readFile(good, 'utf8')).replace('port: deg-1 }', 'port: deg-99 }').replace('lat: 31.', 'lat: 91.'));
    const r = await milliTopo('validate', good, bad);
    expect(r.out).toMatch(/good\.yaml: ok \(28 sites, 36 devices/);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/bad\.yaml: 2 problem\(s\)/);
    expect(r.err).toMatch(/sites\[0\]\.lat: must be <= 90 \(line \d+\)/);
    expect(r.err).toMatch(/fibres\[0\]\.[ab]\.port: device \S+ has no port deg-99 \(line \d+\)/);
  });

  it('prints the JSON Schema', async () => {
    expect(JSON.parse((await milliTopo('schema')).out)).toEqual(TOPOLOGY_SCHEMA);
  });
});
