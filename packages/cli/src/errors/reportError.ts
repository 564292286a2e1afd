import { type ErrorContext, exitStatusOf, isMilliError } from '@milli/core';

/**
 * What every `milli` command prints for a failure, and the exit status it ends with: one line
 * `error [CODE]: message (at location)` on stderr, the status from the code's meaning (core's errorPolicy).
 * A failure that is not a MilliError is a bug: it is reported as INTERNAL in one line, its stack only
 * when MILLI_DEBUG=1, so a user never has to read a trace to learn what went wrong.
 */
export function reportError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (isMilliError(error)) {
    const where = locationOf(error.context);
    // A message that already says where (most name their file or device) is not told twice.
    const at = where !== undefined && !error.message.includes(where) ? ` (at ${where})` : '';
    write(`error [${error.code}]: ${error.message}${at}\n`);
    return exitStatusOf(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`error [INTERNAL]: ${message.split('\n')[0]} (a bug in milli; MILLI_DEBUG=1 shows where)\n`);
  if (process.env.MILLI_DEBUG === '1' && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return exitStatusOf('INTERNAL');
}

/** `file:line:column`, a device, or an option, from the context keys the packages use for where a failure is. */
export function locationOf(context: ErrorContext): string | undefined {
  const file = text(context.file) ?? text(context.source);
  if (file !== undefined) {
    return [file, text(context.line), text(context.column)].filter((part) => part !== undefined).join(':');
  }
  if (text(context.option) !== undefined) return `--${context.option}`;
  if (text(context.device) !== undefined) return `device ${context.device}`;
  if (text(context.host) !== undefined) return [context.host, text(context.port)].filter((p) => p !== undefined).join(':');
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
