/**
 * Secrets never reach logs: device passwords, private keys, API tokens and whole credential objects travel under
 * these names. Keys are case-sensitive, hence both spellings of the HTTP header.
 */
export const SECRET_KEYS: readonly string[] = [
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

/** What a secret's value is replaced with. */
export const CENSOR = '[redacted]';

/** How many levels below the top a secret is still found (a log line's objects are shallow; a cycle ends here). */
export const REDACT_DEPTH = 8;

const SECRETS = new Set(SECRET_KEYS);

/**
 * `value` as it may be logged: every property named in SECRET_KEYS, at the top or up to REDACT_DEPTH levels below,
 * inside plain objects, arrays, errors and other class instances, replaced by CENSOR. Copy on write: the caller's
 * objects are never changed, and a value without secrets (nearly every log line) is returned as it is, without a
 * copy. Event emitters (sockets, streams, HTTP requests: fastify's serializers pick their few safe fields after
 * this) are not walked.
 *
 * One walk of the log line replaces pino's path redaction, which needed a path per key and depth (60 wildcard
 * paths) and walked the line once per path: about 3% of the controller's CPU over a cut (91 ms of 3.4 s profiled).
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth > REDACT_DEPTH || !walkable(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[i] = redacted;
      }
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of keysOf(source)) {
    const item = source[key];
    const redacted = SECRETS.has(key) ? CENSOR : redactSecrets(item, depth + 1);
    if (redacted !== item) {
      copy ??= copyOf(source);
      const enumerable = Object.getOwnPropertyDescriptor(source, key)?.enumerable ?? true;
      Object.defineProperty(copy, key, { value: redacted, writable: true, configurable: true, enumerable });
    }
  }
  return (copy ?? value) as T;
}

/** Own enumerable keys, and an error's cause (own but not enumerable; pino prints it). */
function keysOf(source: object): string[] {
  const keys = Object.keys(source);
  if (source instanceof Error && Object.hasOwn(source, 'cause') && !keys.includes('cause')) keys.push('cause');
  return keys;
}

/** Not an event emitter, nor binary data: what JSON.stringify would print field by field. */
function walkable(value: object): boolean {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return false;
  const v = value as { on?: unknown; emit?: unknown };
  return !(typeof v.on === 'function' && typeof v.emit === 'function');
}

/**
 * A shallow copy keeping the prototype (an error stays an error for pino's serializer, which reads its type,
 * message and stack) and the own non-enumerable message and stack of errors.
 */
function copyOf(source: Record<string, unknown>): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(source)) as Record<string, unknown>;
  Object.assign(copy, source);
  if (source instanceof Error) {
    for (const key of ['message', 'stack', 'cause']) {
      if (Object.hasOwn(source, key)) Object.defineProperty(copy, key, { value: source[key], writable: true, configurable: true });
    }
  }
  return copy;
}
