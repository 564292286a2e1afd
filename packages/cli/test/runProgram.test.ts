import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeExitStatuses, EXIT_STATUS, MilliError } from '@milli/core';
import { captureOutput, tempDir } from '@milli/test-support';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../src/errors/runAction';
import { runProgram } from '../src/runProgram';
import { milli } from './support/milli';

const dir = tempDir('cli-policy');
afterEach(() => {
  delete process.env.MILLI_DEBUG;
});

/** A program with one command whose action throws `error`, run under the policy. */
async function failingWith(error: unknown): Promise<{ code: number; err: string }> {
  const program = new Command('milli');
  program.command('boom').action(
    runAction(() => {
      throw error;
    }),
  );
  const { result, err } = await captureOutput(() => runProgram(program, ['node', 'milli', 'boom']));
  return { code: result, err };
}

describe('the one error and exit policy of the command line', () => {
  it('prints `error [CODE]: message (at location)` and exits with the status of the code', async () => {
    const error = new MilliError('TOPOLOGY_INVALID', 'the topology has 1 problem', { file: 'metro.yaml', line: 3 });
    expect(await failingWith(error)).toEqual({
      code: EXIT_STATUS['invalid-input'],
      err: 'error [TOPOLOGY_INVALID]: the topology has 1 problem (at metro.yaml:3)\n',
    });
    // A message that names its place already is not told it twice.
    const named = new MilliError('LAB_START', 'device D-1 did not start', { device: 'D-1' });
    expect((await failingWith(named)).err).toBe('error [LAB_START]: device D-1 did not start\n');
    expect((await failingWith(new MilliError('NETCONF_CONNECT', 'refused', { host: '127.0.0.1', port: 830 }))).err).toBe(
      'error [NETCONF_CONNECT]: refused (at 127.0.0.1:830)\n',
    );
  });

  it('reports anything that is not a MilliError as INTERNAL in one line, the stack only with MILLI_DEBUG=1', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const quiet = await failingWith(bug);
    expect(quiet.code).toBe(EXIT_STATUS.internal);
    expect(quiet.err.trimEnd().split('\n')).toEqual([
      "error [INTERNAL]: Cannot read properties of undefined (reading 'x') (a bug in milli; MILLI_DEBUG=1 shows where)",
    ]);
    process.env.MILLI_DEBUG = '1';
    const debug = await failingWith(bug);
    expect(debug.err).toContain('at ');
    expect(debug.err).toContain('runProgram.test.ts');
  });

  it('answers an unknown flag with one line that points to --help, exit 2', async () => {
    const run = await milli('path', '--topology', 'x.yaml', '--from', 'a', '--to', 'b', '--protected');
    expect(run.code).toBe(2);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^error \[INVALID_ARGUMENT\]: unknown option '--protected'.* \(see 'milli path --help'\)\n$/);
    const missing = await milli('lab', 'fault', 'crash');
    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^error \[INVALID_ARGUMENT\]: missing required argument 'device'/),
    });
  });

  it('`milli --help` lists the exit statuses and exits 0', async () => {
    const run = await milli('--help');
    expect(run.code).toBe(0);
    for (const line of describeExitStatuses()) expect(run.out).toContain(line);
  });

  it('gives the same status for the same kind of failure in every command', async () => {
    const topology = join(dir, 'nothing-here.yaml');
    const missingFile = [
      await milli('path', '--topology', topology, '--from', 'a', '--to', 'b'),
      await milli('intent', 'check', 'release line L-1', '--topology', topology),
      await milli('topo', 'validate', topology),
      await milli('discover', '--inventory', topology),
      await milli('yang', 'validate', join(dir, 'doc.xml'), '--yang-dir', dir),
    ];
    for (const run of missingFile) expect(run, run.err).toMatchObject({ code: EXIT_STATUS['not-found'] });
    const usage = [
      await milli('netconf', 'hello', '--host', 'h'),
      await milli('path', '--topology', topology, '--from', 'a', '--to', 'b', '--alternatives', 'many'),
      await milli('discover', '--inventory', topology, '--concurrency', '0'),
      await milli('yang', 'validate', join(dir, 'doc.txt'), '--yang-dir', dir),
    ];
    for (const run of usage)
      expect(run, run.err).toMatchObject({ code: EXIT_STATUS.usage, err: expect.stringMatching(/^error \[INVALID_ARGUMENT\]/) });
  });

  it('never prints a stack trace for a file that is a directory or unreadable JSON', async () => {
    const previous = join(dir, 'previous.json');
    writeFileSync(previous, '{ not json');
    for (const file of [dir, previous]) {
      const run = await milli('intent', 'check', 'release line L-1', '--topology', file, '--previous', previous);
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(run.err).toMatch(/^error \[[A-Z_]+\]: /);
    }
  });
});
