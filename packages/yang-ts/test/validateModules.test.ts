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

// Neither a when nor a choice: validation can only add its default. A choice deep in a list is found too.
const PLAIN = `module milli-test-plain {
  yang-version 1.1;
  namespace "urn:milli:test:plain";
  prefix tp;
  container shelf {
    list slot {
      key id;
      leaf id { type uint8; }
      leaf card { type string; must "string-length(.) < 8" { error-message "card name too long"; } }
      leaf state { type string; default "empty"; }
    }
  }
}
`;
const CHOICE = `module milli-test-choice {
  yang-version 1.1;
  namespace "urn:milli:test:choice";
  prefix tc;
  container shelf {
    list slot {
      key id;
      leaf id { type uint8; }
      container fitting { choice what { leaf card { type string; } leaf blank { type empty; } } }
    }
  }
}
`;
// A module that augments a when into the plain one's schema: loaded into a context of its own.
const AUGMENTING = `module milli-test-augmenting {
  yang-version 1.1;
  namespace "urn:milli:test:augmenting";
  prefix ta;
  import milli-test-plain { prefix tp; }
  augment "/tp:shelf/tp:slot" { leaf fan { when "../tp:card = 'hot'"; type uint8; } }
}
`;

let dir: string;
let ctx: YangContext;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yang-ts-when-'));
  writeFileSync(join(dir, 'milli-test-when.yang'), MODULE);
  writeFileSync(join(dir, 'milli-test-plain.yang'), PLAIN);
  writeFileSync(join(dir, 'milli-test-choice.yang'), CHOICE);
  writeFileSync(join(dir, 'milli-test-augmenting.yang'), AUGMENTING);
  ctx = new YangContext({ searchDirs: [dir], systemDirs: false });
  ctx.loadModule('milli-test-when');
  ctx.loadModule('milli-test-plain');
  ctx.loadModule('milli-test-choice');
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

describe('which modules validation can remove data from', () => {
  it('a when or a choice anywhere among the data nodes, or augmented in, and nothing else', () => {
    expect(ctx.validationCanRemove('milli-test-when')).toBe(true);
    expect(ctx.validationCanRemove('milli-test-choice')).toBe(true);
    expect(ctx.validationCanRemove('milli-test-plain')).toBe(false);
    expect(captureError(() => ctx.validationCanRemove('milli-test-nowhere')).code).toBe('YANG_NOT_FOUND');
    const augmented = new YangContext({ searchDirs: [dir], systemDirs: false });
    try {
      augmented.loadModule('milli-test-plain');
      expect(augmented.validationCanRemove('milli-test-plain')).toBe(false);
      // The augment's when is compiled into the plain module's tree: asked again after the load, the answer changes.
      augmented.loadModule('milli-test-augmenting');
      expect(augmented.validationCanRemove('milli-test-plain')).toBe(true);
    } finally {
      augmented.dispose();
    }
  });

  it('a module validation cannot remove from reports no removal, its defaults added and its musts checked', () => {
    const tree = ctx.parseData(JSON.stringify({ 'milli-test-plain:shelf': { slot: [{ id: 1, card: 'line' }] } }), {
      format: 'json',
      mode: 'config',
      validate: false,
    });
    expect(tree.validateModules(['milli-test-plain'], 'config', { reportRemoved: true })).toEqual({ removed: false });
    expect(tree.find("/milli-test-plain:shelf/slot[id='1']/state")[0]?.value).toBe('empty');
    tree.newPath("/milli-test-plain:shelf/slot[id='2']/card", 'much-too-long');
    const failed = captureError(() => tree.validateModules(['milli-test-plain'], 'config', { reportRemoved: true }));
    expect(failed.records[0]?.message).toContain('card name too long');
    expect(failed.context.dataRemoved).toBe(false);
    tree.dispose();
  });
});
