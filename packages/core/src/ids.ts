import { randomUUID } from 'node:crypto';

/** Ids are short, prefixed and URL-safe: `in-3f2a9c1b` for an intent, `tx-...` for a transaction. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Topology and intent ids: letters, digits and `._:-`, starting with a letter or digit, at most 128 characters. */
export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}
