import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each package declares exactly the third-party packages its src/ imports (in dependencies), and its tests and
// benchmarks find theirs in devDependencies (the package's own or the root's). A failure says what to add or remove.
const root = join(import.meta.dirname, '..');
const rootManifest = manifest(root);
const rootDev = new Set(Object.keys(rootManifest.devDependencies ?? {}));

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const BUILTIN = new Set(builtinModules);

/** The third-party packages a set of files imports (static, type-only and dynamic), each with a file that does. */
function thirdPartyImports(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g),
      ...text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] ?? '');
    for (const spec of specs) {
      if (spec.startsWith('.') || spec.startsWith('node:') || spec.startsWith('@milli/') || BUILTIN.has(spec.split('/')[0] ?? '')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
      if (!found.has(name)) found.set(name, relative(root, file));
    }
  }
  return found;
}

const packageDirs = [...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)), join(root, 'lab')].filter((dir) =>
  existsSync(join(dir, 'package.json')),
);

/** Declared packages that only carry types for a declared runtime package (`@types/ssh2` for `ssh2`). */
const typesOf = (name: string) => (name.startsWith('@types/') ? name.slice('@types/'.length) : undefined);

describe('package manifests match what the code imports', () => {
  for (const dir of packageDirs) {
    const pkg = manifest(dir);
    const where = relative(root, join(dir, 'package.json'));

    it(`${pkg.name}: dependencies are exactly what src/ imports`, () => {
      const imported = thirdPartyImports(filesUnder(join(dir, 'src')));
      const declared = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@milli/'));
      const allDeclared = [...declared, ...Object.keys(pkg.devDependencies ?? {})];
      // A types-only package (`geojson`) is satisfied by its `@types/` package, which the type check alone needs.
      const problems = [
        ...[...imported]
          .filter(([name]) => !declared.includes(name) && !allDeclared.includes(`@types/${name}`))
          .map(([name, file]) => `add "${name}" to dependencies of ${where} (${file} imports it)`),
        ...declared
          .filter((name) => !imported.has(name))
          .map((name) => `remove "${name}" from dependencies of ${where}: nothing in its src/ imports it`),
      ];
      expect(problems).toEqual([]);
    });

    it(`${pkg.name}: devDependencies are used by its tests, benchmarks or type checks, and cover them`, () => {
      const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
      const srcImports = thirdPartyImports(filesUnder(join(dir, 'src')));
      const dev = Object.keys(pkg.devDependencies ?? {}).filter((d) => !d.startsWith('@milli/'));
      // A package's build tool configuration (vite.config.ts) counts with its tests: both run at build or test time only.
      const configs = readdirSync(dir)
        .filter((name) => /\.config\.(ts|mts|js|mjs)$/.test(name))
        .map((name) => join(dir, name));
      const testImports = thirdPartyImports([...filesUnder(join(dir, 'test')), ...filesUnder(join(dir, 'bin')), ...configs]);
      const problems = [
        ...[...testImports]
          .filter(([name]) => !runtime.has(name) && !dev.includes(name) && !rootDev.has(name))
          .map(([name, file]) => `add "${name}" to devDependencies of ${where} or of the root package.json (${file} imports it)`),
        ...dev
          .filter((name) => {
            const typed = typesOf(name);
            return (
              !testImports.has(name) && !(typed !== undefined && (runtime.has(typed) || srcImports.has(typed) || testImports.has(typed)))
            );
          })
          .map((name) => `remove "${name}" from devDependencies of ${where}: no test imports it and it types no dependency`),
      ];
      expect(problems).toEqual([]);
    });
  }

  it('the root declares what demo/, bench/, scripts/ and test/ import, and nothing else third-party', () => {
    const test = manifest(join(root, 'test'));
    const testDeclared = new Set([...Object.keys(test.dependencies ?? {}), ...Object.keys(test.devDependencies ?? {})]);
    const rootDeclared = new Set([...Object.keys(rootManifest.dependencies ?? {}), ...rootDev]);
    const used = thirdPartyImports(['demo', 'bench', 'scripts'].flatMap((d) => filesUnder(join(root, d))));
    const testUsed = thirdPartyImports(filesUnder(join(root, 'test')));
    const problems = [
      ...[...used]
        .filter(([name]) => !rootDeclared.has(name))
        .map(([name, file]) => `add "${name}" to the root package.json (${file} imports it)`),
      ...[...testUsed]
        .filter(([name]) => !testDeclared.has(name) && !rootDev.has(name))
        .map(([name, file]) => `add "${name}" to devDependencies of test/package.json (${file} imports it)`),
      ...[...testDeclared]
        .filter((name) => !name.startsWith('@milli/') && !testUsed.has(name))
        .map((name) => `remove "${name}" from test/package.json: nothing in test/ imports it`),
    ];
    // Root devDependencies serve every package's tests and the tools (biome, tsx, typescript, vitest, @types/*).
    const tools = new Set(['@biomejs/biome', 'tsx', 'typescript', 'vitest', '@types/node']);
    const everyTest = thirdPartyImports([
      ...['demo', 'bench', 'scripts', 'test'].flatMap((d) => filesUnder(join(root, d))),
      ...packageDirs.flatMap((dir) => [...filesUnder(join(dir, 'test')), ...filesUnder(join(dir, 'bin'))]),
      join(root, 'vitest.config.ts'),
    ]);
    const everyRuntime = new Set(packageDirs.flatMap((dir) => Object.keys(manifest(dir).dependencies ?? {})));
    for (const name of rootDev) {
      if (name.startsWith('@milli/') || tools.has(name) || everyTest.has(name)) continue;
      if (typesOf(name) !== undefined && everyRuntime.has(typesOf(name)!)) continue;
      problems.push(`remove "${name}" from devDependencies of package.json: no test, benchmark or tool uses it`);
    }
    for (const name of Object.keys(rootManifest.dependencies ?? {})) {
      if (!name.startsWith('@milli/') && !used.has(name))
        problems.push(`remove "${name}" from dependencies of package.json: demo/, bench/ and scripts/ do not import it`);
    }
    expect(problems).toEqual([]);
  });

  it('no package src/ imports the test support package', () => {
    const offenders = packageDirs
      .filter((dir) => !dir.endsWith('test-support'))
      .flatMap((dir) => filesUnder(join(dir, 'src')))
      .filter((file) => readFileSync(file, 'utf8').includes("'@milli/test-support'"))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
