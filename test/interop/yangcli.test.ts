import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetconfClient, throwIfRpcError } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelNames,
  elementAt,
  INTEROP_FIBRE,
  INTEROP_PASSWORD,
  type InteropDevice,
  mediaChannel,
  startInteropDevice,
  textAt,
} from '../support/interopDevice';
import { runYangcli, type YangcliEvent, yangcliUnavailable } from '../support/yangcli';

// A lab device against Debian's yuma123 yangcli, a second client nobody here wrote, scripted in batch mode. It loads
// no module files of ours: it fetches every schema the device announces with <get-schema>.
// What yangcli cannot do, so these tests do not: pin a host key (yuma123's SSH layer, libssh2, never checks one),
// hold two sessions in one process (lock contention is against a session of milli's client), and go on after an
// rpc-error (it cancels the rest of the script, so each error is the last command of its run).

const unavailable = yangcliUnavailable() ?? (existsSync('/usr/bin/ssh-keygen') ? undefined : 'ssh-keygen is missing (openssh-client)');
if (unavailable) console.warn(`skipping yangcli interop: ${unavailable}`);

const kinds = (events: YangcliEvent[]) => events.map((e) => e.kind);
const dataOf = (event: YangcliEvent | undefined) => elementAt(event?.xml, 'data');

