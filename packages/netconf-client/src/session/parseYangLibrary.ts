import { YANG_LIBRARY_NS } from '../xml/namespaces';
import { childElement, childElements, childText, type XmlElement } from '../xml/XmlElement';
import type { ModuleCapability } from './capabilities';

/**
 * The implemented modules listed in yang-library data: RFC 8525 `yang-library/module-set/module` or the older
 * RFC 7895 `modules-state/module` (conformance-type implement). Import-only modules are left out: they define
 * no data the device serves. `data` is the `<data>` element of a get reply (or any ancestor of the library).
 */
export function parseYangLibrary(data: XmlElement): ModuleCapability[] {
  const out: ModuleCapability[] = [];
  const library = childElement(data, 'yang-library', YANG_LIBRARY_NS);
  for (const set of library ? childElements(library, 'module-set', YANG_LIBRARY_NS) : []) {
    for (const m of childElements(set, 'module', YANG_LIBRARY_NS)) out.push(toModule(m, 'deviation'));
  }
  const state = childElement(data, 'modules-state', YANG_LIBRARY_NS);
  if (out.length === 0 && state) {
    for (const m of childElements(state, 'module', YANG_LIBRARY_NS)) {
      if ((childText(m, 'conformance-type', YANG_LIBRARY_NS) ?? 'implement') === 'implement') out.push(toModule(m, 'deviation'));
    }
  }
  return out;
}

function toModule(m: XmlElement, deviationTag: string): ModuleCapability {
  const text = (local: string) => childText(m, local, YANG_LIBRARY_NS);
  const deviations = childElements(m, deviationTag, YANG_LIBRARY_NS).map((d) =>
    d.children.length > 0 ? (childText(d, 'name', YANG_LIBRARY_NS) ?? '') : d.text.trim(),
  );
  const module: ModuleCapability = {
    name: text('name') ?? '',
    namespace: text('namespace') ?? '',
    features: childElements(m, 'feature', YANG_LIBRARY_NS).map((f) => f.text.trim()),
    deviations: deviations.filter((d) => d !== ''),
  };
  const revision = text('revision');
  if (revision) module.revision = revision;
  return module;
}
