import { describe, expect, it } from 'vitest';
import { buildHello, Capabilities, encodeFrame, FrameDecoder, NetconfSession, type Transport } from '../../src/index';

// yuma123 netconfd never answers an rpc that reaches it in the same read as the client's hello. A transport that
// gathers the writes of one turn into one packet would join them whenever the server's hello is read before ours
// leaves and the caller sends its first rpc at once: the session must send its hello apart, before reading.

/** A transport that records what it is asked to do and keeps what was written in one packet until a flush. */
class RecordingTransport implements Transport {
  readonly host = '127.0.0.1';
  readonly port = 830;
  /** Each flush is one packet: the messages it held, decoded in base:1.0 framing. */
  readonly packets: string[][] = [];
  private queued: Buffer[] = [];

  constructor(private readonly serverHello: Buffer) {}

  write(data: Buffer): void {
    this.queued.push(data);
  }

  flush(): void {
    if (this.queued.length === 0) return;
    this.packets.push(new FrameDecoder('eom').push(Buffer.concat(this.queued)));
    this.queued = [];
  }

  /** The server's hello was read before the session attached: it is delivered at once, as SshTransport does. */
  attach(onData: (chunk: Buffer) => void): void {
    onData(this.serverHello);
  }

  async close(): Promise<void> {
    this.flush();
  }
}

describe('the client hello', () => {
  it('leaves in a packet of its own even when the server hello is already waiting and an rpc follows at once', async () => {
    const transport = new RecordingTransport(encodeFrame('eom', buildHello([Capabilities.base10], 9)));
    const session = await NetconfSession.open(transport, { capabilities: [Capabilities.base10], rpcTimeoutMs: 50 });
    void session.rpc('<get/>', 'get').catch(() => {});
    transport.flush();
    expect(transport.packets).toHaveLength(2);
    expect(transport.packets[0]).toHaveLength(1);
    expect(transport.packets[0]![0]).toContain('<hello');
    expect(transport.packets[1]).toHaveLength(1);
    expect(transport.packets[1]![0]).toContain('<get/>');
    expect(session.sessionId).toBe(9);
    await session.close();
  });
});
