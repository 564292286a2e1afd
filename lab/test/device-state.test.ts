import { serializeXml, type XmlElement } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otn, roadm, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';
import { channelWithUses } from './support/roadmXml';

const LAB = 'xmlns="urn:milli:yang:milli-lab"';
const NOTIF = 'xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"';

/** Text of the first element at a path of local names under `el`. */
function textAt(el: XmlElement, ...path: string[]): string | undefined {
  let at: XmlElement | undefined = el;
  for (const name of path) at = at?.children.find((c) => c.local === name);
  return at?.text.trim();
}
function port(reply: XmlElement, name: string): XmlElement {
  const ports = reply.children[0]!.children.find((c) => c.local === 'device')!.children.find((c) => c.local === 'ports')!;
  return ports.children.find((p) => textAt(p, 'name') === name)!;
}

describe('mock device: operational state, filters and notifications (ROADM)', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let crashes = 0;
  let s: RawSession;

  beforeAll(async () => {
    device = await startDevice(roadm, {
      onCrash: () => {
        crashes++;
      },
    });
    s = await RawSession.open(device.port);
    await s.rpc(`<edit-config>${CANDIDATE}<config>${channelWithUses('mc-1', 36)}</config></edit-config>`);
    expect(isOk(await s.rpc('<commit/>'))).toBe(true);
  });
  afterAll(async () => {
    s.close();
    await device.stop();
  });

  it('get returns identity, port oper-status and the neighbour at the far end of each fibre', async () => {
    const reply = await s.rpc('<get/>');
    const device = reply.children[0]!.children.find((c) => c.local === 'device')!;
    expect(textAt(device, 'identity', 'id')).toBe('CORE-1-roadm');
    expect(textAt(device, 'identity', 'kind')).toBe('roadm');
    const deg2 = port(reply, 'deg-2');
    expect(textAt(deg2, 'oper-status')).toBe('up');
    expect(textAt(deg2, 'neighbour', 'remote-device')).toBe('CORE-3-roadm');
    expect(textAt(deg2, 'neighbour', 'remote-port')).toBe('deg-2');
    expect(textAt(deg2, 'neighbour', 'fibre-id')).toBe('F-2');
    expect(Number(textAt(deg2, 'neighbour', 'fibre-length-km'))).toBe(12.5);
    expect(Number(textAt(deg2, 'neighbour', 'measured-latency-us'))).toBe(70);
    // No measured latency on F-1: the latency model's 4.897 us/km.
    expect(Number(textAt(port(reply, 'deg-1'), 'neighbour', 'measured-latency-us'))).toBeCloseTo(20 * 4.897, 3);
    // An add/drop port with no fibre has no light.
    expect(textAt(port(reply, 'ad-2'), 'oper-status')).toBe('down');
    expect(serializeXml(reply)).toContain('<oper-status>up</oper-status></media-channel>');
    // get-config has no state.
    expect(serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'))).not.toContain('oper-status');
  });

  it('applies subtree filters (content match, selection) and XPath filters with the request’s prefixes', async () => {
    const subtree = await s.rpc(
      '<get><filter type="subtree"><device xmlns="urn:milli:yang:milli-device"><ports><port><name>deg-1</name><oper-status/></port></ports></device></filter></get>',
    );
    const text = serializeXml(subtree);
    expect(text).toContain('<name>deg-1</name><oper-status>up</oper-status>');
    expect(text).not.toContain('deg-2');
    expect(text).not.toContain('neighbour');
    expect(text).not.toContain('roadm');
    const none = await s.rpc(
      '<get-config><source><running/></source><filter type="subtree"><device xmlns="urn:milli:yang:milli-device"><ports><port><name>zzz</name></port></ports></device></filter></get-config>',
    );
    expect(none.children[0]!.children).toEqual([]);
    const xpath = await s.rpc(
      `<get xmlns:r="urn:milli:yang:milli-roadm"><filter type="xpath" select="/r:roadm/r:media-channels/r:media-channel[r:name='mc-1']/r:oper-status"/></get>`,
    );
    const xtext = serializeXml(xpath);
    expect(xtext).toContain('<name>mc-1</name>');
    expect(xtext).toContain('<oper-status>up</oper-status>');
    expect(xtext).not.toContain('<channel>');
    const bad = errorsOf(await s.rpc('<get><filter type="xpath" select="/q:thing"/></get>'));
    expect(bad[0]).toMatchObject({ 'error-tag': 'invalid-value' });
  });

  it('a fibre cut raises loss-of-signal, takes the port and its media channel down; a restore clears it', async () => {
    const w = await RawSession.open(device.port);
    try {
      expect(isOk(await w.rpc(`<create-subscription ${NOTIF}/>`))).toBe(true);
      expect(isOk(await s.rpc(`<cut-fibre ${LAB}><fibre-id>F-1</fibre-id></cut-fibre>`))).toBe(true);
      const [raised] = await w.waitNotifications(1);
      const event = raised!.children.find((c) => c.local === 'alarm-raised')!;
      expect(textAt(event, 'resource')).toBe('deg-1');
      expect(textAt(event, 'type')).toBe('loss-of-signal');
      expect(textAt(event, 'severity')).toBe('critical');
      let state = await s.rpc('<get/>');
      expect(textAt(port(state, 'deg-1'), 'oper-status')).toBe('down');
      expect(textAt(port(state, 'deg-2'), 'oper-status')).toBe('up');
      let text = serializeXml(state);
      expect(text).toContain('<oper-status>down</oper-status></media-channel>');
      expect(text).toContain('<alarm><id>los-deg-1</id><resource>deg-1</resource><type>loss-of-signal</type>');
      expect(text).toContain('<cut-fibre>F-1</cut-fibre>');
      // Cutting it again changes nothing and raises nothing.
      expect(isOk(await s.rpc(`<cut-fibre ${LAB}><fibre-id>F-1</fibre-id></cut-fibre>`))).toBe(true);

      device.mock.applyFault({ kind: 'restore-fibre', fibre: 'F-1' });
      const notes = await w.waitNotifications(2);
      expect(notes).toHaveLength(2);
      const cleared = notes[1]!.children.find((c) => c.local === 'alarm-cleared')!;
      expect(textAt(cleared, 'id')).toBe('los-deg-1');
      state = await s.rpc('<get/>');
      text = serializeXml(state);
      expect(textAt(port(state, 'deg-1'), 'oper-status')).toBe('up');
      expect(text).not.toContain('<alarm>');
      expect(text).not.toContain('<cut-fibre>');
    } finally {
      w.close();
    }
  });

  it('applies a subscription’s subtree filter to events', async () => {
    const w = await RawSession.open(device.port);
    try {
      const filter = '<filter type="subtree"><alarm-raised xmlns="urn:milli:yang:milli-device"/></filter>';
      expect(isOk(await w.rpc(`<create-subscription ${NOTIF}>${filter}</create-subscription>`))).toBe(true);
      expect(errorsOf(await w.rpc(`<create-subscription ${NOTIF}/>`))[0]!['error-tag']).toBe('operation-failed');
      await s.rpc(
        `<edit-config>${CANDIDATE}<config><device xmlns="urn:milli:yang:milli-device"><ports><port><name>ad-2</name><description>spare</description></port></ports></device></config></edit-config>`,
      );
      expect(isOk(await s.rpc('<commit/>'))).toBe(true);
      device.mock.applyFault({ kind: 'cut-fibre', fibre: 'F-2' });
      device.mock.applyFault({ kind: 'restore-fibre', fibre: 'F-2' });
      const notes = await w.waitNotifications(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(notes.map((n) => n.children[1]!.local)).toEqual(['alarm-raised']);
    } finally {
      w.close();
    }
  });

  it('refuses a fibre that does not end here, and lab RPC input that breaks milli-lab', async () => {
    const far = errorsOf(await s.rpc(`<cut-fibre ${LAB}><fibre-id>F-4</fibre-id></cut-fibre>`));
    expect(far[0]).toMatchObject({ 'error-tag': 'invalid-value' });
    expect(far[0]!['error-message']).toContain('F-4');
    const missing = errorsOf(await s.rpc(`<cut-fibre ${LAB}/>`));
    expect(missing[0]!['error-message']).toMatch(/fibre-id|[Mm]andatory/);
    const tooLong = errorsOf(await s.rpc(`<delay ${LAB}><milliseconds>9999999</milliseconds></delay>`));
    expect(tooLong[0]!['error-tag']).toBe('invalid-value');
    expect(() => device.mock.applyFault({ kind: 'cut-fibre', fibre: 'F-404' })).toThrow(
      expect.objectContaining({ code: 'TOPOLOGY_NOT_FOUND', message: expect.stringContaining('F-404') }),
    );
    expect(() => device.mock.applyFault({ kind: 'delay', ms: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('delay slows every reply down, clear-faults removes it, crash calls the host’s callback', async () => {
    expect(isOk(await s.rpc(`<delay ${LAB}><milliseconds>300</milliseconds></delay>`))).toBe(true);
    const started = performance.now();
    await s.rpc('<get-config><source><running/></source></get-config>');
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(serializeXml(await s.rpc('<get><filter type="subtree"><faults xmlns="urn:milli:yang:milli-lab"/></filter></get>'))).toContain(
      '<delay-ms>300</delay-ms>',
    );
    expect(isOk(await s.rpc(`<clear-faults ${LAB}/>`))).toBe(true);
    expect(serializeXml(await s.rpc('<get><filter type="subtree"><faults xmlns="urn:milli:yang:milli-lab"/></filter></get>'))).toContain(
      '<delay-ms>0</delay-ms>',
    );
    expect(isOk(await s.rpc(`<crash ${LAB}/>`))).toBe(true);
    await vi.waitFor(() => expect(crashes).toBe(1));
  });

  it('reports its YANG library, matching the module-set id of its hello', async () => {
    const reply = await s.rpc(
      '<get><filter type="subtree"><yang-library xmlns="urn:ietf:params:xml:ns:yang:ietf-yang-library"/></filter></get>',
    );
    const lib = reply.children[0]!.children[0]!;
    const setId = /module-set-id=([0-9a-f]+)/.exec(s.capabilities.find((c) => c.includes(':yang-library:'))!)?.[1];
    expect(textAt(lib, 'content-id')).toBe(setId);
    const modules = lib.children.find((c) => c.local === 'module-set')!.children.filter((c) => c.local === 'module');
    const roadmModule = modules.find((m) => textAt(m, 'name') === 'milli-roadm')!;
    expect(textAt(roadmModule, 'revision')).toBe('2026-12-07');
    const netconf = modules.find((m) => textAt(m, 'name') === 'ietf-netconf')!;
    const features = netconf.children.filter((c) => c.local === 'feature').map((c) => c.text);
    expect(features).toEqual(
      expect.arrayContaining(['candidate', 'confirmed-commit', 'rollback-on-error', 'validate', 'startup', 'xpath']),
    );
    expect(features).not.toContain('url');
    expect(features).not.toContain('writable-running');
    expect(serializeXml(lib)).toContain('ds:candidate</name>');
  });

  it('serves its modules with get-schema', async () => {
    const reply = await s.rpc(
      '<get-schema xmlns="urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring"><identifier>milli-roadm</identifier><version>2026-12-07</version><format>yang</format></get-schema>',
    );
    const data = reply.children.find((c) => c.local === 'data')!;
    expect(data.text).toMatch(/^module milli-roadm \{/);
    const unknown = errorsOf(
      await s.rpc(
        '<get-schema xmlns="urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring"><identifier>acme-widgets</identifier></get-schema>',
      ),
    );
    expect(unknown[0]!['error-tag']).toBe('invalid-value');
  });
});

describe('mock device: OTN physics', () => {
  it('takes an ODU and its cross-connect down when the fibre under its line port is cut', async () => {
    const device = await startDevice(otn);
    const s = await RawSession.open(device.port);
    try {
      const config =
        '<otn xmlns="urn:milli:yang:milli-otn"><odus>' +
        '<odu><name>c1</name><type>ODU2</type><port>client-1</port></odu>' +
        '<odu><name>l1</name><type>ODU2</type><port>line-1</port>' +
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `<tributary-slots>${n}</tributary-slots>`).join('') +
        '</odu></odus><slot-owners>' +
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `<slot-owner><port>line-1</port><slot>${n}</slot><odu>l1</odu></slot-owner>`).join('') +
        '</slot-owners><odu-cross-connects><odu-cross-connect><name>x1</name><from>c1</from><to>l1</to></odu-cross-connect></odu-cross-connects>' +
        '<odu-uses><odu-use><odu>c1</odu><cross-connect>x1</cross-connect></odu-use><odu-use><odu>l1</odu><cross-connect>x1</cross-connect></odu-use></odu-uses></otn>';
      // The summary the lab host follows light with is kept per running tree: a commit must be seen at once.
      expect(device.mock.config().odus).toEqual([]);
      const edit = await s.rpc(`<edit-config>${CANDIDATE}<config>${config}</config></edit-config>`);
      expect(errorsOf(edit)).toEqual([]);
      expect(device.mock.config().odus).toEqual([]);
      expect(isOk(await s.rpc('<commit/>'))).toBe(true);
      expect(device.mock.config().odus.map((o) => o.name)).toEqual(['c1', 'l1']);
      const before = serializeXml(await s.rpc('<get/>'));
      expect(before).toContain('<name>x1</name><from>c1</from><to>l1</to><oper-status>up</oper-status>');
      expect(before).toContain('<tributary-slot-count>80</tributary-slot-count>');
      expect(before).toContain('<used-tributary-slots>8</used-tributary-slots>');
      device.mock.applyFault({ kind: 'cut-fibre', fibre: 'F-4' });
      const after = serializeXml(await s.rpc('<get/>'));
      expect(after).toContain('<name>x1</name><from>c1</from><to>l1</to><oper-status>down</oper-status>');
      expect(after).toMatch(/<name>l1<\/name>.*?<oper-status>down<\/oper-status>/);
      expect(after).toMatch(/<name>c1<\/name><type>ODU2<\/type><port>client-1<\/port><oper-status>up<\/oper-status>/);
      // A get filtered to milli-otn builds that module's state only, from the same port status (line-1 is dark).
      const filtered = await s.rpc('<get><filter type="subtree"><otn xmlns="urn:milli:yang:milli-otn"/></filter></get>');
      const full = await s.rpc('<get/>');
      const otnOf = (reply: XmlElement) => serializeXml(reply.children[0]!.children.find((c) => c.local === 'otn')!);
      expect(filtered.children[0]!.children.map((c) => c.local)).toEqual(['otn']);
      expect(otnOf(filtered)).toBe(otnOf(full));
      expect(otnOf(filtered)).toContain('<oper-status>down</oper-status>');
      expect(full.children[0]!.children.map((c) => c.local)).toEqual(expect.arrayContaining(['device', 'otn', 'yang-library']));
    } finally {
      s.close();
      await device.stop();
    }
  });
});
