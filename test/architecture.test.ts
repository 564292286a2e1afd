import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Who may import whom (architecture.md, "Layout and who may import whom").
const ALLOWED: Record<string, string[]> = {
  core: [],
  'yang-ts': ['core'],
  'netconf-client': ['core'],
  topology: ['core'],
  drivers: ['core', 'yang-ts', 'netconf-client', 'topology'],
  intent: ['core', 'topology', 'pce'],
  pce: ['core', 'topology'],
  controller: ['core', 'topology', 'drivers', 'intent', 'pce'],
  api: ['core', 'topology', 'intent', 'pce', 'controller', 'indicators'],
  indicators: ['core', 'topology', 'pce', 'intent'],
  cli: ['core', 'yang-ts', 'netconf-client', 'topology', 'drivers', 'intent', 'pce', 'controller', 'api', 'indicators', 'console', 'lab'],
  // The web console runs in a browser and speaks to the controller only through the HTTP API: it imports nothing of ours.
  console: [],
  lab: ['core', 'yang-ts', 'netconf-client', 'topology'],
};

const root = join(import.meta.dirname, '..');
const dirOf = (pkg: string) => (pkg === 'lab' ? join(root, 'lab') : join(root, 'packages', pkg));

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
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
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
