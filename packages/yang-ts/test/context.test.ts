import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { YangContext, YangError } from '../src/index';
import { FIXTURES, captureError } from './helpers';

let ctx: YangContext | undefined;
afterEach(() => {
  ctx?.dispose();
  ctx = undefined;
});

describe('YangContext modules', () => {
  it('loads a module by name from the search dirs, with all features by default', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    const info = ctx.loadModule('milli-test-optical');
    expect(info).toEqual({
      name: 'milli-test-optical',
      revision: '2026-11-01',
      namespace: 'urn:milli:test:optical',
      prefix: 'mto',
      implemented: true,
      features: ['power-control'],
    });
    expect(ctx.listModules().find((m) => m.name === 'milli-test-optical')).toEqual(info);
  });

  it('enables only the features asked for', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    expect(ctx.loadModule('milli-test-optical', { features: [] }).features).toEqual([]);
    const tree = ctx.newTree();
    expect(() => tree.newPath("/milli-test-optical:device/cross-connect[channel='1'][from='a']/target-power-dbm", '1.0')).toThrow(
      YangError,
    );
  });

  it('loads a module from a file path', () => {
    ctx = new YangContext({ systemDirs: false });
    const info = ctx.loadModuleFromPath(join(FIXTURES, 'milli-test-optical.yang'));
    expect(info.name).toBe('milli-test-optical');
    expect(info.implemented).toBe(true);
  });

  it('loads every module of a directory, reaching submodules through their module', () => {
    ctx = new YangContext({ systemDirs: false });
    const loaded = ctx.loadModulesFromDir(FIXTURES);
    expect(loaded.map((m) => m.name)).toEqual(['milli-test-optical', 'milli-test-with-sub']);
    expect(loaded.every((m) => m.implemented)).toBe(true);
    // config+state validates only the modules present in the document (config would also demand a device name).
    const tree = ctx.parseData('<shelf xmlns="urn:milli:test:with-sub"><slots>4</slots></shelf>', { format: 'xml', mode: 'config+state' });
    expect(tree.find('/milli-test-with-sub:shelf/slots')[0]?.value).toBe('4');
  });

  it('prints the schema tree like yanglint -f tree', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    ctx.loadModule('milli-test-optical');
    const tree = ctx.printTree('milli-test-optical');
    expect(tree).toContain('module: milli-test-optical');
    expect(tree).toMatch(/\+--rw cross-connect\* \[channel from\]/);
    expect(tree).toMatch(/\+--ro oper-status\?\s+enumeration/);
    expect(tree).toContain('+---x reset-port');
    expect(tree).toContain('+---n port-changed');
  });

  const yanglint = spawnSync('yanglint', ['--version']).status === 0;
  if (!yanglint) console.log('yanglint is not installed: skipping the tree comparison with yanglint -f tree');
  it.skipIf(!yanglint)('prints exactly what yanglint -f tree prints (groupings expanded)', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    ctx.loadModule('milli-test-optical');
    const expected = spawnSync('yanglint', ['-f', 'tree', '-p', FIXTURES, join(FIXTURES, 'milli-test-optical.yang')], {
      encoding: 'utf8',
    }).stdout;
    expect(ctx.printTree('milli-test-optical')).toBe(expected);
  });

  it('loads ietf-netconf, ietf-netconf-monitoring and has ietf-yang-library built in', () => {
    ctx = new YangContext();
    expect(ctx.loadModule('ietf-netconf').namespace).toBe('urn:ietf:params:xml:ns:netconf:base:1.0');
    expect(ctx.loadModule('ietf-netconf-monitoring').implemented).toBe(true);
    const names = ctx.listModules().map((m) => m.name);
    expect(names).toContain('ietf-yang-library');
    expect(ctx.loadModule('ietf-yang-library').revision).toBe('2019-01-04');
    expect(ctx.loadModule('ietf-netconf-with-defaults').implemented).toBe(true);
  });

  it('returns module source text for get-schema, from the file or printed by libyang', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    ctx.loadModule('milli-test-optical');
    const source = ctx.moduleSource('milli-test-optical');
    expect(source).toContain('description "A small optical device module');
    expect(ctx.moduleSource('milli-test-optical', '2026-11-01')).toBe(source);
    const builtIn = ctx.moduleSource('ietf-yang-library');
    expect(builtIn).toMatch(/^module ietf-yang-library \{/);
    expect(ctx.moduleSource('no-such-module')).toBeUndefined();
  });

  it('describes its modules as ietf-yang-library data', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    ctx.loadModule('milli-test-optical');
    const library = ctx.yangLibrary();
    const set = '/ietf-yang-library:yang-library/module-set';
    expect(library.find(`${set}/module[name='milli-test-optical']/revision`)[0]?.value).toBe('2026-11-01');
    expect(library.find(`${set}/module[name='milli-test-optical']/feature`).map((n) => n.value)).toEqual(['power-control']);
    expect(library.find('/ietf-yang-library:yang-library/content-id')[0]?.value).toMatch(/^\d+$/);
    expect(library.print('xml')).toContain('<namespace>urn:milli:test:optical</namespace>');
  });

  it('throws YANG_CONTEXT with libyang records for a module that is not found', () => {
    ctx = new YangContext({ searchDirs: [FIXTURES] });
    const error = captureError(() => ctx!.loadModule('no-such-module'));
    expect(error.code).toBe('YANG_CONTEXT');
    expect(error.records.length).toBeGreaterThan(0);
    expect(error.records.some((r) => r.message.includes('no-such-module'))).toBe(true);
  });

  it('throws YANG_CONTEXT for a bad search dir and for a broken module file', () => {
    expect(() => new YangContext({ searchDirs: ['/no/such/dir'] })).toThrow(/does not exist/);
    ctx = new YangContext({ systemDirs: false });
    const syntax = captureError(() => ctx!.loadModuleFromPath(join(FIXTURES, 'broken', 'milli-test-broken.yang')));
    expect(syntax.code).toBe('YANG_CONTEXT');
    expect(syntax.records.map((r) => [r.validationCodeName, r.message, r.line])).toEqual([
      ['LYVE_SYNTAX', 'Unexpected end-of-input.', 6],
      ['LYVE_SYNTAX', 'Parsing module "milli-test-broken" failed.', undefined],
    ]);
    const badType = captureError(() => ctx!.loadModuleFromPath(join(FIXTURES, 'broken', 'milli-test-badtype.yang')));
    expect(badType.records[0]).toMatchObject({
      validationCodeName: 'LYVE_REFERENCE',
      message: 'Referenced type "nosuchtype" not found.',
      schemaPath: '/milli-test-badtype:c/x',
    });
    expect(badType.message).toContain('/milli-test-badtype:c/x');
  });

  it('throws YANG_NOT_FOUND when printing the tree of a module that is not loaded', () => {
    ctx = new YangContext({ systemDirs: false });
    expect(captureError(() => ctx!.printTree('milli-test-optical')).code).toBe('YANG_NOT_FOUND');
  });

  it('finds the system module dirs Debian uses', () => {
    expect(existsSync('/usr/share/yuma/modules/ietf/ietf-netconf@2011-06-01.yang')).toBe(true);
  });
});
