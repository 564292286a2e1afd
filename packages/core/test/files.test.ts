import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectMilliError, tempDir } from '@milli/test-support';
import { describe, expect, it } from 'vitest';
import { readTextFile, writeTextFileAtomic } from '../src/index';

const dir = tempDir('files');
const IS_ROOT = process.getuid?.() === 0;

describe('reading the files a user names', () => {
  it('reads a file within its limit, and refuses one over it naming the size, the limit and the flag', async () => {
    const file = join(dir, 'ten.txt');
    writeFileSync(file, '0123456789');
    expect(readTextFile(file, { maxBytes: 10 })).toBe('0123456789');
    const error = await expectMilliError(() => readTextFile(file, { maxBytes: 9, what: 'topology file' }), 'FILE_TOO_LARGE', {
      file,
      sizeBytes: 10,
      maxBytes: 9,
    });
    expect(error.message).toBe(`topology file ${file} is 10 bytes, over the limit of 9; raise it with --max-file-bytes`);
  });

  it('names a missing file, a directory, and (as a plain user) a file without read permission', async () => {
    await expectMilliError(() => readTextFile(join(dir, 'none.yaml')), 'FILE_NOT_FOUND', { file: join(dir, 'none.yaml') });
    const sub = join(dir, 'a-dir');
    mkdirSync(sub);
    const error = await expectMilliError(() => readTextFile(sub, { what: 'inventory' }), 'FILE_UNREADABLE', { file: sub });
    expect(error.message).toBe(`inventory ${sub} is a directory, not a file`);
    const secret = join(dir, 'secret.json');
    writeFileSync(secret, '{}');
    chmodSync(secret, 0o000);
    if (IS_ROOT) console.log('root reads any file: the permission case is left to a plain user');
    else await expectMilliError(() => readTextFile(secret), 'FILE_UNREADABLE', { file: secret });
  });
});

describe('writing a file whole or not at all', () => {
  it('writes through a temporary file and leaves nothing behind when the directory is missing', async () => {
    const out = join(dir, 'out.yaml');
    writeTextFileAtomic(out, 'a: 1\n');
    expect(readTextFile(out)).toBe('a: 1\n');
    const missing = join(dir, 'no-such-dir', 'out.yaml');
    await expectMilliError(() => writeTextFileAtomic(missing, 'a: 1\n'), 'FILE_NOT_FOUND', { file: missing });
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
