import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labNaming } from '@milli/lab';
import { afterAll, describe, expect, it } from 'vitest';

// The README's first command runs this demo; this test keeps it true: every step happens, and nothing is left behind.
const ROOT = join(import.meta.dirname, '..');
const stateDir = mkdtempSync(join(tmpdir(), 'milli-demo-'));
const keptDir = mkdtempSync(join(tmpdir(), 'milli-demo-keep-'));
let keptPid: number | undefined;
afterAll(async () => {
  // The demo takes its lab down itself, but not when the run is killed at its timeout (SIGTERM): do it here too.
  if (keptPid !== undefined) {
    try {
      process.kill(keptPid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await Promise.all([labDown(stateDir), labDown(keptDir)]);
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(keptDir, { recursive: true, force: true });
});

describe('the demo', () => {
  it('runs from YANG to a protected park line cut and healed, then through the HTTP API to provisioned and released lines, and cleans up', () => {
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
    // The installer up close: a protected park line, device by device, cut under its working path, taken off again.
    expect(out).toMatch(/P-7 → dc-north: osu, 100 Mbit\/s, bound 1000 µs/);
    expect(out).toMatch(/working: [\d.]+ µs total/);
    expect(out).not.toMatch(/no path \[PCE_/);
    expect(out).not.toMatch(/refused \[/);
    expect(out).toMatch(/verify: done on every device/);
    expect(out).toMatch(/P-7-osu:\n\s+ODU osu-line-1-ts\d+: ODU0 on line-1/);
    expect(out).toMatch(/OSU protection group park-1-pg: working park-1-w/);
    // The two ends of the cut, and (light propagates in the lab) the media channel the cut fibre fed on the ROADM end.
    expect(out.match(/alarm-raised loss-of-signal/g)?.length).toBeGreaterThanOrEqual(2);
    expect(out.match(/alarm-cleared loss-of-signal/g)?.length).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/park-1 after the cut: .*oper-status down/);
    expect(out).toMatch(/protection groups: .*dc-north-otn protection/);
    expect(out).toMatch(
      /restored: park-1 up on all \d+ devices, protection groups on .*protection \(revertive: working again after the wait-to-restore\)/,
    );
    expect(out).toMatch(/park-1 taken off again: \d+ entries removed/);
    // Through the HTTP API of `milli serve`: every intent accepted at once, then settled over the event stream.
    expect(out).toMatch(/serving http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
    expect(out).toMatch(/1\+1 protected, working and protection paths srlg-disjoint/);
    expect(out.match(/202 I-\d+ line L-\d+: /g)).toHaveLength(5);
    expect(out).toMatch(/protected park line\s+I-\d+\s+L-\d+\s+(active|failed)\s+[\d.]+ µs\s+[\d.]+ µs/);
    expect(out).toMatch(/unprotected park line\s+I-\d+\s+L-\d+\s+(active|failed)\s+[\d.]+ µs\s+-/);
    expect(out).toMatch(/DC interconnect\s+I-\d+\s+L-\d+\s+active\s+[\d.]+ µs\s+-\s+wavelength/);
    expect(out).toMatch(/infeasible\s+I-\d+\s+L-\d+\s+failed\s+-\s+-\s+PCE_LATENCY_BOUND/);
    expect(out).toMatch(/data express\s+I-\d+\s+L-\d+\s+active/);
    expect(out).toMatch(/scheduled → provisioning: window opened/);
    expect(out.match(/media channel L-\d+-w, channel \d+, .* oper-status up/g)?.length).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/Release everything/);
    expect(out).not.toMatch(/not released|still on/);
    expect(out).toMatch(/no device holds it any more/);
    expect(out).toMatch(/Controller stopped \(SIGTERM\)/);

    const naming = labNaming(stateDir);
    const namespaces = existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(naming.namespacePrefix)) : [];
    expect(namespaces).toEqual([]);
  });

  it('--keep leaves the controller and the lab running and says how to reach and stop them', async () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'demo', 'main.ts'), '--state-dir', keptDir, '--keep'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).not.toMatch(/Release everything|Lab down/);
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)\s+\(browse http:\/\/127\.0\.0\.1:\d+\/docs\)/.exec(out)?.[1] as string;
    const token = /token\s+([0-9a-f]{48})\s/.exec(out)?.[1] as string;
    keptPid = Number(/stop both\s+kill (\d+) && pnpm milli lab down --state-dir (\S+)/.exec(out)?.[1]);
    expect(out).toContain(`${url}/v1/events`);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const lines = (await (await fetch(`${url}/v1/lines`, { headers: { authorization: `Bearer ${token}` } })).json()) as { state: string }[];
    expect(lines.filter((l) => l.state === 'active').length).toBeGreaterThanOrEqual(2);
    process.kill(keptPid, 'SIGTERM');
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${url}/healthz`).catch(() => undefined)) === undefined) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    keptPid = undefined;
  });
});
