import { isMilliError } from '@milli/core';

/**
 * Runs a command's action: a MilliError becomes one line `error [CODE]: message` on stderr and exit status 1;
 * anything else is a bug and propagates with its stack.
 */
export async function runAction(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (e) {
    if (!isMilliError(e)) throw e;
    process.stderr.write(`error [${e.code}]: ${e.message}\n`);
    process.exitCode = 1;
  }
}
