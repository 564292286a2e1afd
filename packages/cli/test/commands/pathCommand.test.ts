import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@milli/test-support';
import { describe, expect, it } from 'vitest';
import { smallMetro } from '../../../pce/test/support';
import { milli } from '../support/milli';

const dir = tempDir('path');
const file = join(dir, 'metro.json');
writeFileSync(file, JSON.stringify(smallMetro()));

/** `milli path --topology <small metro> ...args` in-process, under the command line's error policy. */
const run = (...args: string[]) => milli('path', '--topology', file, ...args);

describe('milli path', () => {
  it('prints the route, each hop with what it takes, and the latency breakdown', async () => {
    const { out, code } = await run('--from', 'P-1', '--to', 'dc-north', '--max-latency', '1ms', '--bandwidth', '100Mbps');
    expect(code).toBe(0);
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

  it('prints the reason and evidence and exits 6 (refused) when there is no path', async () => {
    const { out, code } = await run('--from', 'P-1', '--to', 'dc-north', '--max-latency', '100us');
    expect(code).toBe(6);
    expect(out).toContain('no path [PCE_LATENCY_BOUND]');
    expect(out).toContain('bestUs');
  });

  it('protects a park line on the demo metro, sharing only its single access fibre and saying so', async () => {
    const demo = join(import.meta.dirname, '..', '..', '..', '..', 'lab', 'topologies', 'metro-small.yaml');
    const { out, code } = await run('--topology', demo, '--from', 'P-7', '--to', 'dc-north', '--max-latency', '1ms', '--protect', 'srlg');
    expect(code).toBe(0);
    expect(out).toContain('working: ');
    expect(out).toContain('protection: ');
    expect(out).toContain('unprotected access tail: P-7-osu → AP-7-otn over F-88 (single-homed)');
    expect(out).toContain('pair: least total latency (proven)');
  });

  it('names a bad request (exit 3) or a bad option value (exit 2)', async () => {
    const { err, code } = await run('--from', 'P-1', '--to', 'nowhere');
    expect(code).toBe(3);
    expect(err).toContain("error [PCE_BAD_REQUEST]: unknown endpoint 'nowhere'");
    const bad = await run('--from', 'P-1', '--to', 'dc-north', '--bandwidth', 'fast');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('INVALID_UNIT');
  });
});
