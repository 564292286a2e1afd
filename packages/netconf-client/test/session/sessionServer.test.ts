import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@milli/core';
import { utils } from 'ssh2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Capabilities, NetconfClient, type NetconfClientOptions, type NetconfNotification } from '../../src/index';
import { type FakeConnection, type FakeServer, generateKeys, reply, startFakeServer } from '../support/fakeServer';
import { expectMilliError } from '@milli/test-support';

// Session and transport behaviour against a scripted ssh2 server on 127.0.0.1.

let server: FakeServer | undefined;
const dir = mkdtempSync(join(tmpdir(), 'milli-nc-test-'));
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Behaviour = (conn: FakeConnection) => void;
const answerAll: Behaviour = (conn) => conn.onMessage((_m, id) => conn.send(reply(id)));

async function serve(
  behaviour: Behaviour,
  extra: { capabilities?: string[]; noHello?: boolean; authorizedKey?: string; ignoreSubsystem?: boolean } = {},
) {
  server = await startFakeServer({ behaviour, ...extra });
  return server;
}

function options(s: FakeServer, extra: Partial<NetconfClientOptions> = {}): NetconfClientOptions {
  return {
    host: '127.0.0.1',
    port: s.port,
    username: 'u',
    password: 'secret',
    hostKeyFingerprint: s.hostKeyFingerprint,
    rpcTimeoutMs: 2000,
    ...extra,
  };
}

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ destination, level: 'debug' }), lines };
}

describe('hello exchange', () => {
  it('sends a hello with both base versions and no session-id; reads the server session-id and capabilities', async () => {
    const s = await serve(answerAll, { capabilities: [Capabilities.base11, Capabilities.candidate, 'urn:t?module=t&revision=2020-01-01'] });
    const client = await NetconfClient.connect(options(s));
    expect(client.sessionId).toBe(7);
    expect(client.framing).toBe('chunked');
    expect((await client.get()).ok).toBe(true); // the server has read our hello by now
    expect(client.capabilities.modules).toEqual([{ name: 't', namespace: 'urn:t', revision: '2020-01-01', features: [], deviations: [] }]);
    expect(s.clientHellos[0]).toContain(Capabilities.base10);
    expect(s.clientHellos[0]).toContain(Capabilities.base11);
    expect(s.clientHellos[0]).not.toContain('session-id');
    await client.close();
  });

  it('refuses a server with no base version in common (NETCONF_HELLO)', async () => {
    const s = await serve(answerAll, { capabilities: [Capabilities.base11] });
    await expectMilliError(NetconfClient.connect(options(s, { capabilities: [Capabilities.base10] })), 'NETCONF_HELLO', {
      host: '127.0.0.1',
      port: s.port,
    });
  });

  it('times out waiting for a hello that never comes (NETCONF_TIMEOUT)', async () => {
    const s = await serve(() => {}, { noHello: true });
    await expectMilliError(NetconfClient.connect(options(s, { helloTimeoutMs: 400 })), 'NETCONF_TIMEOUT', { phase: 'hello' });
  });

  it('reports a server that closes before its hello (NETCONF_CLOSED)', async () => {
    const s = await serve((conn) => conn.channel.close(), { noHello: true });
    await expectMilliError(NetconfClient.connect(options(s)), 'NETCONF_CLOSED', { phase: 'hello' });
  });

  it('refuses a hello that is not a hello (NETCONF_HELLO)', async () => {
    const s = await serve((conn) => conn.raw(`${reply('1')}]]>]]>`), { noHello: true });
    await expectMilliError(NetconfClient.connect(options(s)), 'NETCONF_HELLO');
  });
});

