import { addOduEdit, ChangeSet, type Edit, type EntryValue } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { OTN_RUNNING } from '../fixtures';
import { osu, otn, outcome, reparsingSchema, schema, xmlOf } from './schemaHarness';

// The schema keeps the parsed tree of each device's running config as read, and validates a change set's config on
// it (the edited entries put in, then put back). These tests hold that to validating the config parsed again from
// its JSON, the way every change set was validated before.

/** The same schema without the held trees: every config parsed again from its JSON. */
const reparsing = reparsingSchema({ edits: false });

type Step = (cs: ChangeSet) => unknown;
/** A raw merge into the connection the first step makes, past the verbs' own argument checks. */
const connectionMerge = (fields: EntryValue): Edit => ({
  op: 'merge',
  path: ['milli-osu:osu', 'connections', 'connection'],
  key: { name: 'new-1' },
  value: { name: 'new-1', ...fields },
});
const connection =
  (name: string, clientPort: string, vlan: number, odu: string, osuId: number): Step =>
  (cs) =>
    osu.createOsuConnection(cs, { name, clientPort, vlan, bandwidthKbps: 2000, odu, osuId });

// Valid and invalid edits in turn, on one change set: each accepted one becomes part of the config the next meets.
const STEPS: [string, Step][] = [
  ['a new connection', connection('new-1', 'client-2', 10, 'odu-existing-a', 1)],
  ['an OSU id a connection holds (unique)', connection('bad-1', 'client-2', 11, 'odu-existing-a', 9)],
  // The refused connection is still in the held tree (a failed validation leaves the entries it put in): made again,
  // it must replace that one, not merge into it (its VLAN would stay, and the whole port would look shared).
  [
    'that connection again, without a VLAN, on a port another uses',
    (cs) => osu.createOsuConnection(cs, { name: 'bad-1', clientPort: 'client-2', bandwidthKbps: 2000, odu: 'odu-existing-a', osuId: 4 }),
  ],
  ["an OSU id a cross-connect's end holds", connection('bad-2', 'client-2', 12, 'odu-existing-a', 12)],
  ['a line port as client port', connection('bad-3', 'line-1', 13, 'odu-existing-a', 2)],
  ['a port the device does not have', connection('bad-4', 'client-9', 14, 'odu-existing-a', 3)],
  ['an ODU the device does not have', connection('bad-5', 'client-2', 15, 'odu-nowhere', 4)],
  ['the OSU id the first step took', connection('bad-6', 'client-2', 16, 'odu-existing-a', 1)],
  ['a bandwidth off the 2 Mbit/s step', (cs) => osu.changeOsuBandwidth(cs, { kind: 'connection', name: 'new-1' }, 3000)],
  ['a bandwidth on the step', (cs) => osu.changeOsuBandwidth(cs, { kind: 'connection', name: 'new-1' }, 4000)],
  // Bad values and unknown or state nodes: the held tree's schema finds them when it parses the edited entries, where
  // the re-parsing one parses the edit first; the verdicts must be the same.
  ['a VLAN out of range', (cs) => cs.add(connectionMerge({ vlan: 5000 }))],
  ['a leaf the module does not have', (cs) => cs.add(connectionMerge({ colour: 'red' }))],
  ['a state leaf in the edit', (cs) => cs.add(connectionMerge({ 'oper-status': 'up' }))],
  ['a bandwidth that is not a number', (cs) => cs.add(connectionMerge({ 'bandwidth-kbps': 'lots' }))],
  ['the existing connection deleted', (cs) => osu.deleteOsuConnection(cs, 'osu-existing')],
  ['its OSU id taken again', connection('again-9', 'client-2', 17, 'odu-existing-a', 9)],
  [
    'an ODUflex in four slots',
    (cs) =>
      otn.createOduContainer(cs, { name: 'flex', type: 'ODUflex', rateKbps: 5_000_000, port: 'line-1', tributarySlots: [71, 72, 73, 74] }),
  ],
  [
    'an ODU0 in a slot the ODUflex holds',
    (cs) => otn.createOduContainer(cs, { name: 'o0', type: 'ODU0', port: 'line-1', tributarySlots: [73] }),
  ],
  [
    'the ODUflex shrunk to two slots (a replace: the leaf-list shrinks)',
    (cs) =>
      addOduEdit(cs, {
        op: 'replace',
        path: ['milli-otn:otn', 'odus', 'odu'],
        key: { name: 'flex' },
        value: { name: 'flex', type: 'ODUflex', 'rate-kbps': '2500000', port: 'line-1', 'tributary-slots': [71, 72] },
      }),
  ],
  [
    'an ODU0 in a slot the ODUflex gave up',
    (cs) => otn.createOduContainer(cs, { name: 'o0', type: 'ODU0', port: 'line-1', tributarySlots: [73] }),
  ],
];

