import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README, the documents and the code comments point only at files (and sections) that exist in the repository.
const root = join(import.meta.dirname, '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : ext.test(name) ? [path] : [];
  });
}

const markdown = filesUnder(root, /\.md$/);
const sources = ['packages', 'lab', 'test', 'demo', 'bench'].flatMap((d) => filesUnder(join(root, d), /\.ts$/));
const markdownNames = new Set(markdown.map((file) => file.slice(file.lastIndexOf('/') + 1)));
/** What a reader sees as prose: a Markdown file whole, a source file's comments only (a string naming an output file is no citation). */
const proseOf = (file: string, text: string) =>
  file.endsWith('.md')
    ? text
    : text
        .split('\n')
        .map((line) => (/^\s*(\/\/|\/?\*)/.exec(line) ? line : (/\s\/\/\s(.*)$/.exec(line)?.[1] ?? '')))
        .join('\n');
const headings = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => (m[1] ?? '').trim());

describe('links in documents and comments', () => {
  it('every relative markdown link resolves to a file of the repository, and none leaves it', () => {
    const broken = markdown.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1] ?? '')
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => {
          const resolved = join(dirname(file), target);
          return !existsSync(resolved) || relative(root, resolved).startsWith('..');
        })
        .map((target) => `${relative(root, file)} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('every *.md a comment or README names exists, and every section it cites is a heading there', () => {
    const architecture = headings(join(root, 'docs', 'architecture.md'));
    const problems: string[] = [];
    for (const file of [...sources, ...markdown]) {
      const where = relative(root, file);
      const text = proseOf(file, readFileSync(file, 'utf8'));
      for (const m of text.matchAll(/(?<![\w/.-])((?:\.\.\/|[\w-]+\/)*[\w-]+\.md)\b/g)) {
        const cited = m[1] ?? '';
        const inside = (path: string) => existsSync(path) && !relative(root, path).startsWith('..');
        const exists = cited.includes('/') ? inside(join(root, cited)) || inside(join(dirname(file), cited)) : markdownNames.has(cited);
        if (!exists) problems.push(`${where}: ${cited} is not a file of the repository`);
      }
      for (const m of text.matchAll(/architecture\.md, "([^"]+)"/g)) {
        if (!architecture.includes(m[1] ?? '')) problems.push(`${where}: docs/architecture.md has no section "${m[1]}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
