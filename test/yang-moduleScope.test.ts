import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DataTree, YangContext } from '@milli/yang-ts';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, type Example, formatOf, loadManifest, YANG_DIR } from './support/yangExamples';

// A change set validates only the modules its edits changed and those depending on them (yang-ts validateModules with
// YangContext.modulesDependingOn), on a base the device holds as valid. These tests hold that scoped check to the full
// one on every config example of yang/examples: whenever the base is valid, both give the same verdict.

const ctx = new YangContext({ searchDirs: [YANG_DIR] });
for (const name of ['milli-device', 'milli-roadm', 'milli-otn', 'milli-osu', 'milli-lab']) ctx.loadModule(name);
afterAll(() => ctx.dispose());

const configExamples = loadManifest().filter((e) => e.mode === 'config');

function parse(example: Example): DataTree {
  const text = readFileSync(join(EXAMPLES_DIR, example.file), 'utf8');
  return ctx.parseData(text, { format: formatOf(example.file), mode: 'config', validate: false });
}

/** Top-level data of each module in the tree, as XPaths that select it. */
function topLevelByModule(tree: DataTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const root of tree.roots()) out.set(root.module, [...(out.get(root.module) ?? []), `/${root.module}:${root.name}`]);
  return out;
}

/** 'valid' or 'invalid' (which error comes first depends on the order modules are validated in). */
function verdict(run: () => void): 'valid' | 'invalid' {
  try {
    run();
    return 'valid';
  } catch {
    return 'invalid';
  }
}

/** Whether the document parses: type errors (a bad enum, a value out of range) are caught when the edit is parsed. */
function parses(example: Example): boolean {
  try {
    parse(example).dispose();
    return true;
  } catch {
    return false;
  }
}

/** The tree without `module`'s top-level data. */
function without(tree: DataTree, paths: string[]): DataTree {
  const copy = tree.duplicate();
  for (const path of paths) copy.remove(path);
  return copy;
}

describe('validating the modules a change touched, and those depending on them', () => {
  it('names the modules that import a changed one, directly or not', () => {
    expect(ctx.modulesDependingOn(['milli-osu'])).toEqual(['milli-osu']);
    expect(ctx.modulesDependingOn(['milli-otn'])).toEqual(['milli-osu', 'milli-otn']);
    expect(ctx.modulesDependingOn(['milli-device'])).toEqual(
      expect.arrayContaining(['milli-device', 'milli-otn', 'milli-osu', 'milli-roadm']),
    );
    expect(ctx.modulesDependingOn(['milli-types'])).toEqual(expect.arrayContaining(['milli-device', 'milli-osu']));
    expect(ctx.modulesDependingOn(['no-such-module'])).toEqual([]);
  });

  const invalid = configExamples.filter((e) => !e.valid && parses(e));
  it.each(invalid.map((e) => [e.file, e] as const))(
    '%s: adding any one module to a valid rest is rejected as a full validation rejects it',
    (_, example) => {
      const tree = parse(example);
      let checked = 0;
      try {
        const full = verdict(() => tree.duplicate().validate('config'));
        expect(full).toBe('invalid');
        for (const [module, paths] of topLevelByModule(tree)) {
          const base = without(tree, paths);
          const baseValid = verdict(() => base.validate('config')) === 'valid';
          base.dispose();
          if (!baseValid) continue;
          const copy = tree.duplicate();
          expect(verdict(() => copy.validateModules(ctx.modulesDependingOn([module]), 'config'))).toBe('invalid');
          copy.dispose();
          checked++;
        }
      } finally {
        tree.dispose();
      }
      // Every invalid document has a part whose removal leaves a valid rest: the check above ran at least once.
      expect(checked).toBeGreaterThan(0);
    },
  );

  const valid = configExamples.filter((e) => e.valid);
  it.each(valid.map((e) => [e.file, e] as const))('%s: removing any one module gives the verdict a full validation gives', (_, example) => {
    const tree = parse(example);
    try {
      tree.validate('config');
      for (const [module, paths] of topLevelByModule(tree)) {
        const rest = without(tree, paths);
        const copy = rest.duplicate();
        const edited = rest.duplicate();
        const full = verdict(() => rest.validate('config'));
        expect(verdict(() => copy.validateModules(ctx.modulesDependingOn([module]), 'config'))).toBe(full);
        // The device's way: the edited copy against the valid datastore it came from, the changed modules by diff.
        expect(verdict(() => edited.validateAgainst(tree, 'config'))).toBe(full);
        expect(edited.isValid('config')).toBe(full === 'valid');
        for (const t of [rest, copy, edited]) t.dispose();
      }
    } finally {
      tree.dispose();
    }
  });
});

