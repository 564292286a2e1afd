import { fileURLToPath } from 'node:url';
import { type DataTree, type YangContext, YangContext as Context, isYangError } from '@milli/yang-ts';
import { ConfigTrees, type HeldConfig } from './ConfigTrees';
import { DriverError } from '../contract/DriverError';
import type { ConfigStep, DeviceSchema } from './DeviceSchema';
import { createdEntries, type EntryAddresses, putEntries, withEntriesOf } from './putEntries';
import type { Edit, EntryValue } from './Edit';
import { unaffectedImporter } from './entryExistenceReads';
import type { NamespaceMap } from './renderEditConfig';

/** The project's module dir (yang/ at the repository root). */
export const MILLI_YANG_DIR = fileURLToPath(new URL('../../../../yang', import.meta.url));
export const MILLI_MODULES = ['milli-device', 'milli-roadm', 'milli-otn', 'milli-osu'];

/**
 * DeviceSchema on a yang-ts context. One context serves every device announcing the same module set; libyang
 * contexts are not cheap, so callers share them through `YangSchemaCache`.
 */
export class YangDeviceSchema implements DeviceSchema {
  readonly namespaces: NamespaceMap;
  /**
   * validateConfig parses the edited entries strictly as configuration in every way it takes (put into the held
   * tree, or the whole config parsed again), which is all that parsing the edit checks, and more: state data and
   * values in their RFC 7951 form.
   */
  readonly parsesEditedEntries = true;
  /** Per device, the parsed tree of its running config as read: change sets' configs are validated on it. */
  private readonly trees = new ConfigTrees();
  /** Per device, the last running config read and the reply text it came from. */
  private readonly lastRead = new Map<string, { text: string; config: EntryValue }>();

  constructor(private readonly ctx: YangContext) {
    this.namespaces = Object.fromEntries(ctx.listModules().map((m) => [m.name, m.namespace]));
  }

  /** A context with the milli modules (and ietf-netconf, for nc:operation in edits) loaded from `dir`. */
  static forModules(modules: readonly string[] = MILLI_MODULES, dir: string = MILLI_YANG_DIR): YangDeviceSchema {
    const ctx = new Context({ searchDirs: [dir] });
    ctx.loadModule('ietf-netconf');
    for (const name of modules) ctx.loadModule(name);
    return new YangDeviceSchema(ctx);
  }

  readConfig(dataXml: string, device?: string): EntryValue {
    if (dataXml.trim() === '') return {};
    const key = device ?? '';
    const last = this.lastRead.get(key);
    // The same reply as last time is the same config: the parsed tree held for it still holds (nothing of either
    // is ever changed), so a device read again without a change in between costs a string comparison.
    if (last?.text === dataXml && this.trees.holds(key, last.config)) return last.config;
    return this.guard(device, 'reading running config', () => {
      // Not strict: data of modules this schema does not hold (a vendor's extras, the lab's fault module) is
      // left out of the base instead of failing the read; change sets only touch the modules we know.
      const { tree, datastore } = this.parseRunning(dataXml);
      try {
        const json = tree.print('json', { shrink: true });
        const config = json === '' ? {} : (JSON.parse(json) as EntryValue);
        if (!datastore) {
          tree.dispose();
          return config;
        }
        this.trees.hold(key, config, tree);
        this.lastRead.set(key, { text: dataXml, config });
        return config;
      } catch (error) {
        tree.dispose();
        throw error;
      }
    });
  }

  /**
   * Parses a running config as a datastore (state refused, not validated) so its tree can serve the change sets
   * built on it; a reply that does not parse so (state in it) is parsed as before, as an edit, and not kept.
   */
  private parseRunning(dataXml: string): { tree: DataTree; datastore: boolean } {
    try {
      return { tree: this.ctx.parseData(dataXml, { format: 'xml', mode: 'config', validate: false, strict: false }), datastore: true };
    } catch (error) {
      if (!isYangError(error)) throw error;
      return { tree: this.ctx.parseData(dataXml, { format: 'xml', mode: 'edit', strict: false }), datastore: false };
    }
  }

