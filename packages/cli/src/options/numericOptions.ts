import { MilliError, type Milliseconds, parseDataVolume, parseDuration } from '@milli/core';

/** Node's timers take at most 2^31-1 ms (about 24.8 days); a longer delay fires at once with a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The numeric options of every command, checked against their real range before anything runs: a value that is
 * not a number, or is outside what the code below can honour, is a usage error naming the option, never a silent
 * default or an overflow.
 */
export function integerOption(value: string | undefined, option: string, range: { min: number; max: number }): number {
  const n = value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw usageError(`--${option} must be a whole number in ${range.min}..${range.max}, got '${value ?? ''}'`, option);
  }
  return n;
}

/** A positive number of seconds (fractions allowed), at most `maxSeconds`; returned in milliseconds. */
export function secondsOption(value: string, option: string, maxSeconds: number = Math.floor(MAX_TIMER_MS / 1000)): Milliseconds {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0 && n <= maxSeconds)) {
    throw usageError(`--${option} must be a number of seconds above 0 and at most ${maxSeconds}, got '${value}'`, option);
  }
  return Math.round(n * 1000);
}

/** A duration argument with a unit ('300ms', '2s'), within [minMs, maxMs]. */
export function durationArgument(value: string, argument: string, range: { minMs: number; maxMs: number }): Milliseconds {
  const ms = parseDuration(value);
  if (!(ms >= range.minMs && ms <= range.maxMs)) {
    throw new MilliError('INVALID_ARGUMENT', `the ${argument} must be ${range.minMs}..${range.maxMs} ms, got '${value}' (${ms} ms)`, {
      argument,
    });
  }
  return ms;
}

/** A size in bytes: a whole number, or with a unit ('64MB', '1GiB'), within [min, max]. */
export function bytesOption(value: string, option: string, range: { min: number; max: number }): number {
  let bytes: number;
  try {
    bytes = /^\s*\d+\s*$/.test(value) ? Number(value) : parseDataVolume(value);
  } catch {
    bytes = Number.NaN;
  }
  if (!(Number.isSafeInteger(bytes) && bytes >= range.min && bytes <= range.max)) {
    throw usageError(`--${option} must be a size in bytes in ${range.min}..${range.max} (e.g. 1048576 or 64MB), got '${value}'`, option);
  }
  return bytes;
}

function usageError(message: string, option: string): MilliError {
  return new MilliError('INVALID_ARGUMENT', message, { option });
}
