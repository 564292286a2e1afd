import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockDevice } from '@milli/lab';
import type { XmlElement } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelNames,
  elementAt,
  INTEROP_FIBRE,
  mediaChannel,
  ROADM_NS as ROADM,
  startInteropDevice,
  textAt,
} from '../support/interopDevice';
import { answerXml, buildNc2client, type Nc2Answer, Nc2Client, nc2clientUnavailable } from '../support/nc2client';

// A lab device against CESNET's libnetconf2 (Debian's libnetconf2-dev), the library under netopeer2-cli and much
// NETCONF tooling: the test suite's own small C client connects with a pinned host key and no module files, so it
// must learn every schema from the device itself, and every reply is parsed by libnetconf2 into libyang trees.

const unavailable = nc2clientUnavailable() ?? (existsSync('/usr/bin/ssh-keygen') ? undefined : 'ssh-keygen is missing (openssh-client)');
if (unavailable) console.warn(`skipping libnetconf2 interop: ${unavailable}`);

const find = elementAt;
const text = textAt;
const channel = mediaChannel;

/** The `<data>` under the parsed output of a get or get-config. */
function dataOf(answer: Nc2Answer): XmlElement {
  expect(answer.kind, answer.text).toBe('data');
  const data = find(answerXml(answer), answer.text.startsWith('<get-config') ? 'get-config' : 'get', 'data');
  if (data === undefined) throw new Error(`no data in ${answer.text}`);
  return data;
}
function errorOf(answer: Nc2Answer): { tag?: string; type?: string; appTag?: string; sessionId?: string; path?: string } {
  expect(answer.kind, answer.text).toBe('rpc-error');
  const error = find(answerXml(answer), 'rpc-error');
  return {
    tag: text(error, 'error-tag'),
    type: text(error, 'error-type'),
    appTag: text(error, 'error-app-tag'),
    sessionId: text(error, 'error-info', 'session-id'),
    path: text(error, 'error-path'),
  };
}

