import { join } from 'node:path';
import { buildProgram, runProgram } from '@milli/cli';
import { EXIT_STATUS } from '@milli/core';
import { MockDevice } from '@milli/lab';
import { REPO_ROOT, tempDir } from '@milli/test-support';
import type { Device } from '@milli/topology';
import { afterEach, describe, expect, it } from 'vitest';

// `milli netconf` against a mock device that misbehaves: it fails with a message, and does not linger once it has.
const device: Device = {
  id: 'AP-1-otn',
  site: 'AP-1',
  kind: 'otn',
  ports: [{ id: 'line-1', kind: 'line', rate: 'OTU4' }],
  management: { address: '127.0.0.1' },
};
const PASSWORD_ENV = 'MILLI_TEST_NETCONF_PASSWORD';
let mock: MockDevice | undefined;
afterEach(async () => {
  await mock?.close().catch(() => {});
  mock = undefined;
});

/** A mock device on 127.0.0.1 and the connection options `milli netconf` needs for it. */
async function startDevice(): Promise<{ mock: MockDevice; connection: string[] }> {
  mock = new MockDevice({
    device,
    fibres: [],
    yangDir: join(REPO_ROOT, 'yang'),
    stateDir: tempDir('netconf-cli'),
    users: [{ username: 'lab', password: 'lab-secret' }],
    onCrash: () => {},
  });
  const { port, hostKeyFingerprint } = await mock.listen('127.0.0.1', 0);
  process.env[PASSWORD_ENV] = 'lab-secret';
  const connection = ['--host', '127.0.0.1', '--port', String(port), '--user', 'lab', '--password-env', PASSWORD_ENV];
  return { mock, connection: [...connection, '--host-key-fingerprint', hostKeyFingerprint] };
}

/** Runs `milli netconf ARGS` in this process; `onOut` sees stdout as it is written. */
async function netconf(args: string[], onOut: (text: string) => void = () => {}): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = ((chunk: string) => {
    onOut(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await runProgram(buildProgram(), ['node', 'milli', 'netconf', ...args]);
    return { code, err: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

describe('milli netconf --pause-after-hello', () => {
  it('refuses a pause that is not a whole number of milliseconds up to 10 s, before connecting', async () => {
    for (const bad of ['-1', '10001', '0.5', 'soon']) {
      const run = await netconf([
        'get',
        '--host',
        '127.0.0.1',
        '--user',
        'lab',
        '--password-env',
        PASSWORD_ENV,
        '--insecure-accept-host-key',
        '--pause-after-hello',
        bad,
      ]);
      expect(run.code).toBe(EXIT_STATUS.usage);
      expect(run.err).toContain('--pause-after-hello');
    }
  });

  it('waits and then runs the chain as without it', async () => {
    const { connection } = await startDevice();
    const out: string[] = [];
    const run = await netconf(['get-config', '--source', 'running', ...connection, '--pause-after-hello', '20', '--json'], (t) =>
      out.push(t),
    );
    expect(run.code).toBe(0);
    expect(out.join('')).toContain('"step":"get-config"');
    expect(out.join('')).toContain('<name>line-1</name>');
  });
});

describe('milli netconf against a device that misbehaves', () => {
  it('subscribe exits with NETCONF_CLOSED and a message when the session ends before --count notifications', async () => {
    const { mock, connection } = await startDevice();
    let subscribed: () => void = () => {};
    const whenSubscribed = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const run = netconf(['subscribe', '--count', '5', ...connection], (text) => {
      if (text.includes('subscribe: ok')) subscribed();
    });
    await whenSubscribed;
    await mock.close();
    const { code, err } = await run;
    expect(code).toBe(EXIT_STATUS.unavailable);
    expect(err).toMatch(/^error \[NETCONF_CLOSED\]: subscribe: the session ended after 0 notification\(s\), before --count 5/m);
  });

  it('a failed step is the end: the command returns without waiting for the slow device to close the session', async () => {
    const { mock, connection } = await startDevice();
    mock.applyFault({ kind: 'delay', ms: 60_000 });
    const { code, err } = await netconf(['get', '--rpc-timeout', '0.5', ...connection]);
    expect(code).toBe(EXIT_STATUS.unavailable);
    expect(err).toMatch(/^error \[NETCONF_TIMEOUT\]: get: get got no reply within 500 ms/);
    // A polite close-session would wait for the delayed device; the session is still open when the command is done.
    expect(mock.sessions).toBe(1);
  });
});
