import { type Logger, type LoggerOptions, pino } from 'pino';
import { redactSecrets } from './redactSecrets';

export type { Logger } from 'pino';

export interface LoggerFactoryOptions {
  level?: string;
  name?: string;
  /** Where lines go; defaults to stderr so that CLI output on stdout stays machine-readable. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerFactoryOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? process.env.MILLI_LOG_LEVEL ?? 'info',
    // Secrets are censored in one walk of each line (redactSecrets), and of each child logger's bindings below.
    formatters: { log: redactSecrets },
    base: options.name ? { name: options.name } : null,
  };
  const logger = pino(config, (options.destination ?? process.stderr) as pino.DestinationStream);
  // pino formats a child's bindings once, when the child is made, without the log formatter: they are censored on
  // their way in. Children are made from their parent's prototype chain, so theirs go through here too.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactSecrets(bindings), childOptions);
  } as Logger['child'];
  return logger;
}

/** A logger that drops everything: for libraries used without a logger and for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