describe.skipIf(unavailable !== undefined)('mock device against yuma123 yangcli (Debian)', () => {
  let dir: string;
  let device: InteropDevice;
  const asLab = () => ({ port: device.port, user: 'lab', password: INTEROP_PASSWORD });
  const file = (name: string, xml: string) => {
    const path = join(dir, name);
    writeFileSync(path, xml);
    return `@${path}`;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'milli-yangcli-'));
    device = await startInteropDevice(dir);
  });
  afterAll(async () => {
    await device?.mock.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects by password, loads every module from get-schema, and reads with subtree and XPath filters', async () => {
    const run = await runYangcli(
      dir,
      asLab(),
      ['sget /netconf-state/sessions', 'xget /device/identity', 'xget-config source=running /roadm/degrees'],
      'debug',
    );
    expect(kinds(run.events)).toEqual(['data', 'data', 'data']);
    // Our modules came from the device: yangcli loaded them from its session's temporary copies (its NETCONF
    // modules are its own).
    for (const m of ['milli-roadm@2026-12-07', 'milli-types@2026-11-26', 'milli-lab@2026-11-26']) {
      expect(run.output).toMatch(new RegExp(`Loading YANG module from file:\\s+\\S+/tmp/\\S+/${m}\\.yang`));
    }
    const [sessions, identity, degrees] = run.events.map(dataOf);
    expect(textAt(sessions, 'netconf-state', 'sessions', 'session', 'username')).toBe('lab');
    expect(textAt(identity, 'device', 'identity', 'id')).toBe('NC2-1-roadm');
    expect(elementAt(identity, 'device', 'ports')).toBeUndefined();
    expect((elementAt(degrees, 'roadm', 'degrees')?.children ?? []).map((d) => textAt(d, 'port'))).toEqual(['deg-1', 'deg-2']);
    expect(elementAt(degrees, 'device')).toBeUndefined();
  });

  it('connects by public key', async () => {
    const run = await runYangcli(dir, { port: device.port, user: 'ops', keys: device }, ['sget /netconf-state/sessions']);
    expect(kinds(run.events)).toEqual(['data']);
    expect(textAt(dataOf(run.events[0]), 'netconf-state', 'sessions', 'session', 'username')).toBe('ops');
  });

  it('edits and validates the candidate, commits confirmed, and gets a range violation back', async () => {
    const run = await runYangcli(dir, asLab(), [
      'lock target=candidate',
      `edit-config target=candidate config=${file('mc-1.xml', mediaChannel('mc-1', '1.5'))}`,
      'validate source=candidate',
      'xget-config source=candidate /roadm/media-channels',
      // persist: the confirmed commit outlives this session and is left to time out.
      'commit confirmed confirm-timeout=1 persist=left-alone',
      'xget-config source=running /roadm/media-channels',
      'unlock target=candidate',
      `edit-config target=candidate config=${file('bad.xml', mediaChannel('mc-1', '99'))}`,
    ]);
    expect(kinds(run.events)).toEqual(['ok', 'ok', 'ok', 'data', 'ok', 'data', 'ok', 'error']);
    expect(channelNames(dataOf(run.events[3]))).toEqual(['mc-1']);
    expect(channelNames(dataOf(run.events[5]))).toEqual(['mc-1']);
    const error = elementAt(run.events[7]!.xml, 'rpc-error');
    expect(textAt(error, 'error-tag')).toBe('invalid-value');
    expect(textAt(error, 'error-app-tag')).toBe('not-in-range');
    expect(textAt(error, 'error-path')).toContain('target-power-dbm');
    expect(run.canceled).toBe(true);
  });

  it('sees the unconfirmed commit time out, then confirms another one by its persist-id', async () => {
    let running = ['mc-1'] as (string | undefined)[];
    for (let i = 0; i < 20 && running.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      running = channelNames(dataOf((await runYangcli(dir, asLab(), ['xget-config source=running /roadm/media-channels'])).events[0]));
    }
    expect(running).toEqual([]);
    const run = await runYangcli(dir, asLab(), [
      `edit-config target=candidate config=${file('mc-2.xml', mediaChannel('mc-2', '0.5'))}`,
      'commit confirmed confirm-timeout=1 persist=kept',
      'commit persist-id=kept',
    ]);
    expect(kinds(run.events)).toEqual(['ok', 'ok', 'ok']);
    // Well past the timeout: a confirmed commit stays.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await runYangcli(dir, asLab(), ['xget-config source=running /roadm/media-channels']);
    expect(channelNames(dataOf(after.events[0]))).toEqual(['mc-2']);
  });

  it('is denied a lock another session holds, with the holder named', async () => {
    const holder = await NetconfClient.connect({
      host: '127.0.0.1',
      port: device.port,
      username: 'lab',
      password: INTEROP_PASSWORD,
      hostKeyFingerprint: device.mock.hostKey.fingerprint,
    });
    try {
      throwIfRpcError(await holder.lock('candidate'));
      const run = await runYangcli(dir, asLab(), ['lock target=candidate']);
      expect(kinds(run.events)).toEqual(['error']);
      const error = elementAt(run.events[0]!.xml, 'rpc-error');
      expect(textAt(error, 'error-tag')).toBe('lock-denied');
      expect(textAt(error, 'error-info', 'session-id')).toBe(String(holder.sessionId));
    } finally {
      await holder.close();
    }
  });

  it('receives a config change and a fibre cut as notifications after create-subscription', async () => {
    const run = await runYangcli(dir, asLab(), [
      'create-subscription',
      `edit-config target=candidate config=${file('mc-3.xml', mediaChannel('mc-3', '1'))}`,
      'commit',
      `cut-fibre fibre-id=${INTEROP_FIBRE}`,
      'sget /device/alarms',
    ]);
    const notifications = run.events.filter((e) => e.kind === 'notification').map((e) => e.xml);
    const change = notifications.map((n) => elementAt(n, 'netconf-config-change')).find((c) => c !== undefined);
    expect(textAt(change, 'edit', 'target')).toMatch(/media-channel\[[\w-]+:name='mc-3'\]$/);
    const alarm = notifications.map((n) => elementAt(n, 'alarm-raised')).find((a) => a !== undefined);
    expect(textAt(alarm, 'resource')).toBe('deg-1');
    expect(textAt(alarm, 'type')).toBe('loss-of-signal');
    const standing = dataOf(run.events.filter((e) => e.kind === 'data').at(-1));
    expect(textAt(standing, 'device', 'alarms', 'alarm', 'severity')).toBe('critical');
    device.mock.applyFault({ kind: 'restore-fibre', fibre: INTEROP_FIBRE });
  });
});
