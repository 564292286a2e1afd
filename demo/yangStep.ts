import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YangContext } from '@milli/yang-ts';
import { fact, heading } from './say';

interface ManifestEntry {
  file: string;
  modules: string[];
  mode: string;
  valid: boolean;
}

/** Loads the project's YANG modules, validates every valid example device configuration, prints the ROADM tree. */
export function yangStep(yangDir: string): void {
  heading('YANG: the modules every device and driver speaks');
  const manifest = JSON.parse(readFileSync(join(yangDir, 'examples', 'manifest.json'), 'utf8')) as { examples: ManifestEntry[] };
  const context = new YangContext({ searchDirs: [yangDir] });
  try {
    for (const name of ['milli-types', 'milli-device', 'milli-roadm', 'milli-otn', 'milli-osu', 'milli-lab']) context.loadModule(name);
    const milli = context.listModules().filter((m) => m.name.startsWith('milli-'));
    fact(`loaded ${milli.map((m) => `${m.name}@${m.revision}`).join(', ')}`);
    const configs = manifest.examples.filter((e) => e.valid && (e.mode === 'config' || e.mode === 'config+state'));
    for (const example of configs) {
      const text = readFileSync(join(yangDir, 'examples', example.file), 'utf8');
      context.parseData(text, { format: example.file.endsWith('.json') ? 'json' : 'xml', mode: example.mode as 'config' }).dispose();
    }
    fact(`${configs.length} example device configurations validated by libyang: all valid`);
    fact('milli-roadm, as a tree:');
    for (const line of context.printTree('milli-roadm').trimEnd().split('\n')) fact(line, 2);
  } finally {
    context.dispose();
  }
}
