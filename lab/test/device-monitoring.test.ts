import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETCONF_BASE_NS, parseCapabilities, serializeXml, type XmlElement } from '@milli/netconf-client';
import { YangContext } from '@milli/yang-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadm, startDevice } from './support/deviceFixtures';
import { RawSession, errorsOf, isOk } from './support/rawSession';

// What a client learns about a device before it can talk to it (RFC 8525 yang-library, RFC 6022 monitoring and
// get-schema), and the filters that clients send at connect time, libnetconf2's and ncclient's among them.

const NCM = 'urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring';
const YANGLIB = 'urn:ietf:params:xml:ns:yang:ietf-yang-library';

function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const name of path) at = at?.children.find((c) => c.local === name);
  return at;
}
function all(el: XmlElement | undefined, local: string): XmlElement[] {
  return el?.children.filter((c) => c.local === local) ?? [];
}
function text(el: XmlElement | undefined, ...path: string[]): string | undefined {
  return child(el, ...path)?.text.trim();
}
/** The `<data>` of a get reply. */
function dataOf(reply: XmlElement): XmlElement {
  const data = child(reply, 'data');
  if (data === undefined) throw new Error(`no data in ${serializeXml(reply)}`);
  return data;
}

interface LibraryModule {
  name: string;
  revision: string;
  namespace: string;
  features: string[];
}

function libraryModules(lib: XmlElement, kind: 'module' | 'import-only-module'): LibraryModule[] {
  return all(child(lib, 'module-set'), kind).map((m) => ({
    name: text(m, 'name')!,
    revision: text(m, 'revision') ?? '',
    namespace: text(m, 'namespace')!,
    features: all(m, 'feature')
      .map((f) => f.text.trim())
      .sort(),
  }));
}

