import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CENSOR, REDACT_DEPTH, SECRET_KEYS, redactSecrets } from '../src/index';

describe('redactSecrets', () => {
  it('returns a value without secrets as it is, without copying it', () => {
    const line = { intent: 'in-1', devices: ['r1', 'r2'], phases: { prepare: 12 } };
    expect(redactSecrets(line)).toBe(line);
  });

  it('censors every secret key and copies only the objects on the way to one', () => {
    for (const key of SECRET_KEYS) {
      const kept = { a: 1 };
      const line = { kept, deep: { list: [{ [key]: 'x' }] } };
      const redacted = redactSecrets(line);
      expect(redacted.deep.list[0]).toEqual({ [key]: CENSOR });
      expect(redacted.kept).toBe(kept);
      expect(line.deep.list[0]?.[key]).toBe('x');
    }
  });

  it('finds a secret REDACT_DEPTH levels below the top, and stops below that (a cycle ends there)', () => {
    const nest = (levels: number): Record<string, unknown> => (levels === 0 ? { password: 'p' } : { next: nest(levels - 1) });
    expect(JSON.stringify(redactSecrets(nest(REDACT_DEPTH)))).not.toContain('"p"');
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(redactSecrets(cycle)).toBe(cycle);
  });

  it('does not walk event emitters or binary data', () => {
    const socket = Object.assign(new EventEmitter(), { password: 'left to the serializer' });
    const bytes = new Uint8Array([1, 2, 3]);
    const line = { socket, bytes };
    expect(redactSecrets(line)).toBe(line);
  });
});
