import { fileURLToPath } from 'node:url';
import { type YangContext, YangContext as Context, isYangError } from '@milli/yang-ts';
import { DriverError } from '../contract/DriverError';
import type { DeviceSchema } from './DeviceSchema';
import type { EntryValue } from './Edit';
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
    return this.guard(device, 'reading running config', () => {
      // Not strict: data of modules this schema does not hold (a vendor's extras, the lab's fault module) is
      // left out of the base instead of failing the read; change sets only touch the modules we know.
      const tree = this.ctx.parseData(dataXml, { format: 'xml', mode: 'edit', strict: false });
      try {
        const json = tree.print('json', { shrink: true });
        return json === '' ? {} : (JSON.parse(json) as EntryValue);
      } finally {
        tree.dispose();
      }
    });
  }

  validateConfig(config: EntryValue, device?: string, changed?: readonly string[]): void {
    this.guard(device, 'validating the resulting config', () => {
      if (changed === undefined) {
        this.ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config' }).dispose();
        return;
      }
      const tree = this.ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config', validate: false });
      try {
        tree.validateModules(this.dependents(changed), 'config');
      } finally {
        tree.dispose();
      }
    });
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
