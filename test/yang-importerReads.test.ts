import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_EXISTENCE_READS } from '@milli/drivers';
import { YangContext } from '@milli/yang-ts';
import { describe, expect, it } from 'vitest';
import { YANG_DIR } from './support/yangExamples';

// Change sets skip validating an importing module's data after an edit of a module it imports when its constraints
// read that module only to find entries by key and the edit removes no entry (drivers ENTRY_EXISTENCE_READS). That is
// sound only while the importer's YANG says so: these tests read each declared importer's source and require every
// mention of the imported module's prefix to be one of those lookups, and no XPath that reaches other modules' data
// without naming their prefix.

/** The module's text without comments (a comment may name anything). */
function sourceOf(module: string): string {
  return readFileSync(join(YANG_DIR, `${module}.yang`), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

/** Each XPath argument (must, when, path) with its statement, `+`-joined strings joined. */
function xpathsOf(text: string): { keyword: string; expression: string; at: number; end: number }[] {
  const statement = /\b(must|when|path)\s+("(?:[^"\\]|\\.)*"(?:\s*\+\s*"(?:[^"\\]|\\.)*")*)/g;
  return [...text.matchAll(statement)].map((m) => ({
    keyword: m[1]!,
    expression: [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1]).join(''),
    at: m.index,
    end: m.index + m[0].length,
  }));
}

/** `/p:a/p:b/p:c` for the list `module:a/b/c` as edits name it. */
function prefixedPath(list: string, prefix: string): string {
  const [, ...rest] = list.split(':');
  return `/${rest
    .join(':')
    .split('/')
    .map((step) => `${prefix}:${step}`)
    .join('/')}`;
}

const declared = Object.entries(ENTRY_EXISTENCE_READS).flatMap(([importer, reads]) =>
  Object.entries(reads).map(([imported, lists]) => ({ importer, imported, lists })),
);

describe('modules an importer reads only for whether entries exist (ENTRY_EXISTENCE_READS)', () => {
  it('declares milli-osu reading milli-otn for its ODUs', () => {
    expect(declared).toEqual([{ importer: 'milli-osu', imported: 'milli-otn', lists: ['milli-otn:otn/odus/odu'] }]);
  });

  it.each(declared)(
    '$importer names $imported only in lookups of an entry by its key, or leafrefs that require no instance',
    ({ importer, imported, lists }) => {
      const text = sourceOf(importer);
      const prefix = new RegExp(`\\bimport\\s+${imported}\\s*\\{\\s*prefix\\s+([\\w-]+);`).exec(text)?.[1];
      expect(prefix, `${importer} imports ${imported}`).toBeDefined();
      const mentions = [...text.matchAll(new RegExp(`\\b${prefix}:`, 'g'))].map((m) => m.index);
      const lookups = new Set(lists.map((list) => `${prefixedPath(list, prefix!)}[${prefix}:name = current()]`));
      const leafrefPaths = new Set(lists.map((list) => `${prefixedPath(list, prefix!)}/${prefix}:name`));
      const allowed: { at: number; end: number }[] = [];
      for (const xpath of xpathsOf(text)) {
        if (!xpath.expression.includes(`${prefix}:`)) continue;
        if (xpath.keyword === 'must') {
          expect(lookups, `${importer}: must "${xpath.expression}"`).toContain(xpath.expression);
        } else {
          expect(xpath.keyword, `${importer}: ${xpath.keyword} "${xpath.expression}"`).toBe('path');
          expect(leafrefPaths).toContain(xpath.expression);
          // The leafref's body: nothing but the path and require-instance false (an instance required is a read).
          const body = text.slice(xpath.end, text.indexOf('}', xpath.end));
          expect(body.replace(/\s+/g, ' ').trim(), `${importer}: leafref to ${xpath.expression}`).toBe('; require-instance false;');
        }
        allowed.push(xpath);
      }
      // No other mention: a typedef, a grouping or an identity of the imported module could read its data.
      const elsewhere = mentions.filter((at) => !allowed.some((x) => at >= x.at && at < x.end));
      expect(elsewhere.map((at) => text.slice(at - 40, at + 40))).toEqual([]);
      expect(allowed.length).toBeGreaterThan(0);
    },
  );

  it.each(declared)(
    '$importer reads $imported through no other module it imports (a grouping or typedef of one)',
    ({ importer, imported }) => {
      const ctx = new YangContext({ searchDirs: [YANG_DIR] });
      try {
        const imports = [...sourceOf(importer).matchAll(/\bimport\s+([\w-]+)\s*\{/g)].map((m) => m[1]!);
        // Loaded, so implemented: modulesDependingOn names implemented modules only.
        for (const name of [importer, ...imports]) ctx.loadModule(name);
        expect(imports).toContain(imported);
        const readers = ctx.modulesDependingOn([imported]);
        expect(imports.filter((name) => name !== imported && readers.includes(name))).toEqual([]);
      } finally {
        ctx.dispose();
      }
    },
  );

  it.each(declared)('$importer has no XPath reaching data without naming its module (deref, //, a root wildcard)', ({ importer }) => {
    const unnamed = xpathsOf(sourceOf(importer))
      .map((x) => x.expression)
      .filter((e) => /deref\s*\(|\/\/|(^|[\s(|])\/\*/.test(e));
    expect(unnamed).toEqual([]);
  });
});
