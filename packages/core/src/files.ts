import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { MilliError } from './MilliError';

/**
 * Every file milli reads for a user goes through here: a size limit checked before the bytes are read (a flag
 * raises it), and every way a file can fail (missing, a directory, no permission, too large, not writable) as a
 * MilliError naming the file, so no command shows a stack trace for a file. Writes go through a temporary file
 * that is renamed into place, or removed when anything fails: nothing is ever half-written.
 */

/** 64 MiB: far above any real metro topology or inventory, far below what would exhaust the heap. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ReadFileOptions {
  /** Refuse files larger than this (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
  /** What the file is, for messages: 'topology file', 'inventory'... */
  what?: string;
  /** The flag that raises the limit, named in the error (default --max-file-bytes). */
  limitFlag?: string;
}

export function readTextFile(path: string, options: ReadFileOptions = {}): string {
  return readBoundedFile(path, options).toString('utf8');
}

export function readBoundedFile(path: string, options: ReadFileOptions = {}): Buffer {
  const what = options.what ?? 'file';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new MilliError('FILE_UNREADABLE', `${what} ${path} is a directory, not a file`, { file: path });
    size = stat.size;
  } catch (error) {
    throw fileError(error, path, what, 'read');
  }
  if (size > maxBytes) throw tooLarge(path, what, size, maxBytes, options.limitFlag);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fileError(error, path, what, 'read');
  }
  // A file that grew after stat, or a device or pipe whose stat size is 0.
  if (bytes.length > maxBytes) throw tooLarge(path, what, bytes.length, maxBytes, options.limitFlag);
  return bytes;
}

/** Writes `text` to `path` whole or not at all: through `path.tmp-PID`, renamed into place, removed on failure. */
export function writeTextFileAtomic(path: string, text: string, what = 'file'): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw fileError(error, path, what, 'write');
  }
}

function tooLarge(path: string, what: string, size: number, maxBytes: number, flag = '--max-file-bytes'): MilliError {
  return new MilliError('FILE_TOO_LARGE', `${what} ${path} is ${size} bytes, over the limit of ${maxBytes}; raise it with ${flag}`, {
    file: path,
    sizeBytes: size,
    maxBytes,
  });
}

function fileError(error: unknown, path: string, what: string, action: 'read' | 'write'): MilliError {
  if (error instanceof MilliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (error as Error).message;
  if (code === 'ENOENT') {
    const message = action === 'read' ? `${what} ${path} does not exist` : `cannot write ${what} ${path}: its directory does not exist`;
    return new MilliError('FILE_NOT_FOUND', message, { file: path }, { cause: error });
  }
  if (action === 'write') return new MilliError('FILE_WRITE', `cannot write ${what} ${path}: ${reason}`, { file: path }, { cause: error });
  const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' : reason;
  return new MilliError('FILE_UNREADABLE', `cannot read ${what} ${path}: ${why}`, { file: path }, { cause: error });
}
