import { NetconfError } from '../../src/index';

/** Awaits a promise that must reject with a NetconfError, and returns that error (anything else is rethrown). */
export async function failure(promise: Promise<unknown>): Promise<NetconfError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NetconfError) return err;
    throw err;
  }
  throw new Error('expected a NetconfError');
}
