import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Capabilities, serializeXml } from '@milli/netconf-client';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MockDevice } from '../src/device/MockDevice';
import { fibres, otn, roadm, startDevice, USER, YANG_DIR } from './support/deviceFixtures';
import { RawSession, errorsOf, isOk } from './support/rawSession';

describe('mock device: SSH, hello and framing', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  const sessions: RawSession[] = [];
  const open = async (options: Parameters<typeof RawSession.open>[1] = {}) => {
    const s = await RawSession.open(device.port, options);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    device = await startDevice(roadm);
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await device.stop();
  });

  it('announces bases, candidate, confirmed-commit 1.1, notifications, yang-library and each module with its revision', async () => {
    const s = await open();
    const caps = s.capabilities;
    for (const cap of [
      Capabilities.base10,
      Capabilities.base11,
      Capabilities.candidate,
      Capabilities.confirmedCommit11,
      Capabilities.validate11,
      Capabilities.rollbackOnError,
      Capabilities.startup,
      Capabilities.xpath,
      Capabilities.notification,
      Capabilities.interleave,
    ]) {
      expect(caps).toContain(cap);
    }
    expect(caps).not.toContain(Capabilities.writableRunning);
    expect(caps.some((c) => c.startsWith(`${Capabilities.yangLibrary}?revision=`) && c.includes('module-set-id='))).toBe(true);
    expect(caps).toContain('urn:milli:yang:milli-roadm?module=milli-roadm&revision=2026-12-07');
    expect(caps).toContain('urn:milli:yang:milli-lab?module=milli-lab&revision=2026-11-26');
    expect(caps.some((c) => c.includes('module=milli-otn'))).toBe(false);
    expect(s.sessionId).toBeGreaterThan(0);
    expect(s.framing).toBe('chunked');
    expect(isOk(await s.rpc('<lock><target><running/></target></lock>'))).toBe(true);
  });

  it('keeps end-of-message framing with a base:1.0-only client', async () => {
    const s = await open({ capabilities: [Capabilities.base10] });
    expect(s.framing).toBe('eom');
    const reply = await s.rpc('<get-config><source><running/></source></get-config>');
    expect(serializeXml(reply)).toContain('<name>deg-1</name>');
  });

  it('answers a message without message-id with missing-attribute, and broken XML with malformed-message', async () => {
    const s = await open();
    s.sendRaw('<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get/></rpc>');
    expect(errorsOf(await s.next())[0]).toMatchObject({ 'error-tag': 'missing-attribute', 'info.bad-attribute': 'message-id' });
    s.sendRaw('<rpc message-id="9" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get>');
    expect(errorsOf(await s.next())[0]).toMatchObject({ 'error-type': 'rpc', 'error-tag': 'malformed-message' });
    // The session survives both.
    expect(isOk(await s.rpc('<discard-changes/>'))).toBe(true);
  });

  it('echoes every rpc attribute and refuses unknown operations', async () => {
    const s = await open();
    s.sendRaw('<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="m-7" user-tag="x&amp;y"><frobnicate/></rpc>');
    const reply = await s.next();
    expect(reply.attributes.find((a) => a.local === 'message-id')?.value).toBe('m-7');
    expect(reply.attributes.find((a) => a.local === 'user-tag')?.value).toBe('x&y');
    expect(errorsOf(reply)[0]).toMatchObject({ 'error-tag': 'operation-not-supported' });
  });

  it('refuses a wrong password and accepts a configured public key', async () => {
    await expect(RawSession.open(device.port, { password: 'wrong' })).rejects.toThrow(/authentication/i);
    const stateDir = mkdtempSync(join(tmpdir(), 'milli-key-'));
    const keys = ssh2.utils.generateKeyPairSync('ed25519');
    const keyed = new MockDevice({
      device: otn,
      fibres,
      yangDir: YANG_DIR,
      stateDir,
      users: [{ username: 'ops', publicKeys: [keys.public] }],
    });
    try {
      const { port } = await keyed.listen('127.0.0.1', 0);
      const s = await RawSession.open(port, { username: 'ops', privateKey: keys.private });
      sessions.push(s);
      expect(s.capabilities.some((c) => c.includes('module=milli-otn'))).toBe(true);
      const other = ssh2.utils.generateKeyPairSync('ed25519');
      await expect(RawSession.open(port, { username: 'ops', privateKey: other.private })).rejects.toThrow(/authentication/i);
      expect(keyed.sessions).toBe(1);
    } finally {
      await keyed.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('refuses to listen on every interface', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'milli-any-'));
    const any = new MockDevice({ device: otn, fibres, yangDir: YANG_DIR, stateDir, users: [USER] });
    try {
      await expect(any.listen('0.0.0.0', 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(any.listen('::', 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await any.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('keeps its host key across restarts in the same state dir', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'milli-hostkey-'));
    try {
      const first = new MockDevice({ device: otn, fibres, yangDir: YANG_DIR, stateDir, users: [USER] });
      const a = await first.listen('127.0.0.1', 0);
      await first.close();
      const second = new MockDevice({ device: otn, fibres, yangDir: YANG_DIR, stateDir, users: [USER] });
      const b = await second.listen('127.0.0.1', 0);
      await second.close();
      expect(a.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(b.hostKeyFingerprint).toBe(a.hostKeyFingerprint);
      expect(device.hostKeyFingerprint).not.toBe(a.hostKeyFingerprint);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('hosts many devices of every kind in one process, each on its own port', async () => {
    const kinds = [
      { ...roadm, id: 'R-1' },
      { ...roadm, id: 'R-2', kind: 'oxc' as const },
      { ...otn, id: 'O-1' },
      { ...otn, id: 'O-2' },
      { ...otn, id: 'S-1', kind: 'osu' as const },
      { ...otn, id: 'S-2', kind: 'osu' as const, model: 'cpe-running-only' },
    ];
    const many = await Promise.all(kinds.map((d) => startDevice(d)));
    try {
      expect(new Set(many.map((m) => m.port)).size).toBe(kinds.length);
      const hellos = await Promise.all(many.map((m) => RawSession.open(m.port)));
      const ids = await Promise.all(
        hellos.map(async (h) => {
          const reply = await h.rpc(
            '<get><filter type="subtree"><device xmlns="urn:milli:yang:milli-device"><identity/></device></filter></get>',
          );
          h.close();
          return /<id>([^<]+)<\/id>/.exec(serializeXml(reply))?.[1];
        }),
      );
      expect(ids).toEqual(kinds.map((k) => k.id));
      expect(hellos[4]!.capabilities.some((c) => c.includes('module=milli-osu'))).toBe(true);
      expect(hellos[0]!.capabilities.some((c) => c.includes('module=milli-otn'))).toBe(false);
      expect(hellos[5]!.capabilities).toContain(Capabilities.writableRunning);
    } finally {
      await Promise.all(many.map((m) => m.stop()));
    }
  });

  it('counts sessions and releases a closed session', async () => {
    const before = device.mock.sessions;
    const s = await open();
    expect(device.mock.sessions).toBe(before + 1);
    expect(isOk(await s.rpc('<close-session/>'))).toBe(true);
    await vi.waitFor(() => expect(s.closed).toBe(true));
    await vi.waitFor(() => expect(device.mock.sessions).toBe(before));
  });
});
