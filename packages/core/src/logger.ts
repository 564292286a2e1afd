import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" at the top level and up to five levels below it (pino's redaction has no
 * recursive wildcard, so each depth is its own path). Secrets never reach logs: device passwords, private keys,
 * API tokens and whole credential objects travel under these names. Keys are case-sensitive, hence both spellings
 * of the HTTP header.
 */
const SECRET_KEYS = [
  'password',
  'passphrase',
  'privateKey',
  'private_key',
  'token',
  'apiToken',
  'secret',
  'credentials',
  'authorization',
  'Authorization',
];
const MAX_DEPTH = 5;
export const REDACTED_PATHS: string[] = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => `${'*.'.repeat(depth)}${key}`),
);

export interface LoggerFactoryOptions {
  level?: string;
  name?: string;
  /** Where lines go; defaults to stderr so that CLI output on stdout stays machine-readable. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerFactoryOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? process.env.MILLI_LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: options.name ? { name: options.name } : null,
  };
  return pino(config, (options.destination ?? process.stderr) as pino.DestinationStream);
}

/** A logger that drops everything: for libraries used without a logger and for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