describe('validating on the held tree of the device config', () => {
  it('gives the verdicts of the config parsed again, edit after edit, refused ones included', () => {
    const base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    const held = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    const again = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema: reparsing });
    const verdicts = STEPS.map(([what, step]) => {
      const now = outcome(() => step(held));
      expect(now, what).toBe(outcome(() => step(again)));
      return `${what}: ${now.split(' ')[0]}`;
    });
    expect(verdicts.filter((v) => v.endsWith('accepted'))).toHaveLength(7);
    expect(held.result()).toEqual(again.result());
  });

  it('a change set validated once at the end (a group round) gets the same verdict on the held tree', () => {
    const base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    const verdicts = [schema, reparsing].map((with_) => {
      const ok = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema: with_, deferValidation: true });
      for (const osuId of [1, 2, 3]) connection(`ok-${osuId}`, 'client-2', 40 + osuId, 'odu-existing-a', osuId)(ok);
      const bad = ok.continued({ deferValidation: true });
      connection('clash', 'client-2', 50, 'odu-existing-a', 2)(bad);
      return [outcome(() => ok.validate()), outcome(() => ChangeSet.joined([ok, bad]).validate())];
    });
    expect(verdicts[0]).toEqual(['accepted', expect.stringMatching(/^DRIVER_VALIDATION .* data-not-unique$/)]);
    expect(verdicts[0]).toEqual(verdicts[1]);
  });

  it('change sets from the same read do not see each other: what one put in or took out is as read for the next', () => {
    const base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    const first = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    connection('x', 'client-2', 20, 'odu-existing-a', 5)(first);
    const second = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    expect(outcome(() => connection('y', 'client-2', 21, 'odu-existing-a', 5)(second))).toBe('accepted');
    // A change set continuing the first meets its connection.
    expect(outcome(() => connection('z', 'client-2', 22, 'odu-existing-a', 5)(first.continued()))).toMatch(
      /^DRIVER_VALIDATION .* data-not-unique$/,
    );
    // A refused edit leaves nothing behind either.
    expect(outcome(() => connection('bad', 'client-2', 23, 'odu-existing-a', 9)(second))).toMatch(/^DRIVER_VALIDATION/);
    expect(outcome(() => connection('w', 'client-2', 23, 'odu-existing-a', 6)(second))).toBe('accepted');
    // A deletion stays with its change set: the next one from the read still meets the deleted connection's OSU id.
    const third = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    expect(outcome(() => osu.deleteOsuConnection(third, 'osu-existing'))).toBe('accepted');
    expect(outcome(() => connection('v', 'client-2', 24, 'odu-existing-a', 9)(third))).toBe('accepted');
    const fourth = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema });
    expect(outcome(() => connection('v', 'client-2', 24, 'odu-existing-a', 9)(fourth))).toMatch(/data-not-unique$/);
  });

  it('a change set rebased on a validated one (the next round, while that one is on its way) gets the verdicts of the config parsed again', () => {
    const base = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    const verdicts = [schema, reparsing].map((with_) => {
      const round = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema: with_, deferValidation: true });
      connection('r-1', 'client-2', 60, 'odu-existing-a', 1)(round);
      osu.deleteOsuConnection(round, 'osu-existing');
      const joined = ChangeSet.joined([round]);
      joined.validate();
      const next = joined.rebased();
      expect(next.base).toBe(joined.result());
      return [
        // OSU id 1 is the first round's now; 9 was freed by it.
        outcome(() => connection('n-1', 'client-2', 61, 'odu-existing-a', 1)(next)),
        outcome(() => connection('n-2', 'client-2', 62, 'odu-existing-a', 9)(next)),
        outcome(() => connection('n-3', 'client-2', 63, 'odu-nowhere', 2)(next)),
      ];
    });
    expect(verdicts[0]).toEqual([expect.stringMatching(/data-not-unique$/), 'accepted', expect.stringMatching(/^DRIVER_VALIDATION/)]);
    expect(verdicts[0]).toEqual(verdicts[1]);
    // The device read again (its commit landed or not) gives change sets their base as read, checked as read.
    const reread = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    const onRead = new ChangeSet({ device: 'o1', base: reread, namespaces: schema.namespaces, schema });
    expect(outcome(() => connection('m-1', 'client-2', 64, 'odu-existing-a', 9)(onRead))).toMatch(/data-not-unique$/);
    expect(outcome(() => connection('m-2', 'client-2', 65, 'odu-existing-a', 1)(onRead))).toBe('accepted');
  });

  it('a config read again replaces the held tree; change sets on the older read are still checked against it', () => {
    const before = schema.readConfig(xmlOf(OTN_RUNNING), 'o1');
    expect(schema.readConfig(xmlOf(OTN_RUNNING), 'o1')).toBe(before);
    const connections = (OTN_RUNNING['milli-osu:osu'] as { connections: { connection: EntryValue[] } }).connections.connection;
    const changed = structuredClone(OTN_RUNNING);
    (changed['milli-osu:osu'] as { connections: { connection: EntryValue[] } }).connections.connection = connections.slice(1);
    const after = schema.readConfig(xmlOf(changed), 'o1');
    expect(after).not.toBe(before);
    // OSU id 9 of odu-existing-a is held by the connection only the older read has.
    const onBefore = new ChangeSet({ device: 'o1', base: before, namespaces: schema.namespaces, schema });
    expect(outcome(() => connection('n', 'client-2', 30, 'odu-existing-a', 9)(onBefore))).toMatch(/data-not-unique$/);
    const onAfter = new ChangeSet({ device: 'o1', base: after, namespaces: schema.namespaces, schema });
    expect(outcome(() => connection('n', 'client-2', 30, 'odu-existing-a', 9)(onAfter))).toBe('accepted');
  });
});
