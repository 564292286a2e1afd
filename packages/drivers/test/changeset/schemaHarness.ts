import { isMilliError } from '@milli/core';
import {
  type DeviceSchema,
  type EntryValue,
  MILLI_MODULES,
  MILLI_YANG_DIR,
  type NetconfOps,
  OsuDriverVerbs,
  OtnDriverVerbs,
  YangDeviceSchema,
} from '@milli/drivers';
import { YangContext } from '@milli/yang-ts';
import { afterAll } from 'vitest';

// What the tests of the schema's held trees share: the real schema, a printer that turns a config into the XML a
// get-config reply carries, the verbs of one OTN/OSU device, and a verdict as one comparable line.

export const schema = YangDeviceSchema.forModules();
const printer = new YangContext({ searchDirs: [MILLI_YANG_DIR] });
for (const name of MILLI_MODULES) printer.loadModule(name);
afterAll(() => {
  schema.dispose();
  printer.dispose();
});
const unused = {} as NetconfOps;
export const otn = new OtnDriverVerbs('o1', unused);
export const osu = new OsuDriverVerbs('o1', unused);

/**
 * The same schema without held trees: every config parsed again from its JSON. With `edits`, the edits still go
 * along (so the schema may leave out what they cannot have broken); without, the whole datastore is validated.
 */
export function reparsingSchema(options: { edits: boolean }): DeviceSchema {
  return {
    namespaces: schema.namespaces,
    readConfig: (xml, device) => schema.readConfig(xml, device),
    validateEdit: (xml, device) => schema.validateEdit(xml, device),
    validateConfig: (config, device, changed, from) =>
      schema.validateConfig(config, device, changed, options.edits && from ? { base: from.base, edits: from.edits } : undefined),
  };
}

/** A config as the device's get-config reply carries it (`validate: false` prints one that breaks a constraint). */
export function xmlOf(config: EntryValue, options: { validate?: boolean } = {}): string {
  const tree = printer.parseData(JSON.stringify(config), { format: 'json', mode: 'config', validate: options.validate ?? true });
  try {
    return tree.print('xml');
  } finally {
    tree.dispose();
  }
}

/** `accepted`, or the refusal's code, path and app-tag. */
export function outcome(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (!isMilliError(error)) throw error;
    const context = error.context as { path?: string; appTag?: string };
    return `${error.code} ${context.path ?? ''} ${context.appTag ?? ''}`;
  }
}
