import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they appear up to three levels deep. Secrets never reach
 * logs: device passwords, private keys and API tokens travel in objects with these names.
 */
const SECRET_KEYS = ['password', 'passphrase', 'privateKey', 'private_key', 'token', 'apiToken', 'secret', 'authorization'];
export const REDACTED_PATHS: string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

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
