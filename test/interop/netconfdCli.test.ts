import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetconfClient, throwIfRpcError } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NetconfdServer, netconfdUnavailable, startNetconfd } from '../support/netconfdServer';

// `milli netconf` as a user runs it (packages/cli/bin/milli.ts in a fresh node with the tsx loader), against yuma123 netconfd.

const root = join(import.meta.dirname, '..', '..');
const ROADM_NS = 'urn:milli:yang:milli-roadm';
const unavailable = netconfdUnavailable();
if (unavailable) console.warn(`skipping milli netconf CLI interop: ${unavailable}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.skipIf(unavailable !== undefined)('milli netconf against yuma123 netconfd', () => {
  let server: NetconfdServer;
  let dir: string;
  let connection: string[];

  const milli = (args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(root, 'packages/cli/bin/milli.ts'), 'netconf', ...args],
        { cwd: root, env: { ...process.env, NC_TEST_PASS: server.password, MILLI_LOG_LEVEL: 'warn' }, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 99) : 0, stdout, stderr }),
      );
    });
  const jsonLines = (run: Run) =>
    run.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l));

  beforeAll(async () => {
    server = await startNetconfd({ modules: [join(root, 'yang', 'milli-roadm.yang')], modpath: [join(root, 'yang')] });
    dir = mkdtempSync(join(tmpdir(), 'milli-nc-cli-'));
    connection = [
      '--host',
      server.host,
      '--port',
      String(server.port),
      '--user',
      server.username,
      '--password-env',
      'NC_TEST_PASS',
      // netconfd can leave a request sent right after the hello unanswered until the session closes (see
      // netconfd.test.ts): these tests test the chains below, not that race.
      '--pause-after-hello',
      '50',
      '--known-hosts',
      server.knownHostsFile,
    ];
    writeFileSync(join(dir, 'base.xml'), readFileSync(join(root, 'yang/examples/roadm/valid-config.xml'), 'utf8'));
    const channel = (power: string) =>
      `<roadm xmlns="${ROADM_NS}"><media-channels><media-channel><name>ap-uplink</name><target-power-dbm>${power}</target-power-dbm></media-channel></media-channels></roadm>`;
    writeFileSync(join(dir, 'power-2.xml'), channel('2.00'));
    writeFileSync(join(dir, 'power-bad.xml'), channel('99.00'));
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hello, then lock, edit-config, confirmed commit, confirm and unlock chained on one session', async () => {
    const run = await milli([
      'hello',
      '--then',
      'lock',
      '--target',
      'candidate',
      '--then',
      'edit-config',
      '--target',
      'candidate',
      '--config',
      join(dir, 'base.xml'),
      '--then',
      'edit-config',
      '--target',
      'candidate',
      '--config',
      join(dir, 'power-2.xml'),
      '--then',
      'commit',
      '--confirmed',
      '--timeout',
      '60',
      '--then',
      'commit',
      '--then',
      'unlock',
      '--target',
      'candidate',
      ...connection,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [hello, ...steps] = jsonLines(run);
    expect(hello).toMatchObject({ step: 'hello', framing: 'chunked' });
    expect(hello.sessionId).toBeGreaterThan(0);
    expect(hello.modules.map((m: { name: string }) => m.name)).toContain('milli-roadm');
    expect(steps.map((l) => [l.step, l.ok])).toEqual([
      ['lock', true],
      ['edit-config', true],
      ['edit-config', true],
      ['commit', true],
      ['commit', true],
      ['unlock', true],
    ]);
  });

  it('get-config with an XPath filter and --ns prints the data; get-schema prints the module (base:1.0 session)', async () => {
    const run = await milli([
      'get-config',
      '--source',
      'running',
      '--xpath',
      "/mroadm:roadm/mroadm:media-channels/mroadm:media-channel[mroadm:name='ap-uplink']",
      '--ns',
      `mroadm=${ROADM_NS}`,
      '--then',
      'get-schema',
      'milli-roadm',
      '--version',
      '2026-12-07',
      ...connection,
      '--base10',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^module milli-roadm \{/m);
    expect(run.stdout).toMatch(/<name>ap-uplink<\/name>/);
    expect(run.stdout).toMatch(/<target-power-dbm>2\.0+<\/target-power-dbm>/);
    expect(run.stdout).not.toContain('express-1-2');
  });

  it('an rpc-error stops the chain with exit status 6 (refused) and prints the error as JSON', async () => {
    const run = await milli([
      'edit-config',
      '--target',
      'candidate',
      '--config',
      join(dir, 'power-bad.xml'),
      '--then',
      'commit',
      ...connection,
      '--json',
    ]);
    expect(run.code).toBe(6);
    const lines = jsonLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ step: 'edit-config', ok: false });
    expect(lines[0].errors[0]).toMatchObject({
      type: 'protocol',
      tag: 'invalid-value',
      appTag: 'not-in-range',
      info: { 'bad-value': '99.00' },
    });
  });

  // One full-suite run on the loaded 2-core machine saw this CLI run exit 1 (an rpc-error answer from netconfd),
  // which ten isolated and three parallel runs did not reproduce; the assertion now prints the CLI's output so the
  // next occurrence names netconfd's reason. A retry keeps a third-party server's rare refusal from failing CI.
  it('subscribe prints a notification', { retry: 2 }, async () => {
    const watching = milli(['subscribe', '--stream', 'NETCONF', '--count', '1', ...connection, '--json']);
    // Sessions that start while the subscription is open produce netconf-session-start notifications.
    const deadline = Date.now() + 30_000;
    let done: Run | undefined;
    void watching.then((r) => {
      done = r;
    });
    while (!done && Date.now() < deadline) {
      const poke = await NetconfClient.connect({
        host: server.host,
        port: server.port,
        username: server.username,
        password: server.password,
        knownHosts: server.knownHostsFile,
      });
      throwIfRpcError(await poke.get());
      await poke.close();
      await new Promise((r) => setTimeout(r, 300));
    }
    const run = await watching;
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const lines = jsonLines(run);
    expect(lines[0]).toMatchObject({ step: 'subscribe', ok: true });
    expect(lines[1]).toMatchObject({ step: 'notification' });
    expect(lines[1].xml).toContain('urn:ietf:params:xml:ns:yang:ietf-netconf-notifications');
  });

  it('refuses to run without a host-key policy, naming the options', async () => {
    // The shared connection options less their last pair, `--known-hosts FILE`: no host-key policy at all.
    const withoutHostKeyPolicy = connection.slice(0, -2);
    expect(withoutHostKeyPolicy).not.toContain('--known-hosts');
    const run = await milli(['hello', ...withoutHostKeyPolicy]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--known-hosts/);
  });
});
