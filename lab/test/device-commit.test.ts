import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeXml, type XmlElement } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { YangContext } from '@milli/yang-ts';
import { YANG_DIR, roadm, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';
import { channelWithUses } from './support/roadmXml';

const addChannel = (name: string, channel: number = 36) =>
  `<edit-config>${CANDIDATE}<config>${channelWithUses(name, channel)}</config></edit-config>`;
const LAB = 'xmlns="urn:milli:yang:milli-lab"';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mock device: locks, commits and confirmed commits', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  const opened: RawSession[] = [];
  const open = async () => {
    const s = await RawSession.open(device.port);
    opened.push(s);
    return s;
  };
  const running = async (s: RawSession) => serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'));

  beforeAll(async () => {
    device = await startDevice(roadm);
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await device.stop();
  });

  it('denies a second lock with the holder session-id, blocks its edits, and frees the lock on unlock', async () => {
    const a = await open();
    const b = await open();
    expect(isOk(await a.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(errorsOf(await b.rpc(`<lock>${CANDIDATE}</lock>`))[0]).toMatchObject({
      'error-type': 'protocol',
      'error-tag': 'lock-denied',
      'info.session-id': String(a.sessionId),
    });
    expect(errorsOf(await b.rpc(addChannel('b-1')))[0]).toMatchObject({ 'error-tag': 'in-use', 'info.session-id': String(a.sessionId) });
    expect(errorsOf(await b.rpc(`<unlock>${CANDIDATE}</unlock>`))[0]!['error-tag']).toBe('operation-failed');
    expect(errorsOf(await b.rpc('<commit/>'))[0]).toMatchObject({ 'error-tag': 'in-use', 'info.session-id': String(a.sessionId) });
    expect(errorsOf(await b.rpc('<discard-changes/>'))[0]!['error-tag']).toBe('in-use');
    expect(isOk(await a.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
    expect(isOk(await b.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    b.close();
    // b's lock goes with its session, once the device has seen it close.
    await vi.waitFor(async () => expect(isOk(await a.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true));
    expect(isOk(await a.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
  });

  it('refuses to lock a candidate holding another session’s uncommitted edits', async () => {
    const a = await open();
    const b = await open();
    expect(isOk(await a.rpc(addChannel('dirty')))).toBe(true);
    expect(errorsOf(await b.rpc(`<lock>${CANDIDATE}</lock>`))[0]).toMatchObject({
      'error-tag': 'lock-denied',
      'info.session-id': String(a.sessionId),
    });
    expect(isOk(await a.rpc('<discard-changes/>'))).toBe(true);
    expect(isOk(await b.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(isOk(await b.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
  });

  it('commits the candidate and tells subscribers with netconf-config-change', async () => {
    const watcher = await open();
    expect(isOk(await watcher.rpc('<create-subscription xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"/>'))).toBe(true);
    const a = await open();
    await a.rpc(addChannel('c-1'));
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    expect(await running(a)).toContain('<name>c-1</name>');
    const [note] = await watcher.waitNotifications(1);
    const text = serializeXml(note!);
    expect(text).toContain('netconf-config-change');
    expect(text).toContain(`<session-id>${a.sessionId}</session-id>`);
    const change = note!.children.find((c) => c.local === 'netconf-config-change')!;
    const targets = change.children.filter((c) => c.local === 'edit').map((e) => e.children.find((c) => c.local === 'target')!.text);
    expect(targets).toContain("/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='c-1']");
    // Every node name is prefixed and the prefix declared: a valid XML-encoded instance-identifier (RFC 7950 9.13.2).
    const target = change.children.find((c) => c.local === 'edit')!.children.find((c) => c.local === 'target')!;
    expect(target.attributes.find((x) => x.name === 'xmlns:milli-roadm')?.value).toBe('urn:milli:yang:milli-roadm');
    const yang = new YangContext({ searchDirs: [YANG_DIR] });
    try {
      for (const m of ['ietf-netconf-notifications', 'milli-roadm']) yang.loadModule(m);
      yang.parseOperation(serializeXml(note!), { format: 'xml', kind: 'notification', netconf: true, validate: false }).dispose();
    } finally {
      yang.dispose();
    }
    expect(text).toContain('<operation>create</operation>');
    expect(text).toMatch(/<eventTime>20\d\d-/);
  });

  it('confirms a confirmed commit without a netconf-config-change when nothing was edited since (running did not change)', async () => {
    const watcher = await open();
    expect(isOk(await watcher.rpc('<create-subscription xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"/>'))).toBe(true);
    const a = await open();
    const targetsOf = (note: XmlElement) =>
      note.children
        .find((c) => c.local === 'netconf-config-change')!
        .children.filter((c) => c.local === 'edit')
        .map((e) => e.children.find((c) => c.local === 'target')!.text);
    await a.rpc(addChannel('n-1', 61));
    expect(isOk(await a.rpc('<commit><confirmed/><confirm-timeout>1</confirm-timeout></commit>'))).toBe(true);
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    await a.rpc(addChannel('n-2', 62));
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    // Two changes, two notifications: the confirming commit between them changed nothing and sent none.
    const [first, second] = await watcher.waitNotifications(2);
    expect(targetsOf(first!).join()).toContain("'n-1'");
    expect(targetsOf(second!).join()).toContain("'n-2'");
    // The confirm took: the timeout of the confirmed commit no longer rolls back.
    await sleep(1400);
    expect(await running(a)).toContain('<name>n-1</name>');
    expect(watcher.notifications).toHaveLength(2);
  });

  it('rolls a confirmed commit back when the confirm-timeout passes', async () => {
    const a = await open();
    await a.rpc(addChannel('t-1', 40));
    expect(isOk(await a.rpc('<commit><confirmed/><confirm-timeout>1</confirm-timeout></commit>'))).toBe(true);
    expect(await running(a)).toContain('t-1');
    await sleep(1400);
    expect(await running(a)).not.toContain('t-1');
    // The candidate follows running back.
    expect(serializeXml(await a.rpc('<get-config><source><candidate/></source></get-config>'))).not.toContain('t-1');
  });

  it('keeps a confirmed commit that is confirmed in time', async () => {
    const a = await open();
    await a.rpc(addChannel('k-1', 41));
    expect(isOk(await a.rpc('<commit><confirmed/><confirm-timeout>1</confirm-timeout></commit>'))).toBe(true);
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    // Nothing is pending any more: nothing to cancel (the timer itself is covered by the ConfirmedCommit unit test).
    expect(errorsOf(await a.rpc('<cancel-commit/>'))[0]!['error-tag']).toBe('operation-failed');
    expect(await running(a)).toContain('k-1');
  });

  it('rolls back when the session of a non-persistent confirmed commit ends, and cancel-commit rolls back at once', async () => {
    const a = await open();
    await a.rpc(addChannel('s-1', 42));
    expect(isOk(await a.rpc('<commit><confirmed/><confirm-timeout>60</confirm-timeout></commit>'))).toBe(true);
    const b = await open();
    expect(await running(b)).toContain('s-1');
    // Only the issuing session may confirm a non-persistent one.
    expect(errorsOf(await b.rpc('<commit/>'))[0]!['error-tag']).toBe('in-use');
    a.close();
    await vi.waitFor(async () => expect(await running(b)).not.toContain('s-1'));

    await b.rpc(addChannel('s-2', 43));
    expect(isOk(await b.rpc('<commit><confirmed/></commit>'))).toBe(true);
    expect(isOk(await b.rpc('<cancel-commit/>'))).toBe(true);
    expect(await running(b)).not.toContain('s-2');
    expect(errorsOf(await b.rpc('<cancel-commit/>'))[0]!['error-tag']).toBe('operation-failed');
  });

  it('keeps a persistent confirmed commit across sessions until confirmed with its persist-id', async () => {
    const a = await open();
    await a.rpc(addChannel('p-1', 44));
    expect(isOk(await a.rpc('<commit><confirmed/><confirm-timeout>60</confirm-timeout><persist>tx-42</persist></commit>'))).toBe(true);
    const sessions = device.mock.sessions;
    a.close();
    await vi.waitFor(() => expect(device.mock.sessions).toBe(sessions - 1));
    const b = await open();
    expect(await running(b)).toContain('p-1');
    expect(errorsOf(await b.rpc('<commit><persist-id>wrong</persist-id></commit>'))[0]).toMatchObject({ 'error-tag': 'invalid-value' });
    expect(errorsOf(await b.rpc('<commit/>'))[0]).toMatchObject({ 'error-tag': 'invalid-value' });
    expect(isOk(await b.rpc('<commit><persist-id>tx-42</persist-id></commit>'))).toBe(true);
    expect(errorsOf(await b.rpc('<cancel-commit><persist-id>tx-42</persist-id></cancel-commit>'))[0]!['error-tag']).toBe(
      'operation-failed',
    );
    expect(await running(b)).toContain('p-1');
  });

  it('fails exactly the next commit after the reject-next-commit lab RPC', async () => {
    const a = await open();
    expect(isOk(await a.rpc(`<reject-next-commit ${LAB}><error-message>maintenance window</error-message></reject-next-commit>`))).toBe(
      true,
    );
    await a.rpc(addChannel('r-1', 45));
    expect(errorsOf(await a.rpc('<commit/>'))[0]).toMatchObject({ 'error-tag': 'operation-failed', 'error-message': 'maintenance window' });
    expect(await running(a)).not.toContain('r-1');
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    expect(await running(a)).toContain('r-1');
  });

  it('kill-session ends another session and frees its locks', async () => {
    const a = await open();
    const b = await open();
    expect(isOk(await a.rpc('<lock><target><running/></target></lock>'))).toBe(true);
    expect(errorsOf(await b.rpc(`<kill-session><session-id>${b.sessionId}</session-id></kill-session>`))[0]!['error-tag']).toBe(
      'invalid-value',
    );
    expect(isOk(await b.rpc(`<kill-session><session-id>${a.sessionId}</session-id></kill-session>`))).toBe(true);
    await vi.waitFor(() => expect(a.closed).toBe(true));
    expect(isOk(await b.rpc('<lock><target><running/></target></lock>'))).toBe(true);
    expect(isOk(await b.rpc('<unlock><target><running/></target></unlock>'))).toBe(true);
  });
});

describe('mock device: startup datastore', () => {
  it('copies running to startup, boots from it after a restart, and deletes it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'milli-startup-'));
    try {
      let device = await startDevice(roadm, { stateDir });
      let s = await RawSession.open(device.port);
      await s.rpc(addChannel('boot-1', 50));
      expect(isOk(await s.rpc('<commit/>'))).toBe(true);
      expect(isOk(await s.rpc('<copy-config><target><startup/></target><source><running/></source></copy-config>'))).toBe(true);
      s.close();
      await device.stop();

      device = await startDevice(roadm, { stateDir });
      s = await RawSession.open(device.port);
      expect(serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'))).toContain('boot-1');
      expect(errorsOf(await s.rpc('<delete-config><target><running/></target></delete-config>'))[0]!['error-tag']).toBe('invalid-value');
      expect(isOk(await s.rpc('<delete-config><target><startup/></target></delete-config>'))).toBe(true);
      expect(serializeXml(await s.rpc('<get-config><source><startup/></source></get-config>'))).not.toContain('boot-1');
      s.close();
      await device.stop();

      device = await startDevice(roadm, { stateDir });
      s = await RawSession.open(device.port);
      expect(serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'))).not.toContain('boot-1');
      s.close();
      await device.stop();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
