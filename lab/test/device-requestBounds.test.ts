import { NETCONF_BASE_NS, serializeXml } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEVICE_LIMITS } from '../src/device/server/guard/DeviceLimits';
import { otn, roadm, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';

// Every request's cost is bounded before it is paid: elements per message, bytes, time to finish a frame, and
// the size of an error reply; and one device chewing on its largest allowed request does not stop the others.
const getConfig = '<get-config><source><running/></source></get-config>';
const filterOf = (elements: number) =>
  `<get-config><source><running/></source><filter type="subtree"><roadm xmlns="urn:milli:yang:milli-roadm">${'<degrees/>'.repeat(elements)}</roadm></filter></get-config>`;
const MAX = DEFAULT_DEVICE_LIMITS.maxElements;
/** Elements around the filter's: rpc, get-config, source, running, filter, roadm. */
const WRAPPING = 6;

describe('mock device: bounded requests', () => {
  let busy: Awaited<ReturnType<typeof startDevice>>;
  let other: Awaited<ReturnType<typeof startDevice>>;
  const opened: RawSession[] = [];
  const open = async (port: number) => {
    const s = await RawSession.open(port);
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    busy = await startDevice(roadm, { limits: { frameTimeoutMs: 400 } });
    other = await startDevice(otn);
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await Promise.all([busy.stop(), other.stop()]);
  });

  it('answers a request with more elements than allowed with too-big (its message-id echoed) and stays usable', async () => {
    const s = await open(busy.port);
    const reply = await s.rpc(filterOf(MAX));
    expect(errorsOf(reply)[0]).toMatchObject({ 'error-type': 'rpc', 'error-tag': 'too-big' });
    expect(errorsOf(reply)[0]!['error-message']).toContain(`more than the limit of ${MAX} elements`);
    expect((await s.rpc(getConfig)).local).toBe('rpc-reply');
  });

  it('serves three of the largest allowed requests at once while the other device keeps answering, within a memory bound', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => open(busy.port)));
    const watcher = await open(other.port);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    let done = false;
    const large = Promise.all(sessions.map((s) => s.rpc(filterOf(MAX - WRAPPING)))).finally(() => {
      done = true;
    });
    let answered = 0;
    while (!done) {
      expect((await watcher.rpc(getConfig)).local).toBe('rpc-reply');
      answered++;
    }
    const replies = await large;
    clearInterval(sampler);
    for (const reply of replies) expect(errorsOf(reply)).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    // Stated bound: three largest requests in flight cost the process under 256 MiB more than before.
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('leaves the target untouched when an edit of the largest allowed size fails', async () => {
    const s = await open(busy.port);
    const candidate = async () => serializeXml((await s.rpc(`<get-config><source><candidate/></source></get-config>`)).children[0]!);
    const before = await candidate();
    const channels = Array.from(
      { length: 2000 },
      (_, i) => `<media-channel><name>m${i}</name><channel>${(i % 96) + 1}</channel><from>deg-1</from><to>deg-2</to></media-channel>`,
    );
    channels.push('<media-channel><name>bad</name><channel>nope</channel></media-channel>');
    const reply = await s.rpc(
      `<edit-config>${CANDIDATE}<config><roadm xmlns="urn:milli:yang:milli-roadm"><media-channels>${channels.join('')}</media-channels></roadm></config></edit-config>`,
    );
    expect(errorsOf(reply).length).toBeGreaterThan(0);
    expect(await candidate()).toBe(before);
  });

  it('quotes at most a short prefix of a bad value in its error reply', async () => {
    const s = await open(busy.port);
    const huge = 'x'.repeat(1_000_000);
    const reply = await s.rpc(
      `<edit-config>${CANDIDATE}<config><roadm xmlns="urn:milli:yang:milli-roadm"><media-channels><media-channel><name>v</name><channel>${huge}</channel><from>deg-1</from><to>deg-2</to></media-channel></media-channels></roadm></config></edit-config>`,
    );
    const [error] = errorsOf(reply);
    expect(error!['error-tag']).toBe('invalid-value');
    expect(error!['error-message']).toContain(`${'x'.repeat(64)}...`);
    expect(error!['error-message']).toContain('(1000000 characters)');
    expect(JSON.stringify(reply).length).toBeLessThan(4096);
  });

  it('closes a session whose chunk header announces more bytes than ever arrive, after the frame timeout', async () => {
    const s = await open(busy.port);
    s.writeBytes('\n#100000\n<rpc message-id="9"');
    await vi.waitFor(() => expect(s.closed).toBe(true), { timeout: 5000 });
    const fresh = await open(busy.port);
    expect((await fresh.rpc(getConfig)).local).toBe('rpc-reply');
  });

  it('does not extend the frame timeout for a message that trickles in', async () => {
    const s = await open(busy.port);
    s.writeBytes('\n#50\n<rpc');
    const trickle = setInterval(() => s.writeBytes('\n#1\n '), 50);
    await vi.waitFor(() => expect(s.closed).toBe(true), { timeout: 5000 });
    clearInterval(trickle);
  });

  it('holds at most maxBufferedBytes of requests per device: pipelining sessions are held back, then all answered', async () => {
    const limits = { maxMessageBytes: 1024 * 1024, maxBufferedBytes: 2 * 1024 * 1024 };
    const slow = await startDevice({ ...roadm, id: 'SLOW-1-roadm' }, { limits });
    try {
      slow.mock.applyFault({ kind: 'delay', ms: 100 }); // replies wait: requests pile up unless reading stops
      const sessions = await Promise.all([1, 2, 3, 4].map(() => RawSession.open(slow.port)));
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, slow.mock.heldRequestBytes);
      }, 2);
      const padding = ' '.repeat(700_000);
      for (const s of sessions) {
        for (let i = 1; i <= 3; i++) s.sendRaw(`<rpc xmlns="${NETCONF_BASE_NS}" message-id="p${i}">${getConfig}${padding}</rpc>`);
      }
      const replies = await Promise.all(sessions.map(async (s) => [await s.next(30_000), await s.next(30_000), await s.next(30_000)]));
      clearInterval(sampler);
      // 12 requests of 700 kB were sent at once (8.4 MB); held at any time: the budget plus what one 'data' event
      // brings (an SSH packet, at most 32 KiB, or a little more when the stream coalesces).
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(limits.maxBufferedBytes + 64 * 1024);
      for (const three of replies)
        expect(three.map((r) => r.attributes.find((a) => a.local === 'message-id')?.value)).toEqual(['p1', 'p2', 'p3']);
      await vi.waitFor(() => expect(slow.mock.heldRequestBytes).toBe(0));
      for (const s of sessions) s.close();
    } finally {
      await slow.stop();
    }
  });

  it('reads ahead of its replies by bytes: every one of 32 small pipelined rpcs, but large ones only to the session bound', async () => {
    const limits = { maxMessageBytes: 1024 * 1024, maxQueuedBytesPerSession: 256 * 1024 };
    const slow = await startDevice({ ...roadm, id: 'AHEAD-1-roadm' }, { limits });
    try {
      slow.mock.applyFault({ kind: 'delay', ms: 20 }); // replies wait: requests pile up as far as the session reads
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, slow.mock.heldRequestBytes);
      }, 1);
      const small = await RawSession.open(slow.port);
      const smallRpc = (i: number) => `<rpc xmlns="${NETCONF_BASE_NS}" message-id="s${i}">${getConfig}</rpc>`;
      for (let i = 0; i < 32; i++) small.sendRaw(smallRpc(i)); // one SSH packet each, as a pipelining client sends them
      const smallIds: (string | undefined)[] = [];
      for (let i = 0; i < 32; i++) smallIds.push((await small.next(30_000)).attributes.find((a) => a.local === 'message-id')?.value);
      expect(smallIds).toEqual(Array.from({ length: 32 }, (_, i) => `s${i}`));
      // A well-behaved pipelining client is not held back: (nearly) all 32 were read before the first was answered.
      expect(peak).toBeGreaterThanOrEqual(24 * smallRpc(10).length);

      peak = 0;
      const large = await RawSession.open(slow.port);
      const padding = ' '.repeat(300_000);
      for (let i = 1; i <= 3; i++) large.sendRaw(`<rpc xmlns="${NETCONF_BASE_NS}" message-id="l${i}">${getConfig}${padding}</rpc>`);
      const largeIds: (string | undefined)[] = [];
      for (let i = 1; i <= 3; i++) largeIds.push((await large.next(30_000)).attributes.find((a) => a.local === 'message-id')?.value);
      clearInterval(sampler);
      expect(largeIds).toEqual(['l1', 'l2', 'l3']);
      // One 300 kB request passes the 256 KiB bound, so the session stops reading: held at most that request plus
      // what one 'data' event brings of the next (an SSH packet, at most 32 KiB, or a little more).
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(300_000 + 64 * 1024);
      small.close();
      large.close();
    } finally {
      await slow.stop();
    }
  });

  it('reads a request sent in 1-byte chunks', async () => {
    const s = await open(busy.port);
    const rpc = `<rpc xmlns="${NETCONF_BASE_NS}" message-id="1b">${getConfig}</rpc>`;
    const framed = [...Buffer.from(rpc)].map((byte) => Buffer.concat([Buffer.from('\n#1\n'), Buffer.from([byte])]));
    s.writeBytes(Buffer.concat([...framed, Buffer.from('\n##\n')]));
    const reply = await s.next();
    expect(reply.attributes.find((a) => a.local === 'message-id')?.value).toBe('1b');
    expect(isOk(reply) || reply.children.some((c) => c.local === 'data')).toBe(true);
  });
});
