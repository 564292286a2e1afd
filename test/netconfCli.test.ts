import { join } from 'node:path';
import { buildProgram, runProgram } from '@milli/cli';
import { EXIT_STATUS } from '@milli/core';
import { MockDevice } from '@milli/lab';
import { REPO_ROOT, tempDir } from '@milli/test-support';
import type { Device } from '@milli/topology';
import { describe, expect, it } from 'vitest';

// `milli netconf subscribe` against a mock device that goes away mid-subscription: a failure, not a quiet exit 0.
const device: Device = {
  id: 'AP-1-otn',
  site: 'AP-1',
  kind: 'otn',
  ports: [{ id: 'line-1', kind: 'line', rate: 'OTU4' }],
  management: { address: '127.0.0.1' },
};

describe('milli netconf subscribe', () => {
  it('exits with NETCONF_CLOSED and a message when the session ends before --count notifications', async () => {
    const mock = new MockDevice({
      device,
      fibres: [],
      yangDir: join(REPO_ROOT, 'yang'),
      stateDir: tempDir('subscribe'),
      users: [{ username: 'lab', password: 'lab-secret' }],
      onCrash: () => {},
    });
    const { port, hostKeyFingerprint } = await mock.listen('127.0.0.1', 0);
    process.env.MILLI_TEST_NETCONF_PASSWORD = 'lab-secret';
    const out: string[] = [];
    const err: string[] = [];
    let subscribed: () => void = () => {};
    const whenSubscribed = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const stdoutWrite = process.stdout.write;
    const stderrWrite = process.stderr.write;
    process.stdout.write = ((chunk: string) => {
      out.push(String(chunk));
      if (String(chunk).includes('subscribe: ok')) subscribed();
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const argv = ['node', 'milli', 'netconf', 'subscribe', '--count', '5', '--host', '127.0.0.1', '--port', String(port)];
      argv.push('--user', 'lab', '--password-env', 'MILLI_TEST_NETCONF_PASSWORD', '--host-key-fingerprint', hostKeyFingerprint);
      const status = runProgram(buildProgram(), argv);
      await whenSubscribed;
      await mock.close();
      expect(await status).toBe(EXIT_STATUS.unavailable);
    } finally {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
      await mock.close().catch(() => {});
    }
    expect(err.join('')).toMatch(/^error \[NETCONF_CLOSED\]: subscribe: the session ended after 0 notification\(s\), before --count 5/m);
  });
});
