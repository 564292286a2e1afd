import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The web console's built files (packages/console/dist, built by scripts/setup.sh), which `milli serve` serves under /ui. */
export function consoleDir(): string {
  const manifest = createRequire(import.meta.url).resolve('@milli/console/package.json');
  return join(dirname(manifest), 'dist');
}
