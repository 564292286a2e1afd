import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MILLI_REVISIONS } from '@milli/drivers';
import { YangContext, YangError, type YangErrorRecord } from '@milli/yang-ts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  constraintsOf,
  EXAMPLES_DIR,
  type Example,
  exampleFiles,
  formatOf,
  hasYanglint,
  lintExample,
  lintModules,
  loadManifest,
  MODULES,
  YANG_DIR,
  yanglint,
} from './support/yangExamples';
import { hasNetconfd, NetconfdDryRun } from './support/yangNetconfd';

// The project's YANG modules (yang/*.yang) and their example documents (yang/examples, described by manifest.json):
// every module passes yanglint with no warning, every document gets the verdict the manifest states from both yanglint
// and yang-ts, and every invalid one fails at the expected path.

const yanglintPresent = hasYanglint();
if (!yanglintPresent) console.warn('yang-modules.test: yanglint not found (Debian package libyang2-tools); skipping the yanglint checks');

const netconfdPresent = hasNetconfd();
if (!netconfdPresent)
  console.warn('yang-modules.test: /usr/sbin/netconfd not found (Debian package netconfd); skipping the netconfd portability checks');

const examples = loadManifest();
// yanglint runs once per document; both halves compare against the same result.
const lintCache = new Map<string, ReturnType<typeof lintExample>>();
const lint = (e: Example) => {
  let result = lintCache.get(e.file);
  if (!result) {
    result = lintExample(e);
    lintCache.set(e.file, result);
  }
  return result;
};
const label = (e: Example) => `${e.file} (${e.mode}, ${e.valid ? 'valid' : 'invalid'})`;