describe.skipIf(unavailable !== undefined)('mock device against libnetconf2 (Debian libnetconf2-dev)', () => {
  let dir: string;
  let build: { binary: string; dir: string };
  let mock: MockDevice;
  let client: Nc2Client;
  let schemaDir: string;
  let port: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'milli-libnetconf2-'));
    build = buildNc2client();
    ({ mock, port } = await startInteropDevice(dir));
    client = new Nc2Client(build.binary, '127.0.0.1', port);
    // libnetconf2 stores the schemas it fetched in its search path: an empty dir of our own, so nothing is given to it
    // and nothing lands in the system's /usr/share/yang/modules.
    schemaDir = join(dir, 'schemas');
    mkdirSync(schemaDir);
    expect((await client.send(`searchpath ${schemaDir}`)).kind).toBe('ok');
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await mock?.close();
    if (build) rmSync(build.dir, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the device when its host key is not the pinned one', async () => {
    const [, otherKey] = readFileSync(join(dir, 'ops_key.pub'), 'utf8').trim().split(' ');
    expect((await client.send(`hostkey ssh-ed25519 ${otherKey}`)).kind).toBe('ok');
    const refused = await client.send('connect x password lab lab-secret');
    expect(refused.kind).toBe('fail');
    expect(client.stderr.join('\n')).toContain('does not match the pinned key');
    expect(mock.sessions).toBe(0);
  });

  it('connects by password with the pinned key and no module files, learning every schema from the device', async () => {
    expect(readdirSync(schemaDir)).toEqual([]);
    const [type, key] = mock.hostKey.publicKey.split(' ');
    expect((await client.send(`hostkey ${type} ${key}`)).kind).toBe('ok');
    const a = await client.send('connect a password lab lab-secret');
    expect(a.kind, client.stderr.slice(-10).join('\n')).toBe('session');
    ids.a = Number(a.text);
    expect(ids.a).toBeGreaterThan(0);
    // What libnetconf2 fetched with get-schema (it keeps its own copies of a few base modules).
    const fetched = readdirSync(schemaDir);
    for (const m of [
      'ietf-netconf@2011-06-01.yang',
      'milli-roadm@2026-12-07.yang',
      'milli-types@2026-11-26.yang',
      'notifications@2008-07-14.yang',
    ]) {
      expect(fetched).toContain(m);
    }
    const caps = (await client.send('capabilities a')).text.trim().split('\n');
    expect(caps).toContain('urn:ietf:params:netconf:capability:candidate:1.0');
    expect(caps.some((c) => c.startsWith('urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring?module=ietf-netconf-monitoring'))).toBe(true);
  });

  it('connects by public key as another user', async () => {
    const b = await client.send(`connect b publickey ops ${join(dir, 'ops_key.pub')} ${join(dir, 'ops_key')}`);
    expect(b.kind, client.stderr.slice(-10).join('\n')).toBe('session');
    ids.b = Number(b.text);
    expect(ids.b).not.toBe(ids.a);
    const sessions = dataOf(await client.send('get a /ietf-netconf-monitoring:netconf-state/sessions'));
    const users = (find(sessions, 'netconf-state', 'sessions')?.children ?? []).map(
      (s) => `${text(s, 'session-id')}:${text(s, 'username')}`,
    );
    expect(users.sort()).toEqual([`${ids.a}:lab`, `${ids.b}:ops`].sort());
  });

  it('gets state and config with XPath and subtree filters that select the same data', async () => {
    const state = dataOf(await client.send('get a /milli-device:device/identity'));
    expect(text(state, 'device', 'identity', 'id')).toBe('NC2-1-roadm');
    expect(text(state, 'device', 'identity', 'kind')).toBe('roadm');
    expect(find(state, 'device', 'ports')).toBeUndefined();
    const full = dataOf(await client.send('get a'));
    const deg1 = find(full, 'device', 'ports')?.children.find((p) => text(p, 'name') === 'deg-1');
    expect(text(deg1, 'neighbour', 'fibre-id')).toBe(INTEROP_FIBRE);
    const byXpath = dataOf(await client.send('get-config a running /milli-roadm:roadm/degrees'));
    const bySubtree = dataOf(await client.send(`get-config a running <roadm xmlns="${ROADM}"><degrees/></roadm>`));
    expect(byXpath).toEqual(bySubtree);
    expect((find(byXpath, 'roadm', 'degrees')?.children ?? []).map((d) => text(d, 'port'))).toEqual(['deg-1', 'deg-2']);
    expect(find(byXpath, 'roadm', 'add-drop-groups')).toBeUndefined();
    // A leaf-list in an XPath result (the ietf-netconf features of the YANG library).
    const features = dataOf(await client.send("get a /ietf-yang-library:yang-library/module-set/module[name='ietf-netconf']/feature"));
    const module = find(features, 'yang-library', 'module-set', 'module');
    expect(module?.children.filter((c) => c.local === 'feature').map((f) => f.text.trim())).toEqual(
      expect.arrayContaining(['candidate', 'confirmed-commit', 'validate']),
    );
  });

  it('edits the candidate, validates it and gets a range violation back as a parsed rpc-error', async () => {
    expect((await client.send(`edit-config a candidate ${channel('mc-1', '1.5')}`)).kind).toBe('ok');
    expect(channelNames(dataOf(await client.send('get-config a candidate /milli-roadm:roadm/media-channels')))).toEqual(['mc-1']);
    expect(channelNames(dataOf(await client.send('get-config a running /milli-roadm:roadm/media-channels')))).toEqual([]);
    expect((await client.send('validate a candidate')).kind).toBe('ok');
    const range = errorOf(await client.send(`edit-config a candidate ${channel('mc-1', '99')}`));
    expect(range).toMatchObject({ type: 'protocol', tag: 'invalid-value', appTag: 'not-in-range' });
    expect(range.path).toContain('target-power-dbm');
  });

  it('lets a confirmed commit time out, then confirms another one', async () => {
    expect((await client.send('commit a 1')).kind).toBe('ok');
    expect(channelNames(dataOf(await client.send('get-config a running /milli-roadm:roadm/media-channels')))).toEqual(['mc-1']);
    // Nobody confirms: the device puts running back by itself.
    let running: (string | undefined)[] = ['mc-1'];
    for (let i = 0; i < 60 && running.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      running = channelNames(dataOf(await client.send('get-config a running /milli-roadm:roadm/media-channels')));
    }
    expect(running).toEqual([]);
    expect((await client.send(`edit-config a candidate ${channel('mc-2', '0.5')}`)).kind).toBe('ok');
    expect((await client.send('commit a 1')).kind).toBe('ok');
    expect((await client.send('commit a')).kind).toBe('ok');
    // Well past the first timeout: a confirmed commit stays.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(channelNames(dataOf(await client.send('get-config a running /milli-roadm:roadm/media-channels')))).toEqual(['mc-2']);
  });

  it('denies a lock held by its other session, naming the holder, and blocks that session writing', async () => {
    expect((await client.send('lock a candidate')).kind).toBe('ok');
    expect(errorOf(await client.send('lock b candidate'))).toMatchObject({ tag: 'lock-denied', sessionId: String(ids.a) });
    expect(errorOf(await client.send(`edit-config b candidate ${channel('mc-3', '0')}`))).toMatchObject({ tag: 'in-use' });
    expect((await client.send('unlock a candidate')).kind).toBe('ok');
    expect((await client.send('lock b candidate')).kind).toBe('ok');
    expect((await client.send('unlock b candidate')).kind).toBe('ok');
  });

  it('sees a config change and a fibre cut as notifications', async () => {
    expect((await client.send('subscribe b')).kind).toBe('ok');
    expect((await client.send(`edit-config a candidate ${channel('mc-4', '1')}`)).kind).toBe('ok');
    expect((await client.send('commit a')).kind).toBe('ok');
    const change = answerXml(await client.send('notification b 5000'));
    expect(text(change, 'netconf-config-change', 'changed-by', 'session-id')).toBe(String(ids.a));
    const target = find(change, 'netconf-config-change', 'edit', 'target');
    // libnetconf2 parsed the instance-identifier and prints it back with the module's own prefix.
    expect(target?.text).toMatch(/^\/(\w+):roadm\/\1:media-channels\/\1:media-channel\[\1:name='mc-4'\]$/);
    mock.applyFault({ kind: 'cut-fibre', fibre: INTEROP_FIBRE });
    const cut = await client.send('notification b 5000');
    expect(cut.kind, cut.text).toBe('notification');
    const alarm = find(answerXml(cut), 'alarm-raised');
    expect(text(alarm, 'resource')).toBe('deg-1');
    expect(text(alarm, 'type')).toBe('loss-of-signal');
    expect(text(alarm, 'severity')).toBe('critical');
    // The same cut through the lab's RPC, parsed by libnetconf2 from milli-lab's schema.
    expect(
      (await client.send(`rpc a <restore-fibre xmlns="urn:milli:yang:milli-lab"><fibre-id>${INTEROP_FIBRE}</fibre-id></restore-fibre>`))
        .kind,
    ).toBe('ok');
    expect(text(answerXml(await client.send('notification b 5000')), 'alarm-cleared', 'resource')).toBe('deg-1');
  });
});
