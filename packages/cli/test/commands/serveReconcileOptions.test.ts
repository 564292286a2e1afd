import { describe, expect, it } from 'vitest';
import { reconcileOptions, revertAfterOption } from '../../src/commands/serveCommand';

const base = { inventory: 'i.json', topology: 't.yaml' };

describe('milli serve: the reconciler options', () => {
  it('is on by default, every 60 s, reporting foreign items without removing them', () => {
    expect(reconcileOptions(base)).toEqual({ periodMs: 60_000, removeForeign: false });
  });

  it('takes a period in seconds, 0 for events only, and --remove-foreign', () => {
    expect(reconcileOptions({ ...base, reconcilePeriod: '2.5', removeForeign: true })).toEqual({ periodMs: 2500, removeForeign: true });
    expect(reconcileOptions({ ...base, reconcilePeriod: '0' })).toEqual({ periodMs: 0, removeForeign: false });
  });

  it('is off with --no-reconcile', () => {
    expect(reconcileOptions({ ...base, reconcile: false })).toBeUndefined();
  });

  it('refuses a period that is not a number of seconds, naming the option', () => {
    expect(() => reconcileOptions({ ...base, reconcilePeriod: 'soon' })).toThrow(/--reconcile-period must be a number of seconds/);
    expect(() => reconcileOptions({ ...base, reconcilePeriod: '-5' })).toThrow(/--reconcile-period/);
  });
});

describe('milli serve: --revert-after', () => {
  it('is 10 s by default, takes seconds, 0 for at once, and refuses anything else naming the option', () => {
    expect(revertAfterOption(base)).toBe(10_000);
    expect(revertAfterOption({ ...base, revertAfter: '1.5' })).toBe(1500);
    expect(revertAfterOption({ ...base, revertAfter: '0' })).toBe(0);
    expect(() => revertAfterOption({ ...base, revertAfter: 'later' })).toThrow(/--revert-after must be a number of seconds/);
  });
});
