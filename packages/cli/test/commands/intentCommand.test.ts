import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@milli/test-support';
import { describe, expect, it } from 'vitest';
import { intentCheck } from '../../src/commands/intentCommand';
import { milli } from '../support/milli';

// The intent package's test metro, until lab/topologies/metro-small.yaml is there to use instead.
const TOPOLOGY = join(import.meta.dirname, '..', '..', '..', 'intent', 'test', 'fixtures', 'small-metro.yaml');
const NOW = '2026-11-26T11:00Z';
const LAB_METRO = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
const noLabMetro = !existsSync(LAB_METRO);
if (noLabMetro) console.log(`skipping the lab metro check: ${LAB_METRO} is not there`);
const dir = tempDir('intent-cli');

describe('milli intent check', () => {
  it('prints the parsed intent and its compilation', async () => {
    const out = await intentCheck('connect dc-north to dc-south under 1 ms at 400G', { topology: TOPOLOGY, now: NOW });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('intent (text): dc-interconnect');
    expect(out.stdout).toContain('path request 1: dc-north → dc-south, 400 Gbit/s wavelength, ≤ 1 ms, protection none');
  });

  it('prints errors with their positions and exits 3 (invalid input)', async () => {
    const out = await intentCheck('connect park P-17 to DC dc-nrth under 1ms with 100Mbps', { topology: TOPOLOGY, now: NOW });
    expect(out.code).toBe(3);
    expect(out.stderr).toBe(
      [
        'error [INTENT_INVALID]: 1 problem',
        '  connect park P-17 to DC dc-nrth under 1ms with 100Mbps',
        `  ${' '.repeat(24)}^`,
        "  unknown site 'dc-nrth' at 24, did you mean 'dc-north'?",
        '',
      ].join('\n'),
    );
  });

  it('--json prints the whole result, or the error with its problems', async () => {
    const ok = await intentCheck('move 50TB from dc-north to dc-south by 2026-12-01T06:00Z', { topology: TOPOLOGY, now: NOW, json: true });
    const result = JSON.parse(ok.stdout);
    expect(result.compilation.pathRequests[0]).toMatchObject({ bandwidthKbps: 1_250_000, layer: 'odu' });
    expect(result.parsed.form).toBe('text');
    const bad = await intentCheck('{"kind":"release"}', { topology: TOPOLOGY, now: NOW, json: true });
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'INTENT_SCHEMA', problems: [{ message: "missing field 'line' at /" }] });
  });

  it('compiles scale and release against --previous, and checks --lines', async () => {
    const line = JSON.parse(
      (await intentCheck('connect P-17 to dc-north with 100Mbps', { topology: TOPOLOGY, now: NOW, json: true })).stdout,
    );
    const previous = join(dir, 'L-42.json');
    writeFileSync(previous, JSON.stringify(line.compilation));
    const scaled = await intentCheck('scale line L-42 to 1Gbps from 20:00 to 23:00', {
      topology: TOPOLOGY,
      now: NOW,
      previous,
      lines: 'L-42,L-7',
    });
    expect(scaled.stdout).toContain(
      'path request 1: P-17 → dc-north, 1 Gbit/s odu, ≤ 5 ms, protection none, 2026-11-26T20:00:00.000Z → 2026-11-26T23:00:00.000Z',
    );
    const unknown = await intentCheck('release line L-43', { topology: TOPOLOGY, now: NOW, previous, lines: 'L-42,L-7' });
    expect(unknown.stderr).toContain("unknown line 'L-43' at 13, did you mean 'L-42'?");
  });

  it('reports an unreadable topology or a bad --now as an error, not a crash', async () => {
    const missing = await intentCheck('release line L-1', { topology: join(dir, 'none.yaml'), now: NOW });
    expect(missing).toMatchObject({ code: 4, stderr: expect.stringMatching(/^error \[FILE_NOT_FOUND\]: .*none\.yaml/) });
    const badNow = await intentCheck('release line L-1', { topology: TOPOLOGY, now: 'tomorrow' });
    expect(badNow).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error \[INVALID_ARGUMENT\]: --now 'tomorrow'/) });
  });

  it.skipIf(noLabMetro)('checks intents against the lab metro (lab/topologies/metro-small.yaml)', async () => {
    const ok = await intentCheck('connect park P-7 to DC dc-north under 1ms with 100Mbps protected tier 4A for manufacturing', {
      topology: LAB_METRO,
      now: NOW,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('path request 1: P-7 → dc-north, 100 Mbit/s osu, ≤ 1 ms, protection srlg');
    const bad = await intentCheck('connect park P-7 to DC dc-nrth under 0ms with 100Mbps', { topology: LAB_METRO, now: NOW });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("unknown site 'dc-nrth' at 23, did you mean 'dc-north'?");
    expect(bad.stderr).toContain('latency 0ms at 37: must be above 0');
  });

  it('`intent schema` prints the published schema file', async () => {
    const run = await milli('intent', 'schema');
    const published = readFileSync(join(import.meta.dirname, '..', '..', '..', 'intent', 'schema', 'intent.schema.json'), 'utf8');
    expect(run).toEqual({ code: 0, out: published, err: '' });
  });

  it('is mounted as `intent check` and sets the exit status', async () => {
    const run = await milli('intent', 'check', 'release line L-1', '--topology', TOPOLOGY, '--now', NOW);
    // No previous compilation: the release cannot be compiled, which is an error the user must see.
    expect(run.code).toBe(3);
    expect(run.err).toContain("cannot release line L-1 at 13: its current compilation is needed (pass the line's previous compilation)");
  });
});
