import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { roadm, startDevice } from './support/deviceFixtures';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'support', 'ncclient_device.py');
const haveNcclient = existsSync('/usr/lib/python3/dist-packages/ncclient');
if (!haveNcclient) console.log('skipping ncclient interop: python3-ncclient is not installed (scripts/setup.sh installs it)');

interface Observed {
  framing: string;
  session_id: string;
  capabilities: string[];
  running_has_deg1: boolean;
  edit_ok: boolean;
  validate_ok: boolean;
  commit_ok: boolean;
  committed: boolean;
  lock_ok: boolean;
  lock_conflict: { tag: string; type: string; info: string } | null;
  m1_session: string;
  unlock_ok: boolean;
  range_error: { tag: string; type: string; path: string; message: string } | null;
  confirmed_ok: boolean;
  during_confirm: boolean;
  after_timeout: boolean;
}

describe.skipIf(!haveNcclient)('mock device against Debian python3-ncclient', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let dir: string;
  let sshConfig: string;

  beforeAll(async () => {
    device = await startDevice(roadm);
    dir = mkdtempSync(join(tmpdir(), 'milli-ncclient-'));
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${device.port} ${device.mock.hostKey.publicKey}\n`);
    sshConfig = join(dir, 'ssh_config');
    writeFileSync(sshConfig, `Host *\n  UserKnownHostsFile ${knownHosts}\n`);
  });
  afterAll(async () => {
    await device.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with a verified host key, edits, validates, commits, conflicts on lock and rolls back a confirmed commit (base 1.1, then 1.0)', async () => {
    // One after the other: both lock and commit the same candidate.
    const runs: { base: string; seen: Observed }[] = [];
    for (const base of ['1.1', '1.0']) {
      const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, String(device.port), sshConfig, base], { timeout: 30_000 });
      runs.push({ base, seen: JSON.parse(stdout) as Observed });
    }
    for (const { base, seen } of runs) {
      expect(seen.framing).toBe(base);
      expect(seen.capabilities).toContain('urn:ietf:params:netconf:capability:candidate:1.0');
      expect(seen.running_has_deg1).toBe(true);
      expect([seen.edit_ok, seen.validate_ok, seen.commit_ok, seen.committed]).toEqual([true, true, true, true]);
      expect(seen.lock_ok).toBe(true);
      expect(seen.lock_conflict).toMatchObject({ tag: 'lock-denied', type: 'protocol' });
      expect(seen.lock_conflict!.info).toContain(`<session-id>${seen.m1_session}</session-id>`);
      expect(seen.unlock_ok).toBe(true);
      expect(seen.range_error).toMatchObject({ tag: 'invalid-value' });
      expect(seen.range_error!.path).toContain('target-power-dbm');
      expect([seen.confirmed_ok, seen.during_confirm, seen.after_timeout]).toEqual([true, true, false]);
    }
    // ncclient drops TCP right after close-session: the device must have survived it and freed every session.
    await vi.waitFor(() => expect(device.mock.sessions).toBe(0));
  });

  it('refuses ncclient when the known host key is a different one', async () => {
    const other = join(dir, 'other_known_hosts');
    writeFileSync(other, `[127.0.0.1]:${device.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF3F47m9TtKhwL1aUTUzUVU3qegSWP717dO/XyCYzID2\n`);
    const config = join(dir, 'other_ssh_config');
    writeFileSync(config, `Host *\n  UserKnownHostsFile ${other}\n`);
    const run = promisify(execFile)(PYTHON, [SCRIPT, String(device.port), config, '1.1'], { timeout: 30_000 });
    await expect(run).rejects.toThrow(/Unknown host key|SSHUnknownHostError|not verified/i);
  });
});
