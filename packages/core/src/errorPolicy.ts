import { type CallerMeaning, type ErrorCode, ErrorCodes, meaningOf } from './codes';

/**
 * The one mapping from what a failure means to what a caller sees: the exit status of every `milli` command
 * and the HTTP status of every API answer. A command or a route never picks its own number.
 */
export const EXIT_STATUS: Readonly<Record<CallerMeaning | 'ok', number>> = {
  ok: 0,
  internal: 1,
  usage: 2,
  'invalid-input': 3,
  'not-found': 4,
  conflict: 5,
  refused: 6,
  unavailable: 7,
  unauthenticated: 8,
  forbidden: 9,
  'too-large': 10,
  overloaded: 11,
};

export const HTTP_STATUS: Readonly<Record<CallerMeaning, number>> = {
  usage: 400,
  'invalid-input': 422,
  'not-found': 404,
  conflict: 409,
  refused: 422,
  unavailable: 503,
  unauthenticated: 401,
  forbidden: 403,
  'too-large': 413,
  overloaded: 429,
  internal: 500,
};

export function exitStatusOf(code: ErrorCode): number {
  return EXIT_STATUS[meaningOf(code)];
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[meaningOf(code)];
}

/** The exit statuses with what each means, for `milli --help` and the docs. */
export function describeExitStatuses(): string[] {
  const lines: Record<CallerMeaning | 'ok', string> = {
    ok: 'success',
    internal: 'internal error (a bug in milli)',
    usage: 'bad usage: an unknown flag, a missing or out-of-range argument',
    'invalid-input': 'invalid input: a file, intent or request is malformed or wrong for the network',
    'not-found': 'not found: a named site, device, line, reservation or file does not exist',
    conflict: 'conflict: it collides with what exists (a booked resource, an existing item)',
    refused: 'refused: the network or a device said no (no path, commit rejected, rpc-error, credentials)',
    unavailable: 'unavailable: something did not answer or is missing here; trying again later may work',
    unauthenticated: 'unauthenticated: the API wants a valid token (--token-env VAR names the variable holding it)',
    forbidden: "forbidden: the token's role may not do this (a viewer writing)",
    'too-large': 'too large: the request is over the size limit',
    overloaded: 'overloaded: the API has too much in flight; try again shortly',
  };
  return (Object.keys(EXIT_STATUS) as (CallerMeaning | 'ok')[]).map((m) => `${String(EXIT_STATUS[m]).padStart(3)}  ${lines[m]}`);
}

/** Every registered code, for the tests and docs that keep the registry honest. */
export function allErrorCodes(): ErrorCode[] {
  return Object.keys(ErrorCodes) as ErrorCode[];
}
