import { MilliError, type ReadFileOptions, readTextFile } from '@milli/core';
import { validateTopology } from '../format/validateTopology';
import { firstProblems, formatProblem, PROBLEMS_SHOWN, TopologyImportError } from '../TopologyError';
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
  if (problems.length > 0) {
    throw new TopologyImportError(
      `the ${format} import gave an invalid topology (${problems.length} problem(s)):\n${firstProblems(problems.map(formatProblem))}`,
      { problemCount: problems.length, problems: problems.slice(0, PROBLEMS_SHOWN) },
    );
  }
  return result;
}

/** Reads a dataset file and imports it; the topology is named after the file unless `options.name` says otherwise. */
export async function importTopologyFile(
  path: string,
  format: ImportFormat,
  options: ImportOptions & Pick<ReadFileOptions, 'maxBytes' | 'limitFlag'> = {},
): Promise<ImportResult> {
  const text = readTextFile(path, { what: `${format} dataset`, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
  const name = options.name ?? path.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return importTopology(text, format, { ...options, name });
}
