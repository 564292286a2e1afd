import type { Edit, EntryValue } from './Edit';
import type { NamespaceMap } from './renderEditConfig';

/**
 * A device's YANG modules as a change set needs them: turn a get-config reply into RFC 7951 JSON, validate a whole
 * config, and check an edit-config payload parses against the modules. `YangDeviceSchema` is the yang-ts one.
 */
export interface DeviceSchema {
  readonly namespaces: NamespaceMap;
  /** The inner XML of a `<data>` (running config) as RFC 7951 JSON; throws DRIVER_VALIDATION if it does not parse. */
  readConfig(dataXml: string, device?: string): EntryValue;
  /**
   * A whole config tree must validate as a datastore; throws DRIVER_VALIDATION with the data path. With `changed`
   * (the modules whose data an edit changed, on a config that was valid before it), only the data of those modules
   * and of the modules depending on them is validated: nothing else can have been broken. With `from` (the config
   * `config` was made from and the edits that made it), a schema holding `from.base` parsed may build `config`'s
   * tree from it instead of parsing all of `config`, and may leave out a depending module whose constraints cannot
   * have been broken by those edits (one that only looks entries of the changed modules up, when none was deleted).
   */
  validateConfig(config: EntryValue, device?: string, changed?: readonly string[], from?: ConfigStep): void;
  /** The inner XML of an edit-config `<config>` must parse as an edit against the modules; throws DRIVER_VALIDATION. */
  validateEdit(configInnerXml: string, device?: string): void;
  /**
   * The device is about to hold `config` (a change set's result, validated, on its way to the device): change sets
   * built from it from now on are validated as if it had been read, instead of carrying every entry changed since
   * the last read. Optional: a schema holding no parsed trees has nothing to do.
   */
  adopt?(config: EntryValue, device: string): void;
  /**
   * True when `validateConfig` first parses every entry the edits leave in the config, strictly and as configuration
   * (unknown nodes, bad values and state data refused): it then refuses every edit `validateEdit` would, and a change
   * set does not render and parse its edits a second time to check them.
   */
  readonly parsesEditedEntries?: boolean;
}

/** How a config was made: `edits` applied to `base` (both values, never changed afterwards). */
export interface ConfigStep {
  base: EntryValue;
  edits: readonly Edit[];
}
