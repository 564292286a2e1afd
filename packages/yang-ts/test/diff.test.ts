import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YangContext } from '../src/index';
import { FIXTURES, NS, captureError, deviceXml, testContext } from './helpers';

let ctx: YangContext;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.dispose());

const DEV = '/milli-test-optical:device';

function operations(tree: { find(x: string): { path: string; metadata: { module: string; name: string; value: string }[] }[] }) {
  return tree
    .find('//*')
    .flatMap((n) => n.metadata.filter((m) => m.module === 'yang' && m.name === 'operation').map((m) => `${m.value} ${n.path}`));
}

describe('diff, applyDiff, reverseDiff, merge', () => {
  it('diff is null for equal trees and lists each change with its yang:operation', () => {
    const before = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    expect(before.diff(before.duplicate())).toBeNull();
    const after = before.duplicate();
    after.newPath(`${DEV}/port[name='p3']`);
    after.newPath(`${DEV}/cross-connect[channel='5'][from='p1']/target-power-dbm`, '-1.25', { update: true });
    after.remove(`${DEV}/port[name='p2']/kind`);
    const diff = before.diff(after)!;
    expect(diff).not.toBeNull();
    // Nodes without their own yang:operation inherit their parent's (port p2 inherits "none" from device).
    expect(operations(diff).sort()).toEqual(
      [
        `none ${DEV}`,
        `none ${DEV}/cross-connect[channel='5'][from='p1']`,
        `replace ${DEV}/cross-connect[channel='5'][from='p1']/target-power-dbm`,
        `delete ${DEV}/port[name='p2']/kind`,
        `create ${DEV}/port[name='p3']`,
      ].sort(),
    );
    const replaced = diff.find(`${DEV}/cross-connect/target-power-dbm`)[0]!;
    expect(replaced.value).toBe('-1.25');
    expect(replaced.metadata).toContainEqual({ module: 'yang', name: 'orig-value', value: '-3.5' });
  });

  it('applyDiff turns the first tree into the second; reverseDiff undoes it', () => {
    const before = ctx.parseData(deviceXml('<tag>x</tag>'), { format: 'xml', mode: 'config' });
    const after = before.duplicate();
    after.remove(`${DEV}/tag`);
    after.newPath(`${DEV}/port[name='p3']/enabled`, 'false');
    after.newPath(`${DEV}/name`, 'renamed', { update: true });
    const diff = before.diff(after)!;
    const work = before.duplicate();
    work.applyDiff(diff);
    expect(work.print('xml')).toBe(after.print('xml'));
    expect(work.diff(after)).toBeNull();
    work.applyDiff(diff.reverseDiff());
    expect(work.print('xml')).toBe(before.print('xml'));
    expect(work.diff(before)).toBeNull();
  });

  it('a diff prints with its yang:operation attributes', () => {
    const before = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const after = before.duplicate();
    after.newPath(`${DEV}/tag`, 'new');
    const text = before.diff(after)!.print('xml');
    expect(text).toContain('yang:operation="create"');
  });

  it('applyDiff that does not fit leaves the tree unchanged', () => {
    const base = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const withTag = base.duplicate();
    withTag.newPath(`${DEV}/tag`, 'x');
    const removeTag = withTag.diff(base)!;
    const printed = base.print('xml');
    const error = captureError(() => base.applyDiff(removeTag));
    expect(error.records.length).toBeGreaterThan(0);
    expect(base.print('xml')).toBe(printed);
  });

  it('merge adds and overwrites from the source, leaving the source as it was', () => {
    const target = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const source = ctx.newTree();
    source.newPath(`${DEV}/port[name='p9']/kind`, 'add-drop');
    source.newPath(`${DEV}/name`, 'merged');
    const sourceText = source.print('xml');
    target.merge(source);
    expect(target.find(`${DEV}/port`).map((n) => n.path)).toEqual([
      `${DEV}/port[name='p1']`,
      `${DEV}/port[name='p2']`,
      `${DEV}/port[name='p9']`,
    ]);
    expect(target.find(`${DEV}/name`)[0]?.value).toBe('merged');
    expect(source.print('xml')).toBe(sourceText);
    target.validate('config');
    const empty = ctx.newTree();
    empty.merge(source);
    expect(empty.print('xml')).toBe(sourceText);
  });

  it('merge in place gives the same tree as the copying merge, and makes the tree need validation again', () => {
    const copying = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const inPlace = copying.duplicate();
    const source = ctx.newTree();
    source.newPath(`${DEV}/port[name='p9']/kind`, 'add-drop');
    source.newPath(`${DEV}/name`, 'merged');
    copying.merge(source);
    inPlace.merge(source, { inPlace: true });
    expect(inPlace.print('xml')).toBe(copying.print('xml'));
    expect(inPlace.isValid('config')).toBe(false);
    const empty = ctx.newTree();
    empty.merge(source, { inPlace: true });
    expect(empty.print('xml')).toBe(source.print('xml'));
  });

  it('refuses trees from another context', () => {
    const other = new YangContext({ searchDirs: [FIXTURES] });
    try {
      other.loadModule('milli-test-optical');
      const foreign = other.parseData(`<device xmlns="${NS}"><name>x</name></device>`, { format: 'xml', mode: 'config' });
      const local = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      expect(captureError(() => local.merge(foreign)).code).toBe('YANG_CONTEXT');
      expect(captureError(() => local.diff(foreign)).code).toBe('YANG_CONTEXT');
    } finally {
      other.dispose();
    }
  });
});