describe('message-id correlation', () => {
  it('matches 50 RPCs in flight answered in reverse order', async () => {
    const s = await serve((conn) => {
      const got: { id: string | undefined; n: string }[] = [];
      conn.onMessage((m, id) => {
        got.push({ id, n: /<n xmlns="urn:t">(\d+)<\/n>/.exec(m)?.[1] ?? '?' });
        if (got.length === 50) for (const g of got.reverse()) conn.send(reply(g.id, `<data><n xmlns="urn:t">${g.n}</n></data>`));
      });
    });
    const client = await NetconfClient.connect(options(s));
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.getConfig('running', { filter: { type: 'subtree', content: `<n xmlns="urn:t">${i}</n>` } }),
      ),
    );
    expect(replies.map((r) => r.data?.children[0]?.text)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(new Set(replies.map((r) => r.messageId)).size).toBe(50);
    expect(client.session.inFlight).toBe(0);
    await client.close();
  });

  // The transport coalesces the writes of one turn: pipelined rpcs must still arrive as whole, separately framed
  // messages in order, in chunked framing (octet lengths with multi-byte text) and in base:1.0's end markers alike.
  for (const [framing, capabilities] of [
    ['chunked', [Capabilities.base10, Capabilities.base11]],
    ['base:1.0', [Capabilities.base10]],
  ] as const) {
    it(`rpcs issued in one turn leave as one SSH packet of whole messages (${framing})`, async () => {
      let packets = 0;
      const received: string[] = [];
      const s = await serve(
        (conn) => {
          conn.channel.on('data', () => packets++);
          conn.onMessage((m, id) => {
            received.push(/<n xmlns="urn:t">([^<]*)<\/n>/.exec(m)?.[1] ?? '?');
            conn.send(reply(id, `<data>${/<n xmlns="urn:t">[^<]*<\/n>/.exec(m)?.[0] ?? ''}</data>`));
          });
        },
        { capabilities: [...capabilities] },
      );
      const client = await NetconfClient.connect(options(s));
      const names = Array.from({ length: 20 }, (_, i) => `déjà-vu ${i}`);
      const replies = await Promise.all(
        names.map((n) => client.getConfig('running', { filter: { type: 'subtree', content: `<n xmlns="urn:t">${n}</n>` } })),
      );
      expect(packets).toBe(1);
      expect(received).toEqual(names);
      expect(replies.map((r) => r.data?.children[0]?.text)).toEqual(names);
      // A second batch after the replies is a second packet: nothing is held back waiting for more.
      await Promise.all([client.get(), client.get()]);
      expect(packets).toBe(2);
      await client.close();
      expect(received).toHaveLength(23);
    });
  }

  it('a per-RPC timeout fails only that RPC; its late reply is ignored', async () => {
    let first: string | undefined;
    const s = await serve((conn) =>
      conn.onMessage((_m, id) => {
        if (first === undefined) {
          first = id;
          return;
        }
        conn.send(reply(first, '<data><late xmlns="urn:t"/></data>'));
        conn.send(reply(id));
      }),
    );
    const client = await NetconfClient.connect(options(s));
    await expectMilliError(client.get({ timeoutMs: 200 }), 'NETCONF_TIMEOUT', {
      rpc: 'get',
      messageId: '1',
      phase: 'rpc',
      sessionId: 7,
    });
    const next = await client.lock('candidate');
    expect(next.ok).toBe(true);
    expect(next.data).toBeUndefined();
    await client.close();
  });
});

describe('server closing first', () => {
  it('fails outstanding RPCs with NETCONF_CLOSED and lets close() finish', async () => {
    const s = await serve((conn) => conn.onMessage(() => conn.channel.close()));
    const client = await NetconfClient.connect(options(s));
    const both = await Promise.allSettled([client.get(), client.getConfig('running')]);
    for (const r of both) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'NETCONF_CLOSED', context: { sessionId: 7 } });
    }
    expect(client.session.closed).toBe(true);
    await client.close();
    await expectMilliError(client.get(), 'NETCONF_CLOSED');
  });

  it('close() sends close-session and waits for the reply', async () => {
    const seen: string[] = [];
    const s = await serve((conn) =>
      conn.onMessage((m, id) => {
        seen.push(m);
        conn.send(reply(id));
      }),
    );
    const client = await NetconfClient.connect(options(s));
    await client.close();
    expect(seen.some((m) => m.includes('<close-session/>'))).toBe(true);
  });

  it('closes an idle session after idleTimeoutMs', async () => {
    const s = await serve(answerAll);
    const client = await NetconfClient.connect(options(s, { idleTimeoutMs: 300 }));
    expect((await client.get()).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(client.session.closed).toBe(true);
    await expectMilliError(client.get(), 'NETCONF_TIMEOUT', { phase: 'idle' });
  });
});

