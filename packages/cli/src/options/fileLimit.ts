import { DEFAULT_MAX_FILE_BYTES } from '@milli/core';
import type { Command } from 'commander';
import { bytesOption } from './numericOptions';

/** The most a user may raise the limit to: a JavaScript string holds about 512 MiB. */
const MAX_FILE_BYTES_CEILING = 512 * 1024 * 1024;

/** Every command that reads files takes `--max-file-bytes`: the files it reads are refused above this size. */
export function withFileLimit(command: Command): Command {
  return command.option(
    '--max-file-bytes <bytes>',
    `refuse input files larger than this (default ${DEFAULT_MAX_FILE_BYTES}, e.g. 200MB)`,
    String(DEFAULT_MAX_FILE_BYTES),
  );
}

/** The `--max-file-bytes` value, checked; pass it on as `{ maxBytes }`. */
export function fileLimit(value: string | undefined): { maxBytes: number } {
  return {
    maxBytes: value === undefined ? DEFAULT_MAX_FILE_BYTES : bytesOption(value, 'max-file-bytes', { min: 1, max: MAX_FILE_BYTES_CEILING }),
  };
}
