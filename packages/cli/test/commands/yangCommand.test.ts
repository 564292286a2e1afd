import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, deviceXml, NS } from '../../../yang-ts/test/helpers';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(join(tmpdir(), 'milli-yang-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `milli` as a user would (tsx packages/cli/bin/milli.ts), from the repository root. */
function milli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, ['packages/cli/bin/milli.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('milli yang', () => {
  const badJson = file(
    'bad.json',
    JSON.stringify({
      'milli-test-optical:device': { name: 'r', port: [{ name: 'p1' }], 'cross-connect': [{ channel: 5, from: 'p1', to: 'p1' }] },
    }),
  );
  const state = file(
    'state.xml',
    `<device xmlns="${NS}"><name>r</name>\n<port><name>p1</name><oper-status>up</oper-status></port></device>`,
  );
  // Each run starts a process that loads the whole CLI: start them all at once, assert afterwards.
  const runs = {
    valid: () => milli('yang', 'validate', '--yang-dir', FIXTURES, file('ok.xml', deviceXml())),
    invalid: () => milli('yang', 'validate', '--yang-dir', FIXTURES, '--module', 'milli-test-optical', badJson),
    stateAsConfig: () => milli('yang', 'validate', '--yang-dir', FIXTURES, state),
    stateAsState: () => milli('yang', 'validate', '--yang-dir', FIXTURES, '--mode', 'config+state', state),
    missingModule: () => milli('yang', 'validate', '--yang-dir', FIXTURES, '--module', 'no-such-module', file('x.xml', deviceXml())),
    tree: () => milli('yang', 'tree', '--yang-dir', FIXTURES, 'milli-test-optical'),
  };
  const result = {} as Record<keyof typeof runs, Run>;
  beforeAll(async () => {
    await Promise.all(
      Object.entries(runs).map(async ([name, run]) => {
        result[name as keyof typeof runs] = await run();
      }),
    );
  }, 180_000);

  it('validate prints "valid" and exits 0 for a valid document (XML, every module of the dir)', () => {
    expect(result.valid).toMatchObject({ code: 0, stdout: 'valid\n' });
  });

  it('validate prints each error with its location and exits 3 (JSON, named module)', () => {
    expect(result.invalid.code).toBe(3);
    expect(result.invalid.stdout).toBe(
      `${badJson}: error: a cross-connect cannot loop a port onto itself (path /milli-test-optical:device/cross-connect[channel='5'][from='p1']) [loop]\n`,
    );
  });

  it('validate reports the line of a parse error and accepts --mode', () => {
    expect(result.stateAsConfig.code).toBe(3);
    expect(result.stateAsConfig.stdout).toContain(
      `${state}:2: error: Unexpected data state node "oper-status" found. (path /milli-test-optical:device/port[name='p1']/oper-status)`,
    );
    expect(result.stateAsState).toMatchObject({ code: 0, stdout: 'valid\n' });
  });

  it('validate exits 3 (invalid input) with a clear message when a module cannot be loaded', () => {
    expect(result.missingModule.code).toBe(3);
    expect(result.missingModule.stderr).toContain('YANG_CONTEXT');
    expect(result.missingModule.stderr).toContain('no-such-module');
  });

  it('tree prints the schema tree of a module', () => {
    expect(result.tree.code).toBe(0);
    expect(result.tree.stdout).toMatch(/^module: milli-test-optical\n/);
    expect(result.tree.stdout).toContain('+--rw cross-connect* [channel from]');
  });
});
