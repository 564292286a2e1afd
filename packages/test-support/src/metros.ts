import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMetro, type MetroOptions, writeTopology } from '@milli/topology';

/** The repository's root, from this file (packages/test-support/src). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const METRO_SMALL = join(REPO_ROOT, 'lab', 'topologies', 'metro-small.yaml');
export const METRO_MEDIUM = join(REPO_ROOT, 'lab', 'topologies', 'metro-medium.yaml');

/** The generator options each committed metro's header records, so a missing file is regenerated the same. */
const SHAPES = {
  'metro-small': { dcs: 2, important: 6, access: 10, parks: 10, radiusKm: 25, seed: 7 },
  'metro-medium': { dcs: 4, important: 12, access: 48, parks: 72, radiusKm: 60, seed: 11 },
  'metro-tiny': { dcs: 1, important: 2, access: 0, parks: 0, radiusKm: 10, seed: 3 },
} satisfies Record<string, MetroOptions>;

/** The committed metro when it is there, else one generated with the same options into a temporary dir. */
async function metro(name: keyof typeof SHAPES, committed?: string): Promise<string> {
  if (committed !== undefined && existsSync(committed)) return committed;
  const path = join(mkdtempSync(join(tmpdir(), 'milli-topo-')), `${name}.yaml`);
  await writeTopology(path, generateMetro({ ...SHAPES[name], name }));
  return path;
}

/** metro-small (36 devices), the demo's and most lab tests' network. */
export const metroSmall = (): Promise<string> => metro('metro-small', METRO_SMALL);
/** metro-medium (150+ devices), for scale tests and benchmarks. */
export const metroMedium = (): Promise<string> => metro('metro-medium', METRO_MEDIUM);
/** A tiny metro (six devices) for tests that need a second lab. */
export const tinyMetro = (): Promise<string> => metro('metro-tiny');
