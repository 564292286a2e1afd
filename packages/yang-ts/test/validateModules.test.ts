import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YangContext } from '../src/index';
import { captureError } from './helpers';

// A module whose validation removes data: 'speed' exists only when 'kind' is 'fixed' (libyang deletes it otherwise).
const MODULE = `module milli-test-when {
  yang-version 1.1;
  namespace "urn:milli:test:when";
  prefix tw;
  container box {
    leaf kind { type string; }
    leaf speed { when "../kind = 'fixed'"; type uint32; }
    leaf label { type string; default "none"; }
    leaf limit { type uint32; must ". < 100" { error-message "limit under 100"; } }
  }
}
`;

let dir: string;
let ctx: YangContext;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yang-ts-when-'));
  writeFileSync(join(dir, 'milli-test-when.yang'), MODULE);
  ctx = new YangContext({ searchDirs: [dir], systemDirs: false });
  ctx.loadModule('milli-test-when');
});
afterAll(() => {
  ctx.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const parse = (box: string) =>
  ctx.parseData(JSON.stringify({ 'milli-test-when:box': JSON.parse(box) }), { format: 'json', mode: 'config', validate: false });

describe('validateModules reports whether validation removed data', () => {
  it('without reportRemoved no diff is built and nothing is said', () => {
    const tree = parse('{"kind":"fixed","speed":10}');
    expect(tree.validateModules(['milli-test-when'], 'config')).toEqual({ removed: undefined });
    tree.newPath('/milli-test-when:box/limit', '500');
    expect(captureError(() => tree.validateModules(['milli-test-when'], 'config')).context.dataRemoved).toBeUndefined();
    tree.dispose();
  });

  it('adding defaults only is not a removal', () => {
    const tree = parse('{"kind":"fixed","speed":10}');
    expect(tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true })).toEqual({ removed: false });
    expect(tree.find('/milli-test-when:box/label')[0]?.value).toBe('none');
    expect(tree.find('/milli-test-when:box/speed')[0]?.value).toBe('10');
    tree.dispose();
  });

  it('a node whose when turned false is removed, and says so', () => {
    const tree = parse('{"kind":"fixed","speed":10}');
    tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true });
    // libyang refuses a parsed node whose when is false, but deletes one whose when an edit made false.
    tree.newPath('/milli-test-when:box/kind', 'flexible', { update: true });
    expect(tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true })).toEqual({ removed: true });
    expect(tree.find('/milli-test-when:box/speed')).toEqual([]);
    tree.dispose();
  });

  it('a failed validation throws with its records, and says whether it removed data before failing', () => {
    const tree = parse('{"kind":"fixed","speed":10,"limit":500}');
    const plain = captureError(() => tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true }));
    expect(plain.records[0]?.message).toContain('limit under 100');
    expect(plain.context.dataRemoved).toBe(false);
    tree.newPath('/milli-test-when:box/limit', '5', { update: true });
    tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true });
    tree.newPath('/milli-test-when:box/kind', 'flexible', { update: true });
    tree.newPath('/milli-test-when:box/limit', '500', { update: true });
    const afterRemoval = captureError(() => tree.validateModules(['milli-test-when'], 'config', { reportRemoved: true }));
    expect(afterRemoval.records[0]?.message).toContain('limit under 100');
    expect(afterRemoval.context.dataRemoved).toBe(true);
    tree.dispose();
  });
});
