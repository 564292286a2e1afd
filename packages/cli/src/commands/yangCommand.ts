import { extname } from 'node:path';
import { exitStatusOf, MilliError, readTextFile } from '@milli/core';
import { type DataFormat, type OperationKind, type ParseMode, YangContext, YangError, type YangErrorRecord } from '@milli/yang-ts';
import type { Command } from 'commander';
import { reportError } from '../errors/reportError';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';

const MODES = ['config', 'config+state', 'edit', 'rpc', 'reply', 'notification'] as const;
type ValidateMode = (typeof MODES)[number];

interface ValidateOptions {
  yangDir: string[];
  module: string[];
  mode: string;
  maxFileBytes?: string;
}

/** Mounts `milli yang validate` and `milli yang tree`. */
export function registerYangCommand(program: Command): void {
  const yang = program.command('yang').description('YANG modules and instance data, through libyang');
  const collect = (value: string, previous: string[]) => [...previous, value];

  const validate = yang
    .command('validate')
    .description('validate an XML or JSON instance document; prints "valid" or each error with its path')
    .argument('<file>', 'instance document (.xml or .json)')
    .requiredOption('--yang-dir <dir>', 'directory of YANG modules (repeatable)', collect, [])
    .option('--module <name>', 'module to load (repeatable); default: every module in the --yang-dir dirs', collect, [])
    .option('--mode <mode>', `what the document is: ${MODES.join(', ')}`, 'config');
  withFileLimit(validate).action(
    runAction((file: string, opts: ValidateOptions) => {
      process.exitCode = runValidate(
        file,
        opts,
        (line) => process.stdout.write(`${line}\n`),
        (line) => process.stderr.write(`${line}\n`),
      );
    }),
  );

  yang
    .command('tree')
    .description('print the schema tree of a module (as yanglint -f tree)')
    .argument('<module>', 'module name')
    .requiredOption('--yang-dir <dir>', 'directory of YANG modules (repeatable)', collect, [])
    .action(
      runAction((moduleName: string, opts: { yangDir: string[] }) => {
        try {
          using ctx = new YangContext({ searchDirs: opts.yangDir });
          ctx.loadModule(moduleName);
          process.stdout.write(ctx.printTree(moduleName));
        } catch (error) {
          process.exitCode = fail(error, (line) => process.stderr.write(`${line}\n`));
        }
      }),
    );
}

/**
 * The validate command without process I/O: returns the exit status (0 valid, else the status of the failure's
 * code: an invalid document, bad usage, a missing file or module), writes lines through out/err.
 */
export function runValidate(file: string, opts: ValidateOptions, out: (line: string) => void, err: (line: string) => void): number {
  const mode = opts.mode as ValidateMode;
  if (!MODES.includes(mode)) {
    return fail(
      new MilliError('INVALID_ARGUMENT', `--mode must be one of ${MODES.join(', ')}, not '${opts.mode}'`, { option: 'mode' }),
      err,
    );
  }
  const format = formatOf(file);
  if (!format) return fail(new MilliError('INVALID_ARGUMENT', 'the file name must end in .xml or .json', { file }), err);
  let text: string;
  try {
    text = readTextFile(file, { what: 'instance document', ...fileLimit(opts.maxFileBytes) });
  } catch (error) {
    return fail(error, err);
  }
  let ctx: YangContext | undefined;
  try {
    ctx = new YangContext({ searchDirs: opts.yangDir });
    if (opts.module.length > 0) for (const name of opts.module) ctx.loadModule(name);
    else for (const dir of opts.yangDir) ctx.loadModulesFromDir(dir);
    if (mode === 'config' || mode === 'config+state' || mode === 'edit') {
      ctx.parseData(text, { format, mode: mode as ParseMode }).dispose();
    } else {
      ctx.parseOperation(text, { format, kind: mode as OperationKind }).dispose();
    }
    out('valid');
    return 0;
  } catch (error) {
    if (error instanceof YangError && (error.code === 'YANG_PARSE' || error.code === 'YANG_VALIDATION')) {
      for (const record of error.records) out(formatRecord(file, record));
      return exitStatusOf(error.code);
    }
    return fail(error, err);
  } finally {
    ctx?.dispose();
  }
}

function formatOf(file: string): DataFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.xml' ? 'xml' : ext === '.json' ? 'json' : undefined;
}

/** `file:line: error: message (path ...)`, the shape editors and CI logs link to. */
export function formatRecord(file: string, record: YangErrorRecord): string {
  const where = record.line !== undefined ? `${file}:${record.line}` : file;
  const path = record.dataPath ? ` (path ${record.dataPath})` : record.schemaPath ? ` (schema ${record.schemaPath})` : '';
  const tag = record.appTag ? ` [${record.appTag}]` : '';
  return `${where}: ${record.level}: ${record.message}${path}${tag}`;
}

/** Prints a failure under the one policy (a YangError with the records libyang gave) and returns its exit status. */
function fail(error: unknown, err: (line: string) => void): number {
  const status = reportError(error, (text) => err(text.replace(/\n$/, '')));
  if (error instanceof YangError) {
    for (const r of error.records) {
      err(`  ${r.level}: ${r.message}${r.schemaPath ? ` (schema ${r.schemaPath})` : r.dataPath ? ` (path ${r.dataPath})` : ''}`);
    }
  }
  return status;
}
