import { serializeXml } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { roadm, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';
import { channelWithUses } from './support/roadmXml';

// Candidate changes live as long as the session that made them, as on real gear (Junos discards a session's
// uncommitted changes when it unlocks without committing or ends): a controller recovering from a crash starts
// with lock, and must never meet, or publish, the half-finished edit of a session that no longer exists.
const addChannel = (name: string, channel: number | string = 36) =>
  `<edit-config>${CANDIDATE}<config>${channelWithUses(name, channel)}</config></edit-config>`;
const candidateOf = async (s: RawSession) => serializeXml(await s.rpc(`<get-config><source><candidate/></source></get-config>`));
const runningOf = async (s: RawSession) => serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'));

describe('mock device: a session’s uncommitted candidate changes die with it', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  const opened: RawSession[] = [];
  const open = async () => {
    const s = await RawSession.open(device.port);
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    device = await startDevice(roadm);
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await device.stop();
  });

  it('a session that dies mid-edit leaves nothing: the next lock succeeds and a commit publishes nothing of it', async () => {
    const crashed = await open();
    expect(isOk(await crashed.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(isOk(await crashed.rpc(addChannel('half-1')))).toBe(true);
    expect(errorsOf(await crashed.rpc(addChannel('half-2', 'not-a-channel')))[0]!['error-tag']).toBe('invalid-value');
    crashed.close(); // the chain stops, the client exits
    const next = await open();
    await vi.waitFor(async () => expect(isOk(await next.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true));
    expect(await candidateOf(next)).not.toContain('half-1');
    const other = await open();
    expect(isOk(await next.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
    expect(isOk(await other.rpc('<commit/>'))).toBe(true);
    expect(await runningOf(other)).not.toContain('half-1');
  });

  it('unlocking without commit discards the session’s changes; committing first keeps them', async () => {
    const a = await open();
    expect(isOk(await a.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(isOk(await a.rpc(addChannel('dropped', 40)))).toBe(true);
    expect(await candidateOf(a)).toContain('dropped');
    expect(isOk(await a.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
    expect(await candidateOf(a)).not.toContain('dropped');

    expect(isOk(await a.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(isOk(await a.rpc(addChannel('kept', 41)))).toBe(true);
    expect(isOk(await a.rpc('<commit/>'))).toBe(true);
    expect(isOk(await a.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
    expect(await runningOf(a)).toContain('kept');
    expect(await candidateOf(a)).toContain('kept');
  });

  it('lock-denied names only a live session, and the candidate is free once that session is killed', async () => {
    const editor = await open();
    const controller = await open();
    expect(isOk(await editor.rpc(addChannel('pending', 42)))).toBe(true); // unlocked shared candidate
    expect(errorsOf(await controller.rpc(`<lock>${CANDIDATE}</lock>`))[0]).toMatchObject({
      'error-tag': 'lock-denied',
      'info.session-id': String(editor.sessionId),
    });
    expect(device.mock.sessions).toBeGreaterThanOrEqual(2); // the session named is alive
    expect(isOk(await controller.rpc(`<kill-session><session-id>${editor.sessionId}</session-id></kill-session>`))).toBe(true);
    expect(isOk(await controller.rpc(`<lock>${CANDIDATE}</lock>`))).toBe(true);
    expect(await candidateOf(controller)).not.toContain('pending');
    expect(isOk(await controller.rpc(`<unlock>${CANDIDATE}</unlock>`))).toBe(true);
  });
});
