import { createHash } from 'node:crypto';
import type { DataTree, YangModuleInfo } from '@milli/yang-ts';

/** The module-set id announced in the yang-library capability and reported as the library's content-id. */
export function moduleSetId(modules: YangModuleInfo[]): string {
  return createHash('sha256')
    .update(
      modules
        .map((m) => `${m.name}@${m.revision ?? ''}:${m.implemented ? 'i' : 'o'}`)
        .sort()
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
}

/**
 * The device's YANG library as state data (RFC 8525 `yang-library`, plus RFC 7895 `modules-state` for older
 * clients): one module set with every implemented module and its features, the import-only modules, one schema,
 * and the datastores this device has.
 */
export function addYangLibrary(tree: DataTree, modules: YangModuleInfo[], datastores: string[]): void {
  const id = moduleSetId(modules);
  const lib = '/ietf-yang-library:yang-library';
  const set = `${lib}/module-set[name='complete']`;
  for (const m of modules) {
    if (m.implemented) {
      const at = `${set}/module[name='${m.name}']`;
      tree.newPath(`${at}/namespace`, m.namespace);
      if (m.revision) tree.newPath(`${at}/revision`, m.revision);
      for (const f of m.features) tree.newPath(`${at}/feature`, f);
    } else {
      tree.newPath(`${set}/import-only-module[name='${m.name}'][revision='${m.revision ?? ''}']/namespace`, m.namespace);
    }
    const old = `/ietf-yang-library:modules-state/module[name='${m.name}'][revision='${m.revision ?? ''}']`;
    tree.newPath(`${old}/namespace`, m.namespace);
    tree.newPath(`${old}/conformance-type`, m.implemented ? 'implement' : 'import');
  }
  tree.newPath(`${lib}/schema[name='complete']/module-set`, 'complete');
  for (const ds of datastores) tree.newPath(`${lib}/datastore[name='ietf-datastores:${ds}']/schema`, 'complete');
  tree.newPath(`${lib}/content-id`, id);
  tree.newPath('/ietf-yang-library:modules-state/module-set-id', id);
}
