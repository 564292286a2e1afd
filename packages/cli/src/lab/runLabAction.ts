import { isMilliError } from '@milli/core';

/**
 * Wraps a command action: an error is printed as one message (with its code) on stderr and sets exit status 1,
 * instead of a stack trace. A TopologyError's message already lists every problem with its location.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      const code = isMilliError(error) ? ` [${error.code}]` : '';
      process.stderr.write(`error${code}: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  };
}
