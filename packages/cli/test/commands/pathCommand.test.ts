import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerPathCommand } from '../../src/commands/pathCommand';
import { smallMetro } from '../../../pce/test/support';

const dir = mkdtempSync(join(tmpdir(), 'milli-path-'));
const file = join(dir, 'metro.json');
writeFileSync(file, JSON.stringify(smallMetro()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const program = new Command().exitOverride();
  registerPathCommand(program);
  await program.parseAsync(['node', 'milli', 'path', '--topology', file, ...args]);
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  vi.restoreAllMocks();
  return { out, err, code };
}

describe('milli path', () => {
  it('prints the route, each hop with what it takes, and the latency breakdown', async () => {
    const { out, code } = await run('--from', 'P-1', '--to', 'dc-north', '--max-latency', '1ms', '--bandwidth', '100Mbps');
    expect(code).toBeUndefined();
    expect(out).toContain('P-1 → dc-north: osu, 100 Mbit/s, bound 1000 µs');
    expect(out).toContain('route: P-1-osu → AP-1-otn → AGG-1-otn → AGG-1-roadm → CORE-1-roadm → dc-north-roadm → dc-north-otn');
    expect(out).toContain('NEW OTU link (80 slots) on channel 1');
    expect(out).toContain('AP-1-otn (osu-switch) 30 µs');
  });

  it('prints JSON with --json, both paths with --protect', async () => {
    const { out } = await run('--from', 'dc-south', '--to', 'dc-north', '--bandwidth', '100G', '--protect', 'srlg', '--json');
    const result = JSON.parse(out);
    expect(result.ok).toBe(true);
    expect(result.request.layer).toBe('wavelength');
    expect(result.working.srlgs.some((s: string) => result.protection.srlgs.includes(s))).toBe(false);
  });

  it('prints the reason and evidence and exits 2 when there is no path', async () => {
    const { out, code } = await run('--from', 'P-1', '--to', 'dc-north', '--max-latency', '100us');
    expect(code).toBe(2);
    expect(out).toContain('no path [PCE_LATENCY_BOUND]');
    expect(out).toContain('bestUs');
  });

  it('protects a park line on the demo metro, sharing only its single access fibre and saying so', async () => {
    const demo = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
    const { out, code } = await run('--topology', demo, '--from', 'P-7', '--to', 'dc-north', '--max-latency', '1ms', '--protect', 'srlg');
    expect(code).toBeUndefined();
    expect(out).toContain('working: ');
    expect(out).toContain('protection: ');
    expect(out).toContain('unprotected access tail: P-7-osu → AP-7-otn over F-88 (single-homed)');
    expect(out).toContain('pair: least total latency (proven)');
  });

  it('names a bad option value and exits 1', async () => {
    const { err, code } = await run('--from', 'P-1', '--to', 'nowhere');
    expect(code).toBe(1);
    expect(err).toContain("error [PCE_BAD_REQUEST]: unknown endpoint 'nowhere'");
    const bad = await run('--from', 'P-1', '--to', 'dc-north', '--bandwidth', 'fast');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('INVALID_UNIT');
  });
});