describe('mock device: what it says it is (yang-library, hello, ietf-netconf-monitoring, get-schema)', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let s: RawSession;
  let library: XmlElement;

  beforeAll(async () => {
    device = await startDevice(roadm);
    s = await RawSession.open(device.port);
    library = child(dataOf(await s.rpc(`<get><filter type="subtree"><yang-library xmlns="${YANGLIB}"/></filter></get>`)), 'yang-library')!;
  });
  afterAll(async () => {
    s.close();
    await device.stop();
  });

  it('announces in its hello exactly the modules its YANG library implements, with revisions and features', () => {
    const hello = parseCapabilities(s.capabilities)
      .modules.map((m) => ({ name: m.name, revision: m.revision ?? '', namespace: m.namespace, features: [...m.features].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const implemented = libraryModules(library, 'module').sort((a, b) => a.name.localeCompare(b.name));
    // Both ways: every module of the hello is in the library as implemented, and every implemented one is in the hello.
    expect(hello).toEqual(implemented);
    const names = hello.map((m) => m.name);
    for (const needed of ['ietf-netconf', 'ietf-netconf-monitoring', 'ietf-netconf-notifications', 'notifications', 'milli-roadm']) {
      expect(names).toContain(needed);
    }
    // Import-only modules are not announced as capabilities.
    const importOnly = libraryModules(library, 'import-only-module').map((m) => m.name);
    expect(importOnly).toEqual(expect.arrayContaining(['ietf-inet-types', 'ietf-yang-types', 'milli-types']));
    for (const name of importOnly) expect(names).not.toContain(name);
    const setId = /module-set-id=([0-9a-f]+)/.exec(s.capabilities.find((c) => c.includes(':yang-library:'))!)?.[1];
    expect(text(library, 'content-id')).toBe(setId);
  });

  it('serves every module of its library with get-schema, and those texts alone load in a fresh YANG context', async () => {
    const everything = [...libraryModules(library, 'module'), ...libraryModules(library, 'import-only-module')];
    const dir = mkdtempSync(join(tmpdir(), 'milli-get-schema-'));
    try {
      const listed = new Set(everything.map((m) => m.name));
      for (const m of everything) {
        const reply = await s.rpc(
          `<get-schema xmlns="${NCM}"><identifier>${m.name}</identifier><version>${m.revision}</version><format>yang</format></get-schema>`,
        );
        const source = text(reply, 'data') ?? '';
        expect(source, m.name).toMatch(new RegExp(`^\\s*module ${m.name} \\{`));
        if (m.revision) expect(source, m.name).toMatch(new RegExp(`revision\\s+"?${m.revision}"?`));
        // Every import is itself in the library, so a client that fetches what is listed has all it needs.
        const statements = source.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""'); // not the examples in descriptions
        for (const [, imported] of statements.matchAll(/^\s*import\s+([\w.-]+)/gm)) {
          expect(listed, `${m.name} imports ${imported}`).toContain(imported);
        }
        writeFileSync(join(dir, `${m.name}${m.revision ? `@${m.revision}` : ''}.yang`), source);
      }
      // A client's view: nothing but what the device served (libyang's own built-in modules aside).
      const fresh = new YangContext({ searchDirs: [dir], systemDirs: false });
      try {
        for (const m of libraryModules(library, 'module')) fresh.loadModule(m.name, { revision: m.revision, features: m.features });
        const loaded = new Set(fresh.listModules().map((m) => `${m.name}@${m.revision}`));
        for (const m of libraryModules(library, 'module')) expect(loaded).toContain(`${m.name}@${m.revision}`);
      } finally {
        fresh.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists in netconf-state the capabilities of its hello and one YANG schema per library module', async () => {
    const state = child(
      dataOf(await s.rpc(`<get><filter type="subtree"><netconf-state xmlns="${NCM}"/></filter></get>`)),
      'netconf-state',
    )!;
    expect(all(child(state, 'capabilities'), 'capability').map((c) => c.text.trim())).toEqual(s.capabilities);
    const schemas = all(child(state, 'schemas'), 'schema').map((x) => `${text(x, 'identifier')}@${text(x, 'version')}`);
    const everything = [...libraryModules(library, 'module'), ...libraryModules(library, 'import-only-module')];
    expect(schemas.sort()).toEqual(everything.map((m) => `${m.name}@${m.revision}`).sort());
    const netconfSchema = all(child(state, 'schemas'), 'schema').find((x) => text(x, 'identifier') === 'ietf-netconf')!;
    expect(text(netconfSchema, 'format')).toMatch(/:yang$/);
    expect(text(netconfSchema, 'namespace')).toBe(NETCONF_BASE_NS);
    expect(text(netconfSchema, 'location')).toBe('NETCONF');
    expect(all(child(state, 'datastores'), 'datastore').map((d) => text(d, 'name'))).toEqual(['running', 'candidate', 'startup']);
  });

  it('reports sessions, datastore locks and statistics as they change', async () => {
    const read = async () =>
      child(dataOf(await s.rpc(`<get><filter type="subtree"><netconf-state xmlns="${NCM}"/></filter></get>`)), 'netconf-state')!;
    const before = await read();
    const other = await RawSession.open(device.port);
    try {
      const stats = (state: XmlElement, name: string) => Number(text(state, 'statistics', name));
      expect(isOk(await other.rpc('<lock><target><running/></target></lock>'))).toBe(true);
      // A message that is not an rpc: in-bad-rpcs and out-rpc-errors of the session and of the device.
      other.sendRaw(`<rpc xmlns="${NETCONF_BASE_NS}"><get/></rpc>`);
      expect(errorsOf(await other.next())[0]!['error-tag']).toBe('missing-attribute');
      const during = await read();
      const running = all(child(during, 'datastores'), 'datastore').find((d) => text(d, 'name') === 'running')!;
      expect(Number(text(running, 'locks', 'global-lock', 'locked-by-session'))).toBe(other.sessionId);
      expect(text(running, 'locks', 'global-lock', 'locked-time')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      const sessions = all(child(during, 'sessions'), 'session');
      const mine = sessions.find((x) => Number(text(x, 'session-id')) === other.sessionId)!;
      expect(text(mine, 'username')).toBe('lab');
      expect(text(mine, 'source-host')).toBe('127.0.0.1');
      expect(text(mine, 'transport')).toMatch(/:netconf-ssh$/);
      expect(Number(text(mine, 'in-rpcs'))).toBe(1);
      expect(Number(text(mine, 'in-bad-rpcs'))).toBe(1);
      expect(Number(text(mine, 'out-rpc-errors'))).toBe(1);
      expect(sessions.map((x) => Number(text(x, 'session-id')))).toContain(s.sessionId);
      expect(stats(during, 'in-sessions')).toBe(stats(before, 'in-sessions') + 1);
      expect(stats(during, 'in-bad-rpcs')).toBe(stats(before, 'in-bad-rpcs') + 1);
      // The two gets of this session, the lock and the bad message in between.
      expect(stats(during, 'in-rpcs')).toBe(stats(before, 'in-rpcs') + 2);

      // Dropping the connection is a dropped session; its lock goes with it.
      other.close();
      let after = await read();
      for (let i = 0; i < 50 && stats(after, 'dropped-sessions') === stats(before, 'dropped-sessions'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await read();
      }
      expect(stats(after, 'dropped-sessions')).toBe(stats(before, 'dropped-sessions') + 1);
      expect(child(all(child(after, 'datastores'), 'datastore')[0], 'locks')).toBeUndefined();
      expect(all(child(after, 'sessions'), 'session').map((x) => Number(text(x, 'session-id')))).not.toContain(other.sessionId);

      // close-session is an orderly end, not a drop.
      const polite = await RawSession.open(device.port);
      expect(isOk(await polite.rpc('<close-session/>'))).toBe(true);
      const closed = await read();
      expect(stats(closed, 'dropped-sessions')).toBe(stats(after, 'dropped-sessions'));
    } finally {
      other.close();
    }
  });
});

describe('mock device: filters as clients send them at connect time, leaf-lists included', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let s: RawSession;

  beforeAll(async () => {
    device = await startDevice(roadm);
    s = await RawSession.open(device.port);
  });
  afterAll(async () => {
    s.close();
    await device.stop();
  });

  const netconfModule = (data: XmlElement) =>
    all(child(data, 'yang-library', 'module-set'), 'module').find((m) => text(m, 'name') === 'ietf-netconf');

  it("answers libnetconf2's yang-library read (select=/yanglib:*) with the module features", async () => {
    // Byte for byte what libnetconf2 2.0 sends while connecting.
    const reply = await s.rpc(
      `<get xmlns="${NETCONF_BASE_NS}"><filter type="xpath" xmlns:yanglib="${YANGLIB}" select="/yanglib:*"/></get>`,
    );
    expect(errorsOf(reply)).toEqual([]);
    const data = dataOf(reply);
    expect(data.children.map((c) => c.local).sort()).toEqual(['modules-state', 'yang-library']);
    const features = all(netconfModule(data), 'feature').map((f) => f.text.trim());
    expect(features).toEqual(expect.arrayContaining(['candidate', 'confirmed-commit', 'validate', 'xpath']));
    expect(features).not.toContain('');
  });

  it('returns one module with its leaf-list, or one leaf-list entry, for an XPath that selects just that', async () => {
    const one = dataOf(
      await s.rpc(
        `<get><filter type="xpath" xmlns:yl="${YANGLIB}" select="/yl:yang-library/yl:module-set/yl:module[yl:name='ietf-netconf']"/></get>`,
      ),
    );
    expect(all(child(one, 'yang-library', 'module-set'), 'module').map((m) => text(m, 'name'))).toEqual(['ietf-netconf']);
    expect(all(netconfModule(one), 'feature').length).toBeGreaterThanOrEqual(4);
    const entry = dataOf(
      await s.rpc(
        `<get><filter type="xpath" xmlns:yl="${YANGLIB}" select="/yl:yang-library/yl:module-set/yl:module[yl:name='ietf-netconf']/yl:feature[.='xpath']"/></get>`,
      ),
    );
    // The entry, with the keys of the entries above it and nothing else.
    expect(serializeXml(entry)).toBe(
      `<data xmlns="${NETCONF_BASE_NS}"><yang-library xmlns="${YANGLIB}"><module-set><name>complete</name><module><name>ietf-netconf</name><feature>xpath</feature></module></module-set></yang-library></data>`,
    );
  });

  it('selects leaf-lists in a subtree filter: all entries by a selection node, one by a content match', async () => {
    const selection = dataOf(
      await s.rpc(
        `<get><filter type="subtree"><yang-library xmlns="${YANGLIB}"><module-set><module><name>ietf-netconf</name><feature/></module></module-set></yang-library></filter></get>`,
      ),
    );
    const module = netconfModule(selection)!;
    expect(module.children.map((c) => c.local)).toEqual(['name', ...all(module, 'feature').map(() => 'feature')]);
    expect(all(module, 'feature').map((f) => f.text.trim())).toContain('confirmed-commit');
    const match = dataOf(
      await s.rpc(
        `<get><filter type="subtree"><yang-library xmlns="${YANGLIB}"><module-set><module><name/><feature>confirmed-commit</feature></module></module-set></yang-library></filter></get>`,
      ),
    );
    // Only the module with that feature, with its name and that entry.
    expect(all(child(match, 'yang-library', 'module-set'), 'module').map((m) => serializeXml(m))).toEqual([
      `<module xmlns="${YANGLIB}"><name>ietf-netconf</name><feature>confirmed-commit</feature></module>`,
    ]);
  });

  it("answers ncclient's prefixed filters (nc: elements, an xmlns map on the filter) the same by XPath and by subtree", async () => {
    const byXpath = await s.rpc(
      `<nc:get xmlns:nc="${NETCONF_BASE_NS}"><nc:filter type="xpath" xmlns:p="${NCM}" select="/p:netconf-state/p:schemas"/></nc:get>`,
    );
    const bySubtree = await s.rpc(
      `<nc:get xmlns:nc="${NETCONF_BASE_NS}"><nc:filter type="subtree"><ncm:netconf-state xmlns:ncm="${NCM}"><ncm:schemas/></ncm:netconf-state></nc:filter></nc:get>`,
    );
    expect(errorsOf(byXpath)).toEqual([]);
    const schemas = all(child(dataOf(byXpath), 'netconf-state', 'schemas'), 'schema');
    expect(schemas.map((x) => text(x, 'identifier'))).toContain('ietf-netconf-monitoring');
    expect(serializeXml(dataOf(byXpath))).toBe(serializeXml(dataOf(bySubtree)));
    // ncclient's get-schema: the identifier alone, under a generated prefix.
    const schema = await s.rpc(`<ns0:get-schema xmlns:ns0="${NCM}"><ns0:identifier>ietf-netconf</ns0:identifier></ns0:get-schema>`);
    expect(text(schema, 'data')).toMatch(/^\s*module ietf-netconf \{/);
  });
});
