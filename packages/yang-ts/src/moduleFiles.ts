import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ModuleFile {
  name: string;
  revision?: string;
  path: string;
}

/**
 * The YANG modules (not submodules) directly in a directory, named as libyang's search expects
 * (`name.yang` or `name@revision.yang`), newest revision first when several are present.
 */
export function moduleFilesIn(dir: string): ModuleFile[] {
  const files: ModuleFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yang')) continue;
    const path = join(dir, entry.name);
    if (/^\s*submodule\s/m.test(stripComments(readFileSync(path, 'utf8')))) continue;
    const [name, revision] = entry.name.slice(0, -'.yang'.length).split('@');
    files.push(revision ? { name: name!, revision, path } : { name: name!, path });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name) || (b.revision ?? '').localeCompare(a.revision ?? ''));
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}