describe('notifications', () => {
  it('delivers notifications sent in the same packet as the create-subscription reply', async () => {
    const note = (n: number) =>
      `<notification xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"><eventTime>2026-01-01T00:00:0${n}Z</eventTime><alarm xmlns="urn:t"><id>${n}</id></alarm></notification>`;
    const s = await serve((conn) =>
      conn.onMessage((m, id) => {
        if (!m.includes('create-subscription')) return conn.send(reply(id));
        conn.send(reply(id));
        conn.send(note(1));
        conn.send(note(2));
        setTimeout(() => conn.channel.close(), 50);
      }),
    );
    const client = await NetconfClient.connect(options(s));
    const sub = await client.createSubscription({ stream: 'alarms', filter: { type: 'subtree', content: '<alarm xmlns="urn:t"/>' } });
    expect(sub.reply.ok).toBe(true);
    const got: NetconfNotification[] = [];
    await new Promise<void>((resolve) => sub.notifications.subscribe({ next: (n) => got.push(n), complete: resolve }));
    expect(got.map((n) => n.eventTime)).toEqual(['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
    expect(got[1]?.events[0]).toMatchObject({ local: 'alarm', ns: 'urn:t' });
    await client.close();
  });
});

describe('host keys and authentication', () => {
  it('accepts the key pinned in a known_hosts file, plain or hashed', async () => {
    const s = await serve(answerAll);
    const plain = join(dir, 'plain');
    writeFileSync(plain, `# pinned\nother.example ssh-ed25519 AAAA\n${s.knownHostsLine}\n`);
    const salt = randomBytes(20);
    const [, type, key] = s.knownHostsLine.split(' ');
    const hashedName = createHmac('sha1', salt).update(`[127.0.0.1]:${s.port}`).digest('base64');
    const hashed = join(dir, 'hashed');
    writeFileSync(hashed, `|1|${salt.toString('base64')}|${hashedName} ${type} ${key}\n`);
    for (const file of [plain, hashed]) {
      const client = await NetconfClient.connect({ ...options(s), hostKeyFingerprint: undefined, knownHosts: file });
      expect(client.sessionId).toBe(7);
      await client.close();
    }
  });

  it('refuses a key that differs from the pinned one, and a host with no entry', async () => {
    const s = await serve(answerAll);
    const otherKey = utils.parseKey(generateKeys().public);
    if (otherKey instanceof Error) throw otherKey;
    const mismatch = join(dir, 'mismatch');
    writeFileSync(mismatch, `[127.0.0.1]:${s.port} ssh-ed25519 ${otherKey.getPublicSSH().toString('base64')}\n`);
    await expectMilliError(
      NetconfClient.connect({ ...options(s), hostKeyFingerprint: undefined, knownHosts: mismatch }),
      'NETCONF_HOST_KEY',
      { reason: 'mismatch', host: '127.0.0.1', port: s.port, fingerprint: s.hostKeyFingerprint },
    );
    const unknown = join(dir, 'unknown');
    writeFileSync(unknown, `[127.0.0.1]:1 ${s.knownHostsLine.split(' ').slice(1).join(' ')}\n`);
    await expectMilliError(
      NetconfClient.connect({ ...options(s), hostKeyFingerprint: undefined, knownHosts: unknown }),
      'NETCONF_HOST_KEY',
      {
        reason: 'unknown',
      },
    );
  });

  it('needs an explicit policy; the insecure one accepts with a warning that carries no secret', async () => {
    const s = await serve(answerAll);
    await expectMilliError(NetconfClient.connect({ ...options(s), hostKeyFingerprint: undefined }), 'NETCONF_HOST_KEY');
    const { logger, lines } = captureLogger();
    const client = await NetconfClient.connect({ ...options(s), hostKeyFingerprint: undefined, insecureAcceptHostKey: true, logger });
    await client.close();
    const warning = lines.map((l) => JSON.parse(l)).find((l) => l.level === 40);
    expect(warning).toMatchObject({ fingerprint: s.hostKeyFingerprint, host: '127.0.0.1' });
    expect(lines.join('')).not.toContain('secret');
  });

  it('authenticates with a private key, and reports a wrong password as NETCONF_AUTH', async () => {
    const pair = generateKeys();
    const s = await serve(answerAll, { authorizedKey: pair.public });
    const client = await NetconfClient.connect({ ...options(s), password: undefined, privateKey: pair.private });
    expect(client.sessionId).toBe(7);
    await client.close();
    const err = await expectMilliError(NetconfClient.connect({ ...options(s), password: 'wrong' }), 'NETCONF_AUTH');
    expect(err.message).not.toContain('wrong');
  });

  it('times out a server that never opens the netconf subsystem (NETCONF_TIMEOUT, phase connect)', async () => {
    const s = await serve(answerAll, { ignoreSubsystem: true });
    await expectMilliError(NetconfClient.connect(options(s, { connectTimeoutMs: 300 })), 'NETCONF_TIMEOUT', {
      phase: 'connect',
      port: s.port,
    });
  });

  it('reports a refused TCP connection as NETCONF_CONNECT', async () => {
    const s = await serve(answerAll);
    const port = s.port;
    await s.close();
    server = undefined;
    await expectMilliError(NetconfClient.connect({ ...options(s), port }), 'NETCONF_CONNECT');
  });
});
