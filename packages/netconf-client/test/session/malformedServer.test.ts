import { afterEach, describe, expect, it } from 'vitest';
import { Capabilities, NetconfClient, type NetconfClientOptions } from '../../src/index';
import { type FakeConnection, type FakeServer, reply, startFakeServer } from '../support/fakeServer';
import { expectMilliError } from '@milli/test-support';

// A server that sends broken frames: every case must end in a typed error within the timeout, never a hang or crash.

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connectTo(behaviour: (conn: FakeConnection) => void, extra: Partial<NetconfClientOptions> & { serverCaps?: string[] } = {}) {
  server = await startFakeServer({ behaviour, ...(extra.serverCaps ? { capabilities: extra.serverCaps } : {}) });
  return NetconfClient.connect({
    host: '127.0.0.1',
    port: server.port,
    username: 'u',
    password: 'secret',
    hostKeyFingerprint: server.hostKeyFingerprint,
    rpcTimeoutMs: 1500,
    ...extra,
  });
}

const onFirstRpc = (send: (conn: FakeConnection, id: string | undefined) => void) => (conn: FakeConnection) =>
  conn.onMessage((_m, id) => send(conn, id));

describe('malformed frames from a server', () => {
  it('a bad chunk header fails the RPC with NETCONF_FRAMING and closes the session', async () => {
    const client = await connectTo(onFirstRpc((conn) => conn.raw('\n#12x\n<rpc-reply/>\n##\n')));
    expect(client.framing).toBe('chunked');
    await expectMilliError(client.get(), 'NETCONF_FRAMING', {
      host: '127.0.0.1',
      port: server!.port,
      sessionId: 7,
      messageId: '1',
      rpc: 'get',
    });
    expect(client.session.closed).toBe(true);
    await expectMilliError(client.get(), 'NETCONF_FRAMING');
    await client.close();
  });

  it('a chunk shorter than its header says is NETCONF_FRAMING', async () => {
    const client = await connectTo(onFirstRpc((conn, id) => conn.raw(`\n#10\n${reply(id)}\n##\n`)));
    await expectMilliError(client.get(), 'NETCONF_FRAMING');
    await client.close();
  });

  it('a chunk longer than what follows is a NETCONF_TIMEOUT, not a hang', async () => {
    const client = await connectTo(
      onFirstRpc((conn, id) => conn.raw(`\n#100000\n${reply(id)}\n##\n`)),
      { rpcTimeoutMs: 500 },
    );
    await expectMilliError(client.get(), 'NETCONF_TIMEOUT', { phase: 'rpc', rpc: 'get', messageId: '1' });
    await client.close();
  });

  it('a base:1.0 reply with no end marker is a NETCONF_TIMEOUT', async () => {
    const client = await connectTo(
      onFirstRpc((conn, id) => conn.raw(reply(id))),
      { rpcTimeoutMs: 500, capabilities: [Capabilities.base10] },
    );
    expect(client.framing).toBe('eom');
    await expectMilliError(client.get(), 'NETCONF_TIMEOUT');
    await client.close();
  });

  it('garbage bytes in chunked framing are NETCONF_FRAMING', async () => {
    const client = await connectTo(onFirstRpc((conn) => conn.raw(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a]))));
    await expectMilliError(client.get(), 'NETCONF_FRAMING');
    await client.close();
  });

  it('garbage inside a well-framed base:1.0 message is NETCONF_XML', async () => {
    const client = await connectTo(
      onFirstRpc((conn) => conn.raw('\u0000garbage<<>>]]>]]>')),
      { capabilities: [Capabilities.base10] },
    );
    await expectMilliError(client.get(), 'NETCONF_XML', { sessionId: 7, rpc: 'get' });
    await client.close();
  });

  it('a reply with a DTD is refused with NETCONF_XML', async () => {
    const client = await connectTo(
      onFirstRpc((conn, id) =>
        conn.send(`<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${reply(id, '<data>&b;</data>')}`),
      ),
    );
    const err = await expectMilliError(client.get(), 'NETCONF_XML');
    expect(err.message).toMatch(/DOCTYPE/);
    await client.close();
  });

  describe.each([
    ['chunked', 'many 64 KiB chunks', [Capabilities.base10, Capabilities.base11]],
    ['eom', 'one endless message', [Capabilities.base10]],
  ] as const)('a 100 MB reply in %s framing (%s) against a 1 MiB limit', (framing, _shape, capabilities) => {
    it('fails with NETCONF_MESSAGE_TOO_LARGE while the server is still sending', async () => {
      let sent = 0;
      const total = 100 * 1024 * 1024;
      const client = await connectTo(
        onFirstRpc((conn) => {
          const block = Buffer.alloc(64 * 1024, 0x61);
          const frame = framing === 'chunked' ? Buffer.concat([Buffer.from(`\n#${block.length}\n`), block]) : block;
          const pump = () => {
            while (sent < total && conn.channel.writable) {
              sent += block.length;
              if (!conn.channel.write(frame)) return void conn.channel.once('drain', pump);
            }
          };
          const head = '<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><data>';
          conn.raw(framing === 'chunked' ? `\n#${head.length}\n${head}` : head);
          pump();
        }),
        { capabilities: [...capabilities], maxMessageBytes: 1024 * 1024, rpcTimeoutMs: 20_000 },
      );
      expect(client.framing).toBe(framing);
      await expectMilliError(client.get(), 'NETCONF_MESSAGE_TOO_LARGE', {
        maxMessageBytes: 1024 * 1024,
        rpc: 'get',
        sessionId: 7,
      });
      expect(sent).toBeLessThan(total);
      await client.close();
    });
  });

  it('a single chunk header announcing 100 MB is refused before any data', async () => {
    const client = await connectTo(
      onFirstRpc((conn) => conn.raw(`\n#${100 * 1024 * 1024}\n<rpc-reply`)),
      { maxMessageBytes: 1024 * 1024 },
    );
    await expectMilliError(client.get(), 'NETCONF_MESSAGE_TOO_LARGE');
    await client.close();
  });
});
