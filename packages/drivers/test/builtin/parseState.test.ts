import { parseDeviceState } from '@milli/drivers';
import { describe, expect, it } from 'vitest';

const ROADM_STATE = `
<device xmlns="urn:milli:yang:milli-device">
  <identity><id>AGG-1-roadm</id><kind>roadm</kind><vendor>milli-lab</vendor><model>generic-roadm</model></identity>
  <ports>
    <port><name>deg-1</name><kind>degree</kind><oper-status>up</oper-status>
      <neighbour><remote-device>CORE-1-oxc</remote-device><remote-port>deg-2</remote-port><fibre-id>F-2</fibre-id>
        <fibre-length-km>17.58</fibre-length-km><measured-latency-us>86.089</measured-latency-us></neighbour></port>
    <port><name>ad-1</name><kind>add-drop</kind><oper-status>down</oper-status></port>
  </ports>
</device>
<roadm xmlns="urn:milli:yang:milli-roadm">
  <add-drop-groups><group><id>adg-1</id><port>ad-1</port></group></add-drop-groups>
  <media-channels><media-channel><name>mc-1</name><channel>17</channel><from>ad-1</from><to>deg-1</to>
    <target-power-dbm>-3.0</target-power-dbm><oper-status>up</oper-status></media-channel></media-channels>
</roadm>`;

const OTN_STATE = `
<device xmlns="urn:milli:yang:milli-device"><identity><id>AP-1-otn</id><kind>otn</kind></identity>
  <ports><port><name>client-1</name><kind>client</kind><rate>10GE</rate><osu-capable>true</osu-capable></port></ports></device>
<otn xmlns="urn:milli:yang:milli-otn"><odus>
  <odu><name>o1</name><type>ODU0</type><port>line-1</port><tributary-slots>3</tributary-slots><oper-status>up</oper-status></odu>
  <odu><name>o2</name><type>ODU0</type><port>line-2</port><tributary-slots>1</tributary-slots></odu></odus>
  <odu-cross-connects><odu-cross-connect><name>x</name><from>o1</from><to>o2</to><oper-status>down</oper-status></odu-cross-connect></odu-cross-connects></otn>
<osu xmlns="urn:milli:yang:milli-osu">
  <connections><connection><name>c</name><client-port>client-1</client-port><vlan>100</vlan><bandwidth-kbps>100000</bandwidth-kbps>
    <odu>o1</odu><osu-id>1</osu-id><oper-status>up</oper-status></connection></connections>
  <cross-connects><cross-connect><name>t</name><from><odu>o1</odu><osu-id>2</osu-id></from><to><odu>o2</odu><osu-id>2</osu-id></to>
    <bandwidth-kbps>2000</bandwidth-kbps></cross-connect></cross-connects></osu>`;

describe('parseDeviceState', () => {
  it('reads identity, ports with their add/drop group, neighbours and media channels from a get reply', () => {
    const facts = parseDeviceState('AGG-1-roadm', ROADM_STATE, 'otn');
    expect(facts).toMatchObject({ device: 'AGG-1-roadm', kind: 'roadm', vendor: 'milli-lab', model: 'generic-roadm' });
    expect(facts.ports).toEqual([
      { id: 'deg-1', kind: 'degree', operStatus: 'up' },
      { id: 'ad-1', kind: 'add-drop', group: 'adg-1', operStatus: 'down' },
    ]);
    expect(facts.neighbours).toEqual([
      { localPort: 'deg-1', remoteDevice: 'CORE-1-oxc', remotePort: 'deg-2', fibreId: 'F-2', lengthKm: 17.58, measuredLatencyUs: 86.089 },
    ]);
    expect(facts.crossConnects).toEqual([
      { layer: 'media-channel', name: 'mc-1', from: 'ad-1', to: 'deg-1', operState: 'up', detail: { channel: 17, targetPowerDbm: -3 } },
    ]);
  });

  it('reads ODU containers, ODU and OSU cross-connects and OSU connections with their oper state', () => {
    const facts = parseDeviceState('AP-1-otn', OTN_STATE, 'otn');
    expect(facts.ports).toEqual([{ id: 'client-1', kind: 'client', rate: '10GE', osu: true }]);
    expect(facts.crossConnects.map((x) => [x.layer, x.name, x.from, x.to, x.operState])).toEqual([
      ['odu-container', 'o1', 'line-1', undefined, 'up'],
      ['odu-container', 'o2', 'line-2', undefined, undefined],
      ['odu-cross-connect', 'x', 'o1', 'o2', 'down'],
      ['osu-connection', 'c', 'client-1', 'o1#1', 'up'],
      ['osu-cross-connect', 't', 'o1#2', 'o2#2', undefined],
    ]);
    expect(facts.crossConnects.find((x) => x.name === 'c')?.detail).toEqual({ vlan: 100, bandwidthKbps: 100000 });
  });

  it('falls back to the inventory kind and id when the device has no identity, and reads an empty reply', () => {
    expect(parseDeviceState('x', '', 'osu')).toEqual({ device: 'x', kind: 'osu', ports: [], neighbours: [], crossConnects: [] });
  });
});