describe('validateAgainst: an edited copy of a valid datastore', () => {
  const example = configExamples.find((e) => e.file === 'osu/valid-config.xml')!;

  it('is valid without validating when nothing changed, and after a good edit', () => {
    const base = parse(example);
    base.validate('config');
    const same = base.duplicate();
    same.remove("/milli-osu:osu/connections/connection[name='no-such']");
    same.validateAgainst(base, 'config');
    expect(same.isValid('config')).toBe(true);
    const edited = base.duplicate();
    const [conn] = edited.find('/milli-osu:osu/connections/connection');
    edited.newPath(`${conn!.path}/bandwidth-kbps`, '4000', { update: true });
    expect(edited.isValid('config')).toBe(false);
    edited.validateAgainst(base, 'config');
    expect(edited.isValid('config')).toBe(true);
    for (const t of [base, same, edited]) t.dispose();
  });

  it('refuses an edit breaking its own module, or a module depending on the one it changed', () => {
    const base = parse(example);
    base.validate('config');
    const granularity = base.duplicate();
    const [conn] = granularity.find('/milli-osu:osu/connections/connection');
    const clientPort = conn!.children().find((c) => c.name === 'client-port')!.value!;
    granularity.newPath(`${conn!.path}/bandwidth-kbps`, '3000', { update: true });
    expect(() => granularity.validateAgainst(base, 'config')).toThrow(/steps of 2000/);
    // A milli-device edit (the connection's client port goes) breaks milli-osu's client-port must.
    const port = base.duplicate();
    port.remove(`/milli-device:device/ports/port[name='${clientPort}']`);
    expect(() => port.validateAgainst(base, 'config')).toThrow(/starts at a port of kind 'client' of this device/);
    expect(port.isValid('config')).toBe(false);
    for (const t of [base, granularity, port]) t.dispose();
  });

  it('with the changed modules given (those of the edit), gives the verdicts the diff gives, and vouches for the copy alike', () => {
    const base = parse(example);
    base.validate('config');
    const [conn] = base.find('/milli-osu:osu/connections/connection');
    const clientPort = conn!.children().find((c) => c.name === 'client-port')!.value!;
    const edits: [string, (t: DataTree) => void][] = [
      ['bandwidth on the step', (t) => t.newPath(`${conn!.path}/bandwidth-kbps`, '4000', { update: true })],
      ['bandwidth off the step', (t) => t.newPath(`${conn!.path}/bandwidth-kbps`, '3000', { update: true })],
      ['client port removed', (t) => t.remove(`/milli-device:device/ports/port[name='${clientPort}']`)],
    ];
    const changedBy = {
      'bandwidth on the step': 'milli-osu',
      'bandwidth off the step': 'milli-osu',
      'client port removed': 'milli-device',
    };
    const verdicts = edits.map(([what, edit]) => {
      const [byDiff, byEdit] = [base.duplicate(), base.duplicate()];
      edit(byDiff);
      edit(byEdit);
      const changed = [changedBy[what as keyof typeof changedBy]];
      const pair = [
        verdict(() => byDiff.validateAgainst(base, 'config')),
        verdict(() => byEdit.validateAgainst(base, 'config', { changed })),
      ];
      expect(byEdit.isValid('config'), what).toBe(pair[1] === 'valid');
      for (const t of [byDiff, byEdit]) t.dispose();
      return pair;
    });
    expect(verdicts).toEqual([
      ['valid', 'valid'],
      ['invalid', 'invalid'],
      ['invalid', 'invalid'],
    ]);
    base.dispose();
  });

  it('validates the whole copy when the datastore it came from was not known valid', () => {
    const base = parse(example); // parsed without validation, and broken: an ODU's line port is gone
    base.remove("/milli-device:device/ports/port[name='line-1']");
    const copy = base.duplicate();
    const [conn] = copy.find('/milli-osu:osu/connections/connection');
    copy.newPath(`${conn!.path}/bandwidth-kbps`, '4000', { update: true });
    // Only milli-osu differs, but nothing vouches for the rest: the whole copy is validated and the ODU refused.
    expect(() => copy.validateAgainst(base, 'config')).toThrow(/milli-otn/);
    expect(copy.isValid('config')).toBe(false);
    for (const t of [base, copy]) t.dispose();
  });
});
