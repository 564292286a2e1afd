import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_MAX_DELAY_MS } from '../../src/lab/registerLabCommands';
import { MAX_TIMER_MS } from '../../src/options/numericOptions';
import { milli } from '../support/milli';

const usage = { code: 2, err: expect.stringMatching(/^error \[INVALID_ARGUMENT\]: /) };
const NETCONF = ['--host', '127.0.0.1', '--user', 'u', '--password-env', 'HOME', '--insecure-accept-host-key'];

// Each bad value is refused before any file, device or lab is touched: the paths named below do not exist.
describe('numeric options are checked against their real range, as usage errors', () => {
  it('discover --concurrency must be a whole number in 1..1024', async () => {
    for (const value of ['abc', '0', '-3', '1.5', '1025']) {
      const run = await milli('discover', '--inventory', '/nonexistent/inventory.json', '--concurrency', value);
      expect(run, value).toMatchObject(usage);
      expect(run.err).toContain(`--concurrency must be a whole number in 1..1024, got '${value}'`);
    }
  });

  it('netconf --rpc-timeout stays inside what a Node timer can wait; --max-message-bytes is a size', async () => {
    const tooLong = await milli('netconf', 'get', ...NETCONF, '--rpc-timeout', '3000000');
    expect(tooLong).toMatchObject(usage);
    expect(tooLong.err).toContain(`--rpc-timeout must be a number of seconds above 0 and at most ${Math.floor(MAX_TIMER_MS / 1000)}`);
    for (const value of ['abc', '0', '-1']) expect(await milli('netconf', 'get', ...NETCONF, '--rpc-timeout', value)).toMatchObject(usage);
    for (const value of ['abc', '12', '1TB']) {
      const run = await milli('netconf', 'get', ...NETCONF, '--max-message-bytes', value);
      expect(run, value).toMatchObject(usage);
      expect(run.err).toContain('--max-message-bytes must be a size in bytes');
    }
  });

  it('path --alternatives and topo generate counts name their range', async () => {
    const alternatives = await milli('path', '--topology', '/nonexistent.yaml', '--from', 'a', '--to', 'b', '--alternatives', '101');
    expect(alternatives).toMatchObject(usage);
    expect(alternatives.err).toContain("--alternatives must be a whole number in 0..100, got '101'");
    const parks = await milli('topo', 'generate', '--dcs', '1', '--important', '2', '--access', '1', '--parks', '1e9', '--radius-km', '10');
    expect(parks).toMatchObject(usage);
    expect(parks.err).toContain("--parks must be a whole number in 0..10000, got '1e9'");
  });

  it('lab fault delay is refused outside the device range 0..600000 ms, and that range is milli-lab.yang`s', async () => {
    const run = await milli('lab', 'fault', 'delay', 'D', '99999999999ms', '--state-dir', '/nonexistent-lab');
    expect(run).toMatchObject(usage);
    expect(run.err).toContain("the delay must be 0..600000 ms, got '99999999999ms'");
    expect(run.out).not.toContain('done');
    const yang = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'yang', 'milli-lab.yang'), 'utf8');
    const range = /rpc delay \{[\s\S]*?range "0 \.\. (\d+)"/.exec(yang)?.[1];
    expect(Number(range)).toBe(LAB_MAX_DELAY_MS);
    const base = await milli('lab', 'up', '/nonexistent.yaml', '--isolation', 'process', '--base-port', '70000');
    expect(base).toMatchObject(usage);
  });
});
