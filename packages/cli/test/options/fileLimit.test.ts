import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@milli/test-support';
import { describe, expect, it } from 'vitest';
import { milli } from '../support/milli';

// Every file the command line reads has a limit (raised by --max-file-bytes), and no file error is a stack trace.
const dir = tempDir('cli-files');
const SMALL = ['--dcs', '1', '--important', '2', '--access', '0', '--parks', '0', '--radius-km', '10'];

describe('files the command line reads and writes', () => {
  it('refuses a topology over --max-file-bytes, naming the flag, and reads it once the limit is raised', async () => {
    const metro = join(dir, 'metro.yaml');
    expect((await milli('topo', 'generate', ...SMALL, '--out', metro)).code).toBe(0);
    const small = await milli('path', '--topology', metro, '--from', 'dc-north', '--to', 'dc-north', '--max-file-bytes', '100');
    expect(small.code).toBe(3);
    expect(small.err).toMatch(
      /^error \[FILE_TOO_LARGE\]: topology file .*metro\.yaml is \d+ bytes, over the limit of 100; raise it with --max-file-bytes/,
    );
    const raised = await milli('topo', 'validate', metro, '--max-file-bytes', '10MB');
    expect(raised).toMatchObject({ code: 0, out: expect.stringContaining('ok (3 sites') });
    expect((await milli('topo', 'validate', metro, '--max-file-bytes', 'lots')).err).toMatch(/--max-file-bytes must be a size in bytes/);
  });

  it('bounds YAML aliases: an alias bomb is a clear invalid-input error, not a ReferenceError', async () => {
    const bomb = join(dir, 'bomb.yaml');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(`*${i === 1 ? 'a' : 'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    writeFileSync(bomb, `${levels.join('\n')}\n`);
    for (const run of [
      await milli('path', '--topology', bomb, '--from', 'a', '--to', 'b'),
      await milli('intent', 'check', 'release line L-1', '--topology', bomb),
    ]) {
      expect(run.code, run.err).toBe(3);
      expect(run.err).toMatch(/^error \[TOPOLOGY_INVALID\]: .*aliases expand to more than 1000 nodes/s);
      expect(run.err).not.toContain('ReferenceError');
    }
  });

  it('an importer reports the first problems and how many more, not every one', async () => {
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, Array.from({ length: 500 }, (_, i) => `junk line ${i}`).join('\n'));
    const run = await milli('topo', 'import', '--format', 'sndlib', junk);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/^error \[TOPOLOGY_IMPORT\]: not a usable SNDlib network \(\d+ problem\(s\)\)/);
    expect(run.err).toMatch(/\.\.\. and \d+ more/);
    expect(run.err.split('\n').length).toBeLessThan(30);
  });

  it('--out into a missing directory is one error line and leaves no temporary file', async () => {
    const sndlib = join(import.meta.dirname, '..', '..', '..', 'topology', 'test', 'data', 'mini-germany.sndlib.txt');
    const out = join(dir, 'missing-dir', 'germany.yaml');
    const run = await milli('topo', 'import', '--format', 'sndlib', sndlib, '--out', out);
    expect(run).toMatchObject({
      code: 4,
      err: `error [FILE_NOT_FOUND]: cannot write topology file ${out}: its directory does not exist\n`,
    });
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('intent check --previous that is missing or a directory is an error, not a stack trace', async () => {
    const metro = join(dir, 'metro.yaml');
    const missing = await milli('intent', 'check', 'release line L-1', '--topology', metro, '--previous', join(dir, 'none.json'));
    expect(missing).toMatchObject({
      code: 4,
      err: expect.stringMatching(/^error \[FILE_NOT_FOUND\]: previous compilation .*none\.json does not exist/),
    });
    const directory = await milli('intent', 'check', 'release line L-1', '--topology', metro, '--previous', dir);
    expect(directory).toMatchObject({
      code: 3,
      err: expect.stringMatching(/^error \[FILE_UNREADABLE\]: previous compilation .* is a directory/),
    });
  });
});
