import { EventEmitter } from 'node:events';
import { Capabilities, encodeFrame, FrameDecoder, type Framing, parseXml, type XmlElement } from '@milli/netconf-client';
import { silentLogger } from '@milli/core';
import { describe, expect, it, vi } from 'vitest';
import { coalescedChannel } from '../src/device/server/coalescedChannel';
import { RpcError } from '../src/device/server/RpcError';
import { type SessionChannel, ServerSession } from '../src/device/server/ServerSession';

/** An in-memory channel: what the session writes is decoded as the client would. */
class FakeChannel extends EventEmitter implements SessionChannel {
  /** Each write is one whole frame: decode it in the framing the client expects at that point. */
  framing: Framing = 'eom';
  readonly received: XmlElement[] = [];
  /** How many messages each write carried. */
  readonly writes: number[] = [];
  ended = false;
  write(data: Buffer): boolean {
    const messages = new FrameDecoder(this.framing).push(data);
    this.writes.push(messages.length);
    for (const m of messages) this.received.push(parseXml(m));
    if (this.received.length === 0) throw new Error(`a write did not decode as one ${this.framing} frame`);
    return true;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
  send(data: Buffer): void {
    this.emit('data', data);
  }
}

const hello = (caps: string[]) =>
  `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities>${caps.map((c) => `<capability>${c}</capability>`).join('')}</capabilities></hello>`;

function makeSession(helloTimeoutMs = 5000, wrap: (channel: FakeChannel) => SessionChannel = (c) => c) {
  const channel = new FakeChannel();
  const ended: number[] = [];
  const session = new ServerSession(
    7,
    'lab',
    wrap(channel),
    {
      capabilities: [Capabilities.base10, Capabilities.base11],
      handleRpc: async (_s, rpc) => {
        const op = rpc.children[0]!.local;
        if (op === 'fail') throw new RpcError('application', 'operation-failed', 'as asked');
        return `<ok-${op}/>`;
      },
      sessionEnded: (s) => ended.push(s.id),
    },
    silentLogger(),
    { helloTimeoutMs },
  );
  return { channel, session, ended };
}

describe('ServerSession', () => {
  it('sends its hello at once with a session-id', () => {
    const { channel } = makeSession();
    expect(channel.received[0]!.local).toBe('hello');
    expect(channel.received[0]!.children.find((c) => c.local === 'session-id')!.text).toBe('7');
  });

  it('reads a chunked rpc that arrives in the same packet as the hello', async () => {
    const { channel, session } = makeSession();
    const rpc = '<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><first/></rpc>';
    channel.framing = 'chunked';
    channel.send(Buffer.concat([encodeFrame('eom', hello([Capabilities.base11])), encodeFrame('chunked', rpc)]));
    await vi.waitFor(() => expect(channel.received).toHaveLength(2));
    expect(session.currentFraming).toBe('chunked');
    expect(channel.received.map((m) => m.local)).toEqual(['hello', 'rpc-reply']);
    expect(channel.received[1]!.children[0]!.local).toBe('ok-first');
  });

  it('answers in order, one rpc at a time, with errors as rpc-error', async () => {
    const { channel } = makeSession();
    channel.send(encodeFrame('eom', hello([Capabilities.base10])));
    const rpc = (id: number, op: string) => `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="${id}"><${op}/></rpc>`;
    channel.send(Buffer.concat([encodeFrame('eom', rpc(1, 'a')), encodeFrame('eom', rpc(2, 'fail')), encodeFrame('eom', rpc(3, 'b'))]));
    // Each request yields to the event loop between parsing and handling: wait for the replies, not a fixed time.
    await vi.waitFor(() => expect(channel.received).toHaveLength(4));
    const replies = channel.received.slice(1);
    expect(replies.map((r) => r.attributes.find((a) => a.local === 'message-id')!.value)).toEqual(['1', '2', '3']);
    expect(replies.map((r) => r.children[0]!.local)).toEqual(['ok-a', 'rpc-error', 'ok-b']);
  });

  it('a fault of the session itself (its turn on the thread failing) closes the session, and the share is still settled', async () => {
    const channel = new FakeChannel();
    const ended: number[] = [];
    const counts = { want: 0, served: 0, turns: 0 };
    const share = {
      // The second request's turn fails: not an rpc's failure, which would be an rpc-error.
      turn: async () => {
        if (++counts.turns === 2) throw new Error('the thread share broke');
      },
      charge: () => {},
      want: () => void counts.want++,
      served: () => void counts.served++,
    };
    const host = {
      capabilities: [Capabilities.base10],
      handleRpc: async (_s: ServerSession, rpc: XmlElement) => `<ok-${rpc.children[0]!.local}/>`,
      sessionEnded: (s: ServerSession) => ended.push(s.id),
      share,
    };
    new ServerSession(9, 'lab', channel, host, silentLogger(), { helloTimeoutMs: 5000 });
    channel.send(encodeFrame('eom', hello([Capabilities.base10])));
    const rpc = (id: number, op: string) => `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="${id}"><${op}/></rpc>`;
    channel.send(Buffer.concat([encodeFrame('eom', rpc(1, 'a')), encodeFrame('eom', rpc(2, 'b')), encodeFrame('eom', rpc(3, 'c'))]));
    await vi.waitFor(() => expect(ended).toEqual([9]));
    expect(channel.ended).toBe(true);
    // The first request was answered; the session closed at the second, and answered nothing after it.
    expect(channel.received.map((m) => m.local)).toEqual(['hello', 'rpc-reply']);
    await vi.waitFor(() => expect(counts.served).toBe(counts.want));
    expect(counts.want).toBe(3);
  });

  it('closes on a hello without a common base, on a hello with a session-id, on bad framing and without any hello', async () => {
    const noBase = makeSession();
    noBase.channel.send(encodeFrame('eom', hello(['urn:example:other'])));
    expect(noBase.channel.ended).toBe(true);
    expect(noBase.ended).toEqual([7]);

    const withId = makeSession();
    withId.channel.send(
      encodeFrame(
        'eom',
        `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>${Capabilities.base10}</capability></capabilities><session-id>3</session-id></hello>`,
      ),
    );
    expect(withId.channel.ended).toBe(true);

    const badFrame = makeSession();
    badFrame.channel.send(encodeFrame('eom', hello([Capabilities.base11])));
    badFrame.channel.send(Buffer.from('\n#zz\n'));
    expect(badFrame.channel.ended).toBe(true);

    const silent = makeSession(30);
    await new Promise((r) => setTimeout(r, 80));
    expect(silent.channel.ended).toBe(true);
    expect(silent.ended).toEqual([7]);
  });

  it('answers 32 pipelined rpcs in order, their replies grouped a few to a packet: not one each, not all in one', async () => {
    const { channel } = makeSession(5000, coalescedChannel);
    channel.send(encodeFrame('eom', hello([Capabilities.base10])));
    const rpc = (id: number) => `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="${id}"><op${id}/></rpc>`;
    channel.send(Buffer.concat(Array.from({ length: 32 }, (_, i) => encodeFrame('eom', rpc(i)))));
    await vi.waitFor(() => expect(channel.received).toHaveLength(33));
    const replies = channel.received.slice(1);
    expect(replies.map((r) => r.attributes.find((a) => a.local === 'message-id')!.value)).toEqual(
      Array.from({ length: 32 }, (_, i) => String(i)),
    );
    expect(replies.map((r) => r.children[0]!.local)).toEqual(Array.from({ length: 32 }, (_, i) => `ok-op${i}`));
    // The first replies leave while later ones are still being answered (the client can start on them), and each
    // packet carries several replies (one packet's cost shared among them).
    const replyWrites = channel.writes.slice(1);
    expect(replyWrites.length).toBeGreaterThan(1);
    expect(Math.max(...replyWrites)).toBeLessThan(32);
    expect(Math.min(...replyWrites.slice(0, -1))).toBeGreaterThan(1);
  });
});
