import { reportError } from './reportError';

/**
 * The one wrapper of every command's action: a failure is printed by reportError and sets the exit status
 * from its code's meaning; nothing else in a command prints an error or picks an exit status for one.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}
