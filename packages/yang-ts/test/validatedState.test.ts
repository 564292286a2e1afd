import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YangContext } from '../src/index';
import { captureError, deviceXml, FIXTURES, testContext } from './helpers';

let ctx: YangContext;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.dispose());

const DEV = '/milli-test-optical:device';

describe('a validated tree is not validated again until it changes', () => {
  it('parsing a datastore validates it; an edit parse does not', () => {
    const running = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const edit = ctx.parseData(deviceXml(), { format: 'xml', mode: 'edit' });
    expect(running.isValid('config')).toBe(true);
    expect(running.isValid('config+state')).toBe(false);
    expect(edit.isValid('config')).toBe(false);
    running.dispose();
    edit.dispose();
  });

  it('every write makes the tree need validation again, and a bad write is still rejected', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    // from == to breaks the cross-connect's must; the earlier successful validation must not hide it.
    tree.newPath(`${DEV}/cross-connect[channel='5'][from='p1']/to`, 'p1', { update: true });
    expect(tree.isValid('config')).toBe(false);
    expect(captureError(() => tree.validate('config')).records[0]?.message).toMatch(/./);
    expect(tree.isValid('config')).toBe(false);
    tree.newPath(`${DEV}/cross-connect[channel='5'][from='p1']/to`, 'p2', { update: true });
    tree.validate('config');
    expect(tree.isValid('config')).toBe(true);
    // Removing the referenced port breaks the cross-connect's leafref.
    expect(tree.remove(`${DEV}/port[name='p2']`)).toBe(1);
    expect(tree.isValid('config')).toBe(false);
    expect(captureError(() => tree.validate('config')).code).toBe('YANG_VALIDATION');
    tree.dispose();
  });

  it('merge and applyDiff invalidate; a failed merge leaves the state as it was', () => {
    const a = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const b = ctx.parseData(deviceXml(`<tag>east</tag>`), { format: 'xml', mode: 'config' });
    const diff = a.diff(b)!;
    const copy = a.duplicate();
    copy.applyDiff(diff);
    expect(copy.isValid('config')).toBe(false);
    copy.validate('config');
    a.merge(b);
    expect(a.isValid('config')).toBe(false);
    for (const t of [a, b, diff, copy]) t.dispose();
  });

  it('a copy of a valid tree is valid; a copy of a changed tree is not', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const copy = tree.duplicate();
    expect(copy.isValid('config')).toBe(true);
    // The copy is independent: changing it does not mark the original changed, nor the other way round.
    copy.newPath(`${DEV}/tag`, 'west');
    expect(copy.isValid('config')).toBe(false);
    expect(tree.isValid('config')).toBe(true);
    tree.newPath(`${DEV}/tag`, 'north');
    const changedCopy = tree.duplicate();
    expect(changedCopy.isValid('config')).toBe(false);
    for (const t of [tree, copy, changedCopy]) t.dispose();
  });

  it('loading a module into the context makes earlier validations stale (it may add mandatory nodes)', () => {
    const own = testContext();
    try {
      const tree = own.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      expect(tree.isValid('config')).toBe(true);
      own.loadModuleFromPath(`${FIXTURES}/milli-test-with-sub.yang`);
      expect(tree.isValid('config')).toBe(false);
      tree.validate('config');
      expect(tree.isValid('config')).toBe(true);
    } finally {
      own.dispose();
    }
  });
});
