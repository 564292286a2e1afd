import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YangContext } from '../src/index';
import { captureError, deviceXml, testContext } from './helpers';

let ctx: YangContext;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.dispose());

const DEV = '/milli-test-optical:device';

describe('DataTree building and reading', () => {
  it('newPath builds a tree from nothing, creating parents and list entries', () => {
    const tree = ctx.newTree();
    expect(tree.isEmpty()).toBe(true);
    tree.newPath(`${DEV}/name`, 'roadm-9');
    tree.newPath(`${DEV}/port[name='a']/kind`, 'add-drop');
    tree.newPath(`${DEV}/port[name='b']`);
    tree.newPath(`${DEV}/cross-connect[channel='12'][from='a']/to`, 'b');
    tree.newPath(`${DEV}/tag`, 'metro');
    tree.newPath(`${DEV}/tag`, 'east');
    expect(tree.isEmpty()).toBe(false);
    tree.validate('config');
    expect(tree.print('xml', { shrink: true })).toBe(
      '<device xmlns="urn:milli:test:optical"><name>roadm-9</name><port><name>a</name><kind>add-drop</kind></port><port><name>b</name></port>' +
        '<cross-connect><channel>12</channel><from>a</from><to>b</to></cross-connect><tag>metro</tag><tag>east</tag></device>',
    );
  });

  it('newPath refuses an existing leaf unless update is set, and rejects bad values and paths', () => {
    const tree = ctx.newTree();
    tree.newPath(`${DEV}/name`, 'one');
    expect(captureError(() => tree.newPath(`${DEV}/name`, 'two')).records[0]?.message).toMatch(/already exists/);
    tree.newPath(`${DEV}/name`, 'two', { update: true });
    expect(tree.find(`${DEV}/name`)[0]?.value).toBe('two');
    const range = captureError(() => tree.newPath(`${DEV}/cross-connect[channel='0'][from='a']/to`, 'b'));
    expect(range.records[0]?.message).toMatch(/range/);
    const unknown = captureError(() => tree.newPath(`${DEV}/colour`, 'red'));
    expect(unknown.records[0]?.message).toMatch(/colour/);
    // Failed calls left nothing behind.
    expect(tree.find(`${DEV}/cross-connect`)).toEqual([]);
  });

  it('newPath with output builds an RPC reply', () => {
    const tree = ctx.newTree();
    tree.newPath('/milli-test-optical:reset-port/duration-ms', '40', { output: true });
    expect(tree.print('xml', { shrink: true })).toBe(
      '<reset-port xmlns="urn:milli:test:optical"><duration-ms>40</duration-ms></reset-port>',
    );
  });

  it('find, roots, children and parent expose node views', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const [root, ...others] = tree.roots();
    expect(others).toEqual([]);
    expect(root).toMatchObject({
      name: 'device',
      module: 'milli-test-optical',
      kind: 'container',
      path: DEV,
      isConfig: true,
      isKey: false,
      keys: [],
    });
    expect(root!.value).toBeUndefined();
    expect(root!.parent()).toBeUndefined();
    expect(root!.children().map((c) => `${c.kind}:${c.name}`)).toEqual([
      'leaf:name',
      'leaf:vendor',
      'list:port',
      'list:port',
      'list:cross-connect',
    ]);
    const xc = tree.find('//cross-connect')[0]!;
    expect(xc.keys).toEqual(['channel', 'from']);
    expect(xc.path).toBe(`${DEV}/cross-connect[channel='5'][from='p1']`);
    const [channel, from, to, power] = xc.children();
    expect([channel?.isKey, from?.isKey, to?.isKey, power?.isKey]).toEqual([true, true, false, false]);
    expect([channel?.value, from?.value, to?.value, power?.value]).toEqual(['5', 'p1', 'p2', '-3.5']);
    expect(power!.parent()!.path).toBe(xc.path);
    expect(tree.find(`${DEV}/port/name`).map((n) => n.value)).toEqual(['p1', 'p2']);
    expect(tree.find(`${DEV}/port[kind='add-drop']`).map((n) => n.path)).toEqual([`${DEV}/port[name='p2']`]);
    expect(tree.find('//nothing-here')).toEqual([]);
    expect(tree.find(`${DEV}/vendor`)[0]?.value).toBe('milli');
    expect(tree.find(`${DEV}/vendor`)[0]?.isDefault).toBe(true);
    expect(tree.find(`${DEV}/name`)[0]?.isDefault).toBe(false);
  });

  it('find reports a broken XPath as a YangError', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const error = captureError(() => tree.find('//port[name='));
    expect(error.records.length).toBeGreaterThan(0);
    expect(error.records[0]?.validationCodeName).toBe('LYVE_XPATH');
  });

  it('remove frees every match, nested matches once, and updates the roots', () => {
    const tree = ctx.parseData(deviceXml('<tag>a</tag><tag>b</tag><tag>c</tag>'), { format: 'xml', mode: 'config' });
    expect(tree.remove(`${DEV}/tag`)).toBe(3);
    expect(tree.find(`${DEV}/tag`)).toEqual([]);
    // The port and its enabled leaf both match: one subtree is freed.
    expect(tree.remove(`${DEV}/port[name='p2'] | ${DEV}/port[name='p2']/kind`)).toBe(1);
    expect(tree.find(`${DEV}/port`).map((n) => n.path)).toEqual([`${DEV}/port[name='p1']`]);
    expect(tree.remove('//no-match')).toBe(0);
    expect(tree.remove(DEV)).toBe(1);
    expect(tree.isEmpty()).toBe(true);
    expect(tree.roots()).toEqual([]);
    expect(tree.print('xml')).toBe('');
  });

  it('has finds a node at a data path by its keys, a leaf and a leaf-list value too, and takes an XPath it cannot find so', () => {
    const tree = ctx.parseData(deviceXml('<tag>a</tag><tag>b</tag>'), { format: 'xml', mode: 'config' });
    expect(tree.has(`${DEV}/port[name='p1']`)).toBe(true);
    expect(tree.has(`${DEV}/port[name='p2']/kind`)).toBe(true);
    expect(tree.has(`${DEV}/tag[.='b']`)).toBe(true);
    expect(tree.has(`${DEV}/tag[.='z']`)).toBe(false);
    expect(tree.has(`${DEV}/port[name='p9']`)).toBe(false);
    expect(tree.has(`${DEV}/port[name='p9']/kind`)).toBe(false);
    expect(tree.has(`${DEV}/port[name='p1'] | ${DEV}/port[name='p9']`)).toBe(true);
    expect(tree.has(`${DEV}/port[kind='nothing']`)).toBe(false);
    tree.dispose();
  });

  it('removeAt frees the one entry at a data path, nothing when there is none, and takes an XPath it cannot find by keys', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    expect(tree.removeAt(`${DEV}/port[name='p9']`)).toBe(0);
    expect(tree.removeAt(`${DEV}/port[name='p2']`)).toBe(1);
    expect(tree.find(`${DEV}/port`).map((n) => n.path)).toEqual([`${DEV}/port[name='p1']`]);
    expect(tree.removeAt(`${DEV}/port[name='p2']`)).toBe(0);
    // Not a data path (a union): removed as an XPath, like remove.
    expect(tree.removeAt(`${DEV}/port[name='p1'] | ${DEV}/port[name='p1']/kind`)).toBe(1);
    expect(tree.find(`${DEV}/port`)).toEqual([]);
    expect(tree.removeAt(DEV)).toBe(1);
    expect(tree.isEmpty()).toBe(true);
    expect(tree.removeAt(DEV)).toBe(0);
  });

  it('remove refuses a list key', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    expect(() => tree.remove(`${DEV}/port/name`)).toThrow(/list key/);
    expect(tree.find(`${DEV}/port`).length).toBe(2);
  });

  it('print round-trips through XML and JSON, with with-defaults modes', () => {
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const xml = tree.print('xml');
    const json = tree.print('json');
    const again = ctx.parseData(json, { format: 'json', mode: 'config' });
    expect(again.print('xml')).toBe(xml);
    expect(ctx.parseData(xml, { format: 'xml', mode: 'config' }).print('json')).toBe(json);
    expect(xml).not.toContain('<vendor>');
    expect(tree.print('xml', { withDefaults: 'all' })).toContain('<vendor>milli</vendor>');
    expect(tree.print('xml', { withDefaults: 'all' })).toContain('<enabled>true</enabled>');
    expect(JSON.parse(tree.print('json', { shrink: true }))).toEqual(JSON.parse(json));
    expect(tree.print('json', { shrink: true })).not.toContain('\n');
  });
});
