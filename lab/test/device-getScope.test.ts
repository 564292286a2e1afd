import { parseXml, serializeXml, type XmlElement } from '@milli/netconf-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySubtreeFilter } from '../src/device/datastore/subtreeFilter';
import { otn, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';

const OTN = 'xmlns="urn:milli:yang:milli-otn"';
const OSU = 'xmlns="urn:milli:yang:milli-osu"';
const DEV = 'xmlns="urn:milli:yang:milli-device"';
const ODUS = 18;
const CONNECTIONS = 20;

/** ODU0s on line-1 (one tributary slot each), an ODU0 on the client port cross-connected to one, OSU connections: lists long enough for their entries to be pruned (PRUNED_LIST_LENGTH), and short ones (line ports). */
const CONFIG =
  `<otn ${OTN}><odus>` +
  Array.from(
    { length: ODUS },
    (_, i) => `<odu><name>odu-${i}</name><type>ODU0</type><port>line-1</port><tributary-slots>${i + 1}</tributary-slots></odu>`,
  ).join('') +
  '<odu><name>c1</name><type>ODU0</type><port>client-1</port></odu></odus><slot-owners>' +
  Array.from({ length: ODUS }, (_, i) => `<slot-owner><port>line-1</port><slot>${i + 1}</slot><odu>odu-${i}</odu></slot-owner>`).join('') +
  '</slot-owners><odu-cross-connects><odu-cross-connect><name>x1</name><from>c1</from><to>odu-0</to></odu-cross-connect></odu-cross-connects>' +
  '<odu-uses><odu-use><odu>c1</odu><cross-connect>x1</cross-connect></odu-use><odu-use><odu>odu-0</odu><cross-connect>x1</cross-connect></odu-use></odu-uses></otn>' +
  `<osu ${OSU}><connections>` +
  Array.from(
    { length: CONNECTIONS },
    (_, i) =>
      `<connection><name>conn-${i}</name><client-port>client-1</client-port><vlan>${i + 1}</vlan><bandwidth-kbps>2000</bandwidth-kbps><odu>odu-${i % ODUS}</odu><osu-id>${Math.floor(i / ODUS) + 1}</osu-id></connection>`,
  ).join('') +
  '</connections></osu>';

const named = (container: string, entry: string, key: string, names: string[]) =>
  `<${container}>${names.map((n) => `<${entry}><${key}>${n}</${key}></${entry}>`).join('')}</${container}>`;

/** The filters the drivers send (selective and whole reads, joined side by side) and the corners of RFC 6241 6.2. */
const FILTERS: Record<string, string> = {
  'verify: named ODUs, cross-connect and line port': `<otn ${OTN}>${named('line-ports', 'line-port', 'port', ['line-1'])}${named('odus', 'odu', 'name', ['odu-1', 'odu-4'])}${named('odu-cross-connects', 'odu-cross-connect', 'name', ['x1'])}</otn>`,
  'verify: named OSU connections': `<osu ${OSU}>${named('connections', 'connection', 'name', ['conn-2', 'conn-7'])}</osu>`,
  'joined gets: two modules side by side': `<otn ${OTN}>${named('odus', 'odu', 'name', ['odu-2'])}</otn><osu ${OSU}>${named('connections', 'connection', 'name', ['conn-3'])}</osu>`,
  'joined gets: one list named twice': `<osu ${OSU}>${named('connections', 'connection', 'name', ['conn-1'])}</osu><osu ${OSU}>${named('connections', 'connection', 'name', ['conn-9'])}</osu>`,
  'whole ODU read': `<otn ${OTN}><line-ports/><odus/><odu-cross-connects/><protection-groups/></otn>`,
  'whole OSU read': `<osu ${OSU}/>`,
  'inventory: whole device': `<device ${DEV}/>`,
  'identity (pool hello)': `<device ${DEV}><identity><vendor/><model/></identity></device>`,
  'standing alarms': `<device ${DEV}><alarms/></device>`,
  'a port by name, its state only': `<device ${DEV}><ports><port><name>line-1</name><oper-status/></port></ports></device>`,
  'content match on a state leaf (down)': `<osu ${OSU}><connections><connection><oper-status>down</oper-status><name/><vlan/></connection></connections></osu>`,
  'content match on a state leaf (up)': `<otn ${OTN}><odus><odu><oper-status>up</oper-status><name/><port/></odu></odus></otn>`,
  'content match on a non-key config leaf': `<osu ${OSU}><connections><connection><odu>odu-2</odu><name/><oper-status/></connection></connections></osu>`,
  'content match on a leaf-list': `<otn ${OTN}><odus><odu><tributary-slots>3</tributary-slots></odu></odus></otn>`,
  'an entry that does not exist': `<osu ${OSU}>${named('connections', 'connection', 'name', ['nowhere'])}</osu>`,
  'an entry element without a namespace': `<osu ${OSU}><connections><connection xmlns=""><name>conn-5</name></connection></connections></osu>`,
  // Levels long enough to be indexed (a round's read-back names hundreds of entries): the entries the filter cannot
  // select are removed one by one by their keys, and the filter's elements are looked up by their content matches.
  'verify of a round: most OSU connections named, one absent': `<osu ${OSU}>${named('connections', 'connection', 'name', [...Array.from({ length: 17 }, (_, i) => `conn-${i + 2}`), 'nowhere'])}</osu>`,
  'verify of a round: ODUs named, with their slots': `<otn ${OTN}><odus>${Array.from({ length: 16 }, (_, i) => `<odu><name>odu-${i}</name><tributary-slots/><oper-status/></odu>`).join('')}</odus></otn>`,
  'many entries by a non-key leaf, some matching none': `<osu ${OSU}><connections>${Array.from({ length: 18 }, (_, i) => `<connection><vlan>${i * 2 + 1}</vlan><name/><oper-status/></connection>`).join('')}</connections></osu>`,
  'many entries by key and another leaf, some disagreeing': `<osu ${OSU}><connections>${Array.from({ length: 16 }, (_, i) => `<connection><name>conn-${i}</name><vlan>${i % 3 === 0 ? i + 1 : i + 2}</vlan></connection>`).join('')}</connections></osu>`,
  'many entries, some without a content match': `<osu ${OSU}><connections>${Array.from({ length: 15 }, (_, i) => `<connection><name>conn-${i}</name></connection>`).join('')}<connection><vlan>20</vlan><odu/></connection></connections></osu>`,
  'key and another content match': `<osu ${OSU}><connections><connection><name>conn-4</name><vlan>5</vlan></connection><connection><name>conn-6</name><vlan>1</vlan></connection></connections></osu>`,
};

/** The children of a reply's `<data>`, printed. */
function dataOf(reply: XmlElement): string {
  const data = reply.children.find((c) => c.local === 'data');
  return (data?.children ?? []).map(serializeXml).join('');
}

describe('mock device: a filtered get builds only what its filter selects, and answers as the whole get filtered', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let s: RawSession;
  let whole: XmlElement;

  beforeAll(async () => {
    device = await startDevice(otn);
    s = await RawSession.open(device.port);
    expect(errorsOf(await s.rpc(`<edit-config>${CANDIDATE}<config>${CONFIG}</config></edit-config>`))).toEqual([]);
    expect(isOk(await s.rpc('<commit/>'))).toBe(true);
    // line-1 dark: the ODUs on it and the connections in them go down, the client ODU stays up.
    device.mock.applyFault({ kind: 'cut-fibre', fibre: 'F-4' });
    whole = (await s.rpc('<get/>')).children.find((c) => c.local === 'data')!;
  });
  afterAll(async () => {
    s?.close();
    await device?.stop();
  });

  for (const [name, filter] of Object.entries(FILTERS)) {
    it(`${name}: the same data, state and namespaces as the unfiltered get filtered`, async () => {
      const expected = applySubtreeFilter(whole.children, parseXml(`<filter>${filter}</filter>`).children)
        .map(serializeXml)
        .join('');
      const reply = await s.rpc(`<get><filter type="subtree">${filter}</filter></get>`);
      expect(errorsOf(reply)).toEqual([]);
      expect(dataOf(reply)).toBe(expected);
    });
  }

  it('returns the named entries with their state and nothing of the others', async () => {
    const reply = dataOf(await s.rpc(`<get><filter type="subtree">${FILTERS['verify: named OSU connections']}</filter></get>`));
    expect(reply.match(/<connection>/g)).toHaveLength(2);
    expect(reply).toMatch(
      /<name>conn-2<\/name>.*<oper-status>down<\/oper-status>.*<\/connection>.*<name>conn-7<\/name>.*<oper-status>down<\/oper-status>/,
    );
    expect(reply).not.toContain('conn-3');
    expect(reply).not.toContain('<otn');
    expect(reply).not.toContain('<device');
    const otnReply = dataOf(
      await s.rpc(`<get><filter type="subtree">${FILTERS['verify: named ODUs, cross-connect and line port']}</filter></get>`),
    );
    expect(otnReply).toContain(
      '<name>odu-1</name><type>ODU0</type><port>line-1</port><tributary-slots>2</tributary-slots><oper-status>down</oper-status>',
    );
    expect(otnReply).toContain('<name>x1</name><from>c1</from><to>odu-0</to><oper-status>down</oper-status>');
    expect(otnReply).toContain('<tributary-slot-count>80</tributary-slot-count>');
    expect(otnReply).not.toContain('odu-2');
    expect(otnReply).not.toContain('slot-owner');
    // The client ODU is up, its state computed though the filter does not name it (x1 is down because odu-0 is).
    expect(
      dataOf(await s.rpc(`<get><filter type="subtree"><otn ${OTN}>${named('odus', 'odu', 'name', ['c1'])}</otn></filter></get>`)),
    ).toContain('<name>c1</name><type>ODU0</type><port>client-1</port><oper-status>up</oper-status>');
  });

  it('leaves running whole: a later unfiltered get still holds every entry', async () => {
    await s.rpc(`<get><filter type="subtree">${FILTERS['verify: named OSU connections']}</filter></get>`);
    const after = dataOf(await s.rpc('<get-config><source><running/></source></get-config>'));
    for (let i = 0; i < CONNECTIONS; i++) expect(after).toContain(`<name>conn-${i}</name>`);
    expect(after).toContain('<slot-owner>');
  });
});