  validateConfig(config: EntryValue, device?: string, changed?: readonly string[], from?: ConfigStep): void {
    this.guard(device, 'validating the resulting config', () => {
      const key = device ?? '';
      const origin = from && changed ? this.trees.origin(key, from.base) : undefined;
      const entries = origin && from ? withEntriesOf(origin.entries, from.edits) : undefined;
      if (origin && entries && changed && from) {
        // Entries the edits create afresh are in neither the held config nor the base (unless the base differs from
        // the held config there) nor, unless the tree still shows them from the config validated before, the tree.
        const fresh = createdEntries(from.edits, origin.entries, origin.from.edited);
        this.validateOnHeld(key, origin.from, entries, config, this.toValidate(changed, from.edits), fresh);
        this.trees.record(config, origin.from, entries);
        return;
      }
      const tree = this.ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config', validate: false });
      try {
        if (changed === undefined) tree.validate('config');
        else tree.validateModules(this.toValidate(changed, from?.edits), 'config');
      } finally {
        tree.dispose();
      }
    });
  }

  /**
   * Validates `config` on the device's held tree: the entries by which it differs from the held config, and those
   * the tree still shows of the config validated before, are put in as `config` has them (it has the latter as the
   * held config does), the changed modules' data validated, and the tree left showing `config`, so that nothing but
   * a few entries is copied or parsed. Validation adds default nodes, which change nothing for later validations; a
   * tree it removed anything from (a `when` turned false), or whose entries could not be put in, is dropped.
   */
  private validateOnHeld(
    device: string,
    held: HeldConfig,
    entries: EntryAddresses,
    config: EntryValue,
    modules: readonly string[],
    fresh: ReadonlySet<string>,
  ): void {
    let intact = false;
    try {
      const shown = new Map([...held.edited, ...entries]);
      held.edited = shown;
      putEntries(this.ctx, held.tree, shown, config, fresh);
      held.edited = entries;
      intact = held.tree.validateModules(modules, 'config', { reportRemoved: true }).removed === false;
    } catch (error) {
      intact = isYangError(error) && error.context.dataRemoved === false;
      throw error;
    } finally {
      if (!intact) this.trees.drop(device);
    }
  }

  adopt(config: EntryValue, device: string): void {
    this.trees.adopt(device, config);
  }

  /**
   * The modules whose data `edits` (which changed `changed`'s data of a config valid before them) can have made
   * invalid: the changed modules and those depending on them, less an importer that reads the changed modules only
   * for whether entries exist when no edit removes one (see ENTRY_EXISTENCE_READS).
   */
  private toValidate(changed: readonly string[], edits: readonly Edit[] | undefined): string[] {
    const modules = this.dependents(changed);
    if (edits === undefined) return modules;
    return modules.filter((module) => !unaffectedImporter(module, changed, edits, (read) => this.dependents([read]).includes(module)));
  }

  private readonly dependentsOf = new Map<string, string[]>();

  /** The modules to validate when `changed` changed (kept: the module set of a context does not change here). */
  private dependents(changed: readonly string[]): string[] {
    const key = [...changed].sort().join(' ');
    let modules = this.dependentsOf.get(key);
    if (modules === undefined) {
      modules = this.ctx.modulesDependingOn(changed);
      this.dependentsOf.set(key, modules);
    }
    return modules;
  }

  validateEdit(configInnerXml: string, device?: string): void {
    this.guard(device, 'parsing the edit', () => this.ctx.parseData(configInnerXml, { format: 'xml', mode: 'edit' }).dispose());
  }

  dispose(): void {
    this.trees.clear();
    this.ctx.dispose();
  }

  private guard<T>(device: string | undefined, what: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!isYangError(error)) throw error;
      const first = error.first;
      const message = first?.message ?? error.message;
      throw new DriverError(
        'DRIVER_VALIDATION',
        `${device ?? 'device'}: ${what} failed: ${message}`,
        {
          ...(device ? { device } : {}),
          ...(first?.dataPath ? { path: first.dataPath } : {}),
          ...(first?.appTag ? { appTag: first.appTag } : {}),
          records: error.records,
        },
        { cause: error },
      );
    }
  }
}