describe('module sources', () => {
  it.each(MODULES)('%s is YANG 1.1 with the milli namespace, its prefix, and the newest revision the drivers know', (name) => {
    const text = readFileSync(join(YANG_DIR, `${name}.yang`), 'utf8');
    expect(text).toMatch(new RegExp(`^module ${name} \\{`));
    expect(text).toMatch(/\n\s*yang-version 1\.1;/);
    expect(text).toContain(`namespace "urn:milli:yang:${name}";`);
    const prefixes: Record<string, string> = {
      'milli-types': 'mt',
      'milli-device': 'mdev',
      'milli-roadm': 'mroadm',
      'milli-otn': 'motn',
      'milli-osu': 'mosu',
      'milli-lab': 'mlab',
    };
    expect(text).toMatch(new RegExp(`\\n  prefix ${prefixes[name]};`));
    expect(text).toMatch(/\n {2}revision 2026-11-26 \{/);
    // Newest first (RFC 7950 7.1.9): what a device announces, and what the drivers score as the revision they know.
    const newest = text.match(/\n {2}revision (\d{4}-\d{2}-\d{2}) \{/)?.[1];
    expect(newest).toBe(MILLI_REVISIONS[name] ?? '2026-11-26');
  });

  it.each(MODULES)('%s writes every range with spaces around ".." (yuma123 netconfd rejects "-30.00..10.00")', (name) => {
    const text = readFileSync(join(YANG_DIR, `${name}.yang`), 'utf8');
    const ranges = [...text.matchAll(/\b(?:range|length)\s+"([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(ranges.filter((r) => /\S\.\.|\.\.\S/.test(r))).toEqual([]);
    if (name === 'milli-types') expect(ranges).toContain('-30.00 .. 10.00');
  });

  it.each(MODULES)('%s gives every must an error-message, and each must and unique is exercised by an invalid example', (name) => {
    const { mustCount, mustMessages, uniques } = constraintsOf(name);
    expect(mustMessages).toHaveLength(mustCount);
    const expectedMessages = examples.filter((e) => !e.valid).map((e) => e.error?.message ?? '');
    const untested = mustMessages.filter((msg) => !expectedMessages.some((m) => msg.includes(m) || m.includes(msg)));
    expect(untested).toEqual([]);
    const untestedUniques = uniques.filter((u) => !expectedMessages.some((m) => m.includes(`Unique data leaf(s) "${u}"`)));
    expect(untestedUniques).toEqual([]);
  });
});

describe('manifest', () => {
  it('lists every document under yang/examples exactly once, and nothing that is not there', () => {
    const listed = examples.map((e) => e.file).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(exampleFiles().sort());
    for (const e of examples) expect(existsSync(join(EXAMPLES_DIR, e.file)), e.file).toBe(true);
  });

  it('names only the project modules and has valid and invalid documents for each', () => {
    for (const e of examples)
      expect(
        e.modules.filter((m) => !(MODULES as readonly string[]).includes(m)),
        e.file,
      ).toEqual([]);
    for (const name of MODULES.filter((m) => m !== 'milli-types')) {
      const own = examples.filter((e) => e.modules.at(-1) === name);
      expect(
        own.some((e) => e.valid),
        `${name} has a valid example`,
      ).toBe(true);
      expect(
        own.some((e) => !e.valid),
        `${name} has an invalid example`,
      ).toBe(true);
    }
    expect(examples.some((e) => formatOf(e.file) === 'json')).toBe(true);
    expect(examples.some((e) => e.mode === 'config+state')).toBe(true);
  });
});

describe.skipIf(!yanglintPresent)('yanglint', () => {
  it.each(MODULES)('%s loads with no error and no warning', (name) => {
    const result = lintModules([name]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('all six modules load together with no error and no warning', () => {
    const result = lintModules(MODULES);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(examples.map((e) => [label(e), e] as const))('%s', (_name, example) => {
    const result = lint(example);
    if (example.valid) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return;
    }
    expect(result.status).not.toBe(0);
    const first = result.records.find((r) => r.level === 'err');
    expect(first, result.stderr).toBeDefined();
    expect(first?.path).toBe(example.error?.path);
    expect(first?.message).toContain(example.error?.message);
  });
});

// The NETCONF-client interop tests run against yuma123 netconfd with these modules: they must load there, and netconfd must
// judge each configuration document as libyang does (or as the manifest's "netconfd" note says, with the reason).
describe.skipIf(!netconfdPresent)('yuma123 netconfd', () => {
  const dryRun = netconfdPresent ? new NetconfdDryRun() : undefined;
  afterAll(() => dryRun?.dispose());

  it.each(MODULES)('%s loads', (name) => {
    const verdict = dryRun!.check([name]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.loaded).toBe(true);
  });

  it('all six modules load together', () => {
    const verdict = dryRun!.check(MODULES);
    expect(verdict.errors).toEqual([]);
    expect(verdict.loaded).toBe(true);
  });

  const startupDocs = examples.filter((e) => e.mode === 'config' && formatOf(e.file) === 'xml');
  it.each(startupDocs.map((e) => [label(e), e] as const))('startup config %s', (_name, example) => {
    const verdict = dryRun!.check(example.modules, example.file);
    expect(verdict.loaded, verdict.errors.join('; ')).toBe(example.netconfd?.valid ?? example.valid);
  });
});

describe('yang-ts', () => {
  // One context per module set, as a device would have; contexts are freed at the end.
  const contexts = new Map<string, YangContext>();
  const contextFor = (modules: string[]): YangContext => {
    const key = modules.join(' ');
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = new YangContext({ searchDirs: [YANG_DIR] });
      for (const m of modules) ctx.loadModule(m);
      contexts.set(key, ctx);
    }
    return ctx;
  };
  afterAll(() => {
    for (const ctx of contexts.values()) ctx.dispose();
  });

  const parse = (example: Example): YangErrorRecord[] => {
    const ctx = contextFor(example.modules);
    const text = readFileSync(join(EXAMPLES_DIR, example.file), 'utf8');
    const format = formatOf(example.file);
    try {
      const tree =
        example.mode === 'rpc' || example.mode === 'notification'
          ? ctx.parseOperation(text, { format, kind: example.mode })
          : ctx.parseData(text, { format, mode: example.mode });
      tree.dispose();
      return [];
    } catch (err) {
      if (!(err instanceof YangError)) throw err;
      return err.records.length > 0
        ? err.records
        : [{ level: 'error', code: -1, validationCode: 0, validationCodeName: '', message: err.message }];
    }
  };

  it.each(MODULES)('%s loads by name from yang/ and its tree shows the same top-level nodes as yanglint', (name) => {
    const ctx = contextFor([name]);
    const tree = ctx.printTree(name);
    expect(tree).toMatch(new RegExp(`^module: ${name}`));
    // Only the top level is compared: yang-ts prints groupings unexpanded ("-u alarm-fields") where yanglint expands them.
    const topLevel = (text: string) => [...text.matchAll(/^ {2}\+--(?:rw|ro) (\S+)/gm)].map((m) => m[1]);
    if (yanglintPresent) expect(topLevel(tree)).toEqual(topLevel(yanglint(['-f', 'tree', join(YANG_DIR, `${name}.yang`)]).stdout));
  });

  it.each(examples.map((e) => [label(e), e] as const))('%s', (_name, example) => {
    const records = parse(example).filter((r) => r.level === 'error');
    if (example.valid) {
      expect(records).toEqual([]);
      return;
    }
    const first = records[0];
    expect(first, 'yang-ts accepted an invalid document').toBeDefined();
    expect(first?.dataPath ?? first?.schemaPath).toBe(example.error?.path);
    expect(first?.message).toContain(example.error?.message);
    expect(first?.appTag).toBe(example.error?.appTag);
    if (yanglintPresent) {
      // Same library underneath: the same first record, word for word.
      const lintFirst = lint(example).records.find((r) => r.level === 'err');
      expect(first?.message).toBe(lintFirst?.message);
      expect(first?.dataPath ?? first?.schemaPath).toBe(lintFirst?.path);
    }
  });
});
