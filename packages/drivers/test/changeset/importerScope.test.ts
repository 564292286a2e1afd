import { ChangeSet, type EntryValue } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { OTN_RUNNING } from '../fixtures';
import { osu, otn, outcome, reparsingSchema, schema, xmlOf } from './schemaHarness';

// An edit of milli-otn's data that removes no ODU leaves milli-osu's data as valid as it was (milli-osu reads
// milli-otn only to find an OSU's carrying ODU by name), so the change set validates milli-otn's data alone; one that
// removes an ODU validates milli-osu's too. Both on the device's held tree and on a config parsed again.

/** The schema without held trees: every config parsed again from its JSON (edits still passed). */
const reparsing = reparsingSchema({ edits: true });

/** OTN_RUNNING with an ODU0 only an OSU connection uses ('osu-only' on 'odu-solo'). */
function withSoloOdu(): EntryValue {
  const config = structuredClone(OTN_RUNNING) as {
    'milli-otn:otn': { odus: { odu: EntryValue[] }; 'slot-owners': { 'slot-owner': EntryValue[] } };
    'milli-osu:osu': { connections: { connection: EntryValue[] } };
  };
  config['milli-otn:otn'].odus.odu.push({ name: 'odu-solo', type: 'ODU0', port: 'line-2', 'tributary-slots': [1] });
  config['milli-otn:otn']['slot-owners']['slot-owner'].push({ port: 'line-2', slot: 1, odu: 'odu-solo' });
  config['milli-osu:osu'].connections.connection.push({
    name: 'osu-only',
    'client-port': 'client-2',
    vlan: 300,
    'bandwidth-kbps': '2000',
    odu: 'odu-solo',
    'osu-id': 1,
  });
  return config as unknown as EntryValue;
}

const readBoth = (config: EntryValue) => {
  const base = schema.readConfig(xmlOf(config, { validate: false }), 'o1');
  return [schema, reparsing].map((with_) => new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema: with_ }));
};

describe('milli-osu after an edit of milli-otn', () => {
  it('deleting the ODU an OSU connection rides is refused (the connection its carrying ODU is gone)', () => {
    for (const cs of readBoth(withSoloOdu())) {
      expect(outcome(() => otn.deleteOduContainer(cs, 'odu-solo'))).toBe(
        "DRIVER_VALIDATION /milli-osu:osu/connections/connection[name='osu-only']/odu instance-required",
      );
      // The connection deleted first, its ODU goes.
      osu.deleteOsuConnection(cs, 'osu-only');
      expect(outcome(() => otn.deleteOduContainer(cs, 'odu-solo'))).toBe('accepted');
    }
  });

  it('a delete in one batch with a new ODU is refused too; in a change set validated at the end as well', () => {
    for (const cs of readBoth(withSoloOdu())) {
      expect(
        outcome(() =>
          cs.batch(() => {
            otn.createOduContainer(cs, { name: 'odu-new', type: 'ODU0', port: 'line-2', tributarySlots: [2] });
            otn.deleteOduContainer(cs, 'odu-solo');
          }),
        ),
      ).toMatch(/osu-only.*instance-required$/);
    }
    const base = schema.readConfig(xmlOf(withSoloOdu(), { validate: false }), 'o1');
    const deferred = new ChangeSet({ device: 'o1', base, namespaces: schema.namespaces, schema, deferValidation: true });
    otn.createOduContainer(deferred, { name: 'odu-new', type: 'ODU0', port: 'line-2', tributarySlots: [2] });
    otn.deleteOduContainer(deferred, 'odu-solo');
    expect(outcome(() => deferred.validate())).toMatch(/osu-only.*instance-required$/);
  });

  it('an ODU added, or changed in place, validates milli-otn alone: milli-osu, valid in the base, is trusted', () => {
    // A base whose milli-osu data is not valid (a bandwidth off the 2 Mbit/s step) shows what is validated: the
    // base is the device's running config, which the device holds as valid, so only what an edit can break is checked.
    const config = withSoloOdu() as { 'milli-osu:osu': { connections: { connection: EntryValue[] } } };
    config['milli-osu:osu'].connections.connection[1]!['bandwidth-kbps'] = '3000';
    for (const cs of readBoth(config as unknown as EntryValue)) {
      expect(outcome(() => otn.createOduContainer(cs, { name: 'odu-new', type: 'ODU0', port: 'line-2', tributarySlots: [2] }))).toBe(
        'accepted',
      );
      // milli-otn's own data is still validated: a slot the new ODU holds is refused.
      expect(outcome(() => otn.createOduContainer(cs, { name: 'odu-clash', type: 'ODU0', port: 'line-2', tributarySlots: [2] }))).toMatch(
        /slot-in-use$/,
      );
      // Deleting an ODU nothing rides validates milli-osu again, which meets the bad bandwidth.
      expect(outcome(() => otn.deleteOduContainer(cs, 'odu-new'))).toMatch(/^DRIVER_VALIDATION .*osu-only.*osu-granularity$/);
    }
  });
});
