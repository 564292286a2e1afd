import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dirOf = (pkg: string) => (pkg === 'lab' ? join(root, 'lab') : join(root, 'packages', pkg));

/**
 * Who may import whom, read from the table in docs/architecture.md ("Who may import whom"), so that the document
 * and this test are one rule: `| \`pkg\` | folder | what | \`a\`, \`b\` or "nothing of ours" | state |`.
 */
function allowedFromDoc(): Record<string, string[]> {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Who may import whom'));
  if (section === undefined) throw new Error('docs/architecture.md has no "Who may import whom" section');
  const allowed: Record<string, string[]> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([\w-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name === undefined || cells.length < 6) continue;
    const may = cells[4] ?? '';
    allowed[name] = may === 'nothing of ours' ? [] : [...may.matchAll(/`([\w-]+)`/g)].map((m) => m[1] ?? '');
  }
  return allowed;
}

const ALLOWED = allowedFromDoc();
const existing = Object.keys(ALLOWED).filter((pkg) => existsSync(join(dirOf(pkg), 'package.json')));

describe('docs/architecture.md names every package', () => {
  it('has a row for every package folder, and every row names only packages of the table', () => {
    const folders = [
      ...readdirSync(join(root, 'packages')).filter((name) => existsSync(join(root, 'packages', name, 'package.json'))),
      'lab',
    ];
    expect(folders.filter((name) => !(name in ALLOWED))).toEqual([]);
    const unknown = Object.entries(ALLOWED).flatMap(([pkg, may]) => may.filter((m) => !(m in ALLOWED)).map((m) => `${pkg} → ${m}`));
    expect(unknown).toEqual([]);
    // The planned packages have their rule before they have a folder.
    expect(ALLOWED.console).toEqual([]);
    expect(ALLOWED.indicators).toEqual(['core', 'topology', 'pce', 'intent']);
    expect(ALLOWED.api).toContain('controller');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

describe('package import graph', () => {
  for (const pkg of existing) {
    const allowed = ALLOWED[pkg] ?? [];
    it(`${pkg} imports only ${allowed.join(', ') || 'nothing of ours'}`, () => {
      const manifest = JSON.parse(readFileSync(join(dirOf(pkg), 'package.json'), 'utf8'));
      const declared = Object.keys(manifest.dependencies ?? {})
        .filter((d) => d.startsWith('@milli/'))
        .map((d) => d.slice('@milli/'.length));
      expect(declared.filter((d) => !allowed.includes(d))).toEqual([]);

      const violations: string[] = [];
      for (const file of sourceFiles(join(dirOf(pkg), 'src'))) {
        for (const spec of importsOf(file)) {
          const where = relative(root, file);
          if (spec.startsWith('@milli/')) {
            const [, name, ...rest] = spec.split('/');
            if (!allowed.includes(name ?? '')) violations.push(`${where}: ${spec} is not allowed`);
            if (rest.length > 0) violations.push(`${where}: ${spec} is a deep import`);
          } else if (spec.startsWith('.') && /(^|\/)(packages|lab)\//.test(join(relative(root, file), '..', spec))) {
            const target = relative(root, join(file, '..', spec));
            if (!target.startsWith(relative(root, dirOf(pkg)))) violations.push(`${where}: ${spec} reaches into another package`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
