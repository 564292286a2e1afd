import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The project's YANG modules, their example documents and the manifest that says what each document should do. */
export const YANG_DIR = join(import.meta.dirname, '..', '..', 'yang');
export const EXAMPLES_DIR = join(YANG_DIR, 'examples');

export const MODULES = ['milli-types', 'milli-device', 'milli-roadm', 'milli-otn', 'milli-osu', 'milli-lab'] as const;

export type ExampleMode = 'config' | 'config+state' | 'rpc' | 'notification';

export interface ExpectedError {
  /** The data path (or, for a missing mandatory node, the schema path) libyang reports. */
  path: string;
  /** A fragment of libyang's message (the module's error-message for a must). */
  message: string;
  /** The must's error-app-tag, where a must fails. */
  appTag?: string;
}

export interface Example {
  file: string;
  modules: string[];
  mode: ExampleMode;
  valid: boolean;
  covers: string;
  error?: ExpectedError;
  /** yuma123 netconfd's verdict, where it differs from libyang's. */
  netconfd?: { valid: boolean; why: string };
}

const MODES: readonly ExampleMode[] = ['config', 'config+state', 'rpc', 'notification'];

/** Reads manifest.json and checks its shape, so a typo in the manifest fails loudly instead of skipping a document. */
export function loadManifest(): Example[] {
  const raw: unknown = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'manifest.json'), 'utf8'));
  const list = (raw as { examples?: unknown }).examples;
  if (!Array.isArray(list)) throw new Error('manifest.json: "examples" must be an array');
  return list.map((item: unknown, index: number) => {
    const e = item as Partial<Example>;
    const where = `manifest.json examples[${index}]`;
    if (typeof e.file !== 'string') throw new Error(`${where}: "file" must be a string`);
    if (!Array.isArray(e.modules) || e.modules.some((m) => typeof m !== 'string')) throw new Error(`${where} (${e.file}): bad "modules"`);
    if (!MODES.includes(e.mode as ExampleMode)) throw new Error(`${where} (${e.file}): bad "mode" ${String(e.mode)}`);
    if (typeof e.valid !== 'boolean') throw new Error(`${where} (${e.file}): "valid" must be a boolean`);
    if (typeof e.covers !== 'string') throw new Error(`${where} (${e.file}): "covers" must say what the document covers`);
    if (!e.valid && (typeof e.error?.path !== 'string' || typeof e.error?.message !== 'string')) {
      throw new Error(`${where} (${e.file}): an invalid example needs error.path and error.message`);
    }
    if (e.netconfd !== undefined && (typeof e.netconfd.valid !== 'boolean' || typeof e.netconfd.why !== 'string')) {
      throw new Error(`${where} (${e.file}): "netconfd" needs valid and why`);
    }
    return e as Example;
  });
}

/** Every document under yang/examples except the manifest, as paths relative to it. */
export function exampleFiles(dir = EXAMPLES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return exampleFiles(path);
    return name === 'manifest.json' ? [] : [relative(EXAMPLES_DIR, path)];
  });
}

export function formatOf(file: string): 'xml' | 'json' {
  return file.endsWith('.json') ? 'json' : 'xml';
}

export interface LintRecord {
  level: 'err' | 'warn';
  message: string;
  /** The path from `(Data location "...")` or `(Schema location "...")`, when libyang gave one. */
  path?: string;
}

export interface LintResult {
  status: number;
  stdout: string;
  records: LintRecord[];
  stderr: string;
}

export function hasYanglint(): boolean {
  const r = spawnSync('yanglint', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Turns yanglint's stderr into records. libyang prints `libyang err : MESSAGE (Data location "PATH", line number N.)`;
 * the message itself may quote paths, so the location is taken from the last parenthesis.
 */
export function parseYanglintOutput(stderr: string): LintRecord[] {
  const records: LintRecord[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^libyang (err|warn)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const level = m[1] === 'warn' ? 'warn' : 'err';
    const body = m[2] ?? '';
    const loc = /^(.*?)\s*\((?:Data|Schema) location "([^"]*)"(?:, line number \d+)?\.\)$/.exec(body);
    records.push(loc ? { level, message: loc[1] ?? '', path: loc[2] ?? '' } : { level, message: body });
  }
  return records;
}

const TYPE_FOR_MODE: Record<ExampleMode, string> = {
  config: 'config',
  'config+state': 'data',
  rpc: 'rpc',
  notification: 'notif',
};

/** Runs yanglint on the modules alone (schema check) or on one example document. yanglint parses data strictly by default. */
export function yanglint(args: string[]): LintResult {
  const r = spawnSync('yanglint', ['-p', YANG_DIR, ...args], { encoding: 'utf8', timeout: 30_000 });
  const stderr = r.stderr ?? '';
  return { status: r.status ?? -1, stdout: r.stdout ?? '', records: parseYanglintOutput(stderr), stderr };
}

export function lintModules(modules: readonly string[]): LintResult {
  return yanglint(modules.map((m) => join(YANG_DIR, `${m}.yang`)));
}

export function lintExample(example: Example): LintResult {
  return yanglint([
    '-t',
    TYPE_FOR_MODE[example.mode],
    ...example.modules.map((m) => join(YANG_DIR, `${m}.yang`)),
    join(EXAMPLES_DIR, example.file),
  ]);
}

/** The `error-message` strings of every `must` in a module, and its `unique` statements, read from the source. */
export function constraintsOf(module: string): { mustCount: number; mustMessages: string[]; uniques: string[] } {
  const text = readFileSync(join(YANG_DIR, `${module}.yang`), 'utf8');
  const mustMessages = [...text.matchAll(/must\s+"(?:[^"\\]|\\.)*"(?:\s*\+\s*"(?:[^"\\]|\\.)*")*\s*\{\s*error-message\s+"([^"]*)"/g)].map(
    (m) => m[1] ?? '',
  );
  const uniques = [...text.matchAll(/\bunique\s+"([^"]*)"/g)].map((m) => m[1] ?? '');
  const mustCount = [...text.matchAll(/\bmust\s+"/g)].length;
  return { mustCount, mustMessages, uniques };
}
