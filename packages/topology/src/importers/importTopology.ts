import { readFile } from 'node:fs/promises';
import { MilliError } from '@milli/core';
import { validateTopology } from '../format/validateTopology';
import { TopologyImportError } from '../TopologyError';
import type { ImportOptions, ImportResult } from './buildImportedTopology';
import { importGnpy } from './importGnpy';
import { importGraphml } from './importGraphml';
import { importSndlib } from './importSndlib';

export type ImportFormat = 'gnpy' | 'graphml' | 'sndlib';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['gnpy', 'graphml', 'sndlib'];

const IMPORTERS: Record<ImportFormat, (text: string, options: ImportOptions) => ImportResult> = {
  gnpy: importGnpy,
  graphml: importGraphml,
  sndlib: importSndlib,
};

/** Turns a public dataset's text into a topology that passes validateTopology, plus warnings for the user. */
export function importTopology(text: string, format: ImportFormat, options: ImportOptions = {}): ImportResult {
  const importer = IMPORTERS[format];
  if (importer === undefined)
    throw new MilliError('INVALID_ARGUMENT', `unknown import format ${String(format)}`, { format, known: IMPORT_FORMATS });
  const result = importer(text, options);
  const problems = validateTopology(result.topology);
  if (problems.length > 0) throw new TopologyImportError(`the ${format} import gave an invalid topology`, { problems });
  return result;
}

/** Reads a dataset file and imports it; the topology is named after the file unless `options.name` says otherwise. */
export async function importTopologyFile(path: string, format: ImportFormat, options: ImportOptions = {}): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new TopologyImportError(`cannot read ${path}: ${(e as Error).message}`, { path });
  }
  const name = options.name ?? path.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return importTopology(text, format, { ...options, name });
}
