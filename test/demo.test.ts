import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labNaming } from '@milli/lab';
import { afterAll, describe, expect, it } from 'vitest';

// The README's first command runs this demo; this test keeps it true: every step happens, and nothing is left behind.
const ROOT = join(import.meta.dirname, '..');
const stateDir = mkdtempSync(join(tmpdir(), 'milli-demo-'));
afterAll(async () => {
  // The demo takes its lab down itself, but not when the run is killed at its timeout (SIGTERM): do it here too.
  await labDown(stateDir);
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the demo', () => {
  it('runs from YANG to a provisioned, cut and healed protected park line, and cleans up', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'demo', 'main.ts'), '--state-dir', stateDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    const out = run.stdout;
    expect(run.stderr).not.toContain('demo failed');
    expect(run.status).toBe(0);
    expect(out).toMatch(/example device configurations validated by libyang: all valid/);
    expect(out).toMatch(/36 devices answer NETCONF over SSH/);
    expect(out).toMatch(/36 devices, 91 fibres matched from both ends/);
    expect(out).toMatch(/no disagreement with the topology file/);
    expect(out).toMatch(/P-7 → dc-north: osu, 100 Mbit\/s, bound 1000 µs/);
    // The header above prints with or without a path: the proven path is the working line, and no refusal.
    expect(out).toMatch(/working: [\d.]+ µs total/);
    expect(out).not.toMatch(/no path \[PCE_/);
    expect(out).not.toMatch(/refused \[/);
    expect(out).toMatch(/verify: done on every device/);
    expect(out).toMatch(/confirm: done on every device/);
    expect(out).toMatch(/P-7-osu:\n\s+ODU osu-line-1-ts\d+: ODU0 on line-1/);
    expect(out).toMatch(/OSU protection group park-1-pg: working park-1-w/);
    expect(out).toMatch(/media channel lp-ch\d+-/);
    expect(out).toMatch(/active: \d+ devices configured as one transaction/);
    expect(out.match(/alarm-raised loss-of-signal/g)).toHaveLength(2);
    expect(out.match(/alarm-cleared loss-of-signal/g)).toHaveLength(2);
    expect(out).toMatch(/park-1 after the cut: .*oper-status down/);
    expect(out).toMatch(/protection groups: .*dc-north-otn protection/);
    expect(out).toMatch(/restored: park-1 up on all \d+ devices, protection groups on .*working/);

    const naming = labNaming(stateDir);
    const namespaces = existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(naming.namespacePrefix)) : [];
    expect(namespaces).toEqual([]);
  });
});
