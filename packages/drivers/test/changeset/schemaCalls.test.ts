import { isMilliError } from '@milli/core';
import { ChangeSet, type DeviceSchema, type NetconfOps, RoadmDriverVerbs, YangDeviceSchema } from '@milli/drivers';
import { afterAll, describe, expect, it } from 'vitest';
import { ROADM_RUNNING } from '../fixtures';

// What a change set asks its schema for, and the time it reports having spent there (the installer's figure of
// local YANG validation, apart from building and applying the edits).

const schema = YangDeviceSchema.forModules();
afterAll(() => schema.dispose());
const roadm = new RoadmDriverVerbs('r1', {} as NetconfOps);

/** The schema, counting the calls; `parses` says whether it declares that validateConfig parses the edited entries. */
function counting(parses: boolean) {
  const calls = { edit: 0, config: 0 };
  const wrapped: DeviceSchema = {
    namespaces: schema.namespaces,
    parsesEditedEntries: parses,
    readConfig: (xml, device) => schema.readConfig(xml, device),
    validateEdit: (xml, device) => {
      calls.edit++;
      schema.validateEdit(xml, device);
    },
    validateConfig: (...args) => {
      calls.config++;
      schema.validateConfig(...args);
    },
  };
  return { calls, wrapped };
}

function twoChannels(cs: ChangeSet): void {
  cs.batch(() => {
    roadm.connectMediaChannel(cs, { name: 'mc-a', channel: 12, from: 'ad-1', to: 'deg-2' });
    roadm.connectMediaChannel(cs, { name: 'mc-b', channel: 13, from: 'ad-2', to: 'deg-2' });
  });
}

describe('a change set and its schema', () => {
  it('does not parse the edit apart when the schema parses the edited entries with the config', () => {
    const skipping = counting(true);
    twoChannels(new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, schema: skipping.wrapped }));
    expect(skipping.calls).toEqual({ edit: 0, config: 1 });
    const parsing = counting(false);
    twoChannels(new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, schema: parsing.wrapped }));
    expect(parsing.calls).toEqual({ edit: 1, config: 1 });
  });

  it('the YANG schema says it parses the edited entries', () => {
    expect(schema.parsesEditedEntries).toBe(true);
  });

  it('adds up the time spent in the schema, failed validations included; none without a schema', () => {
    const cs = new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces, schema });
    expect(cs.validationMs).toBe(0);
    twoChannels(cs);
    const once = cs.validationMs;
    expect(once).toBeGreaterThan(0);
    // Port ad-3 is not the device's (a leafref): refused by the YANG, and its validation counted too.
    let refused: unknown;
    try {
      roadm.connectMediaChannel(cs, { name: 'mc-c', channel: 12, from: 'ad-3', to: 'deg-1' });
    } catch (error) {
      refused = error;
    }
    expect(isMilliError(refused, 'DRIVER_VALIDATION')).toBe(true);
    expect(cs.validationMs).toBeGreaterThan(once);

    const bare = new ChangeSet({ device: 'r1', base: ROADM_RUNNING, namespaces: schema.namespaces });
    twoChannels(bare);
    // each with the entries of its two ends (channel-uses)
    expect(bare.edits).toHaveLength(6);
    expect(bare.validationMs).toBe(0);
  });
});
