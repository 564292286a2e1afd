import { libyang, type Ptr } from './native/libyang';
import { LYS_MODULE, readPtr, readStr, readU32, readU8 } from './native/layout';

/** lysp_module: mod, revs, imports, includes (sized arrays, their count in the 8 bytes before the first item). */
const LYSP_MODULE = { imports: 16, includes: 24 } as const;
/** sizeof(struct lysp_import) on LP64: six pointers, uint16 flags, char rev[11], padded to 8. Its name is at 8. */
const LYSP_IMPORT = { size: 64, name: 8 } as const;

function sizedArrayCount(array: Ptr): number {
  return array ? readU32(array - 8, 0) : 0;
}

interface ModuleLinks {
  imports: string[];
  /** A module with submodules may import more in them: it is counted as depending on every module. */
  hasSubmodules: boolean;
}

function linksOf(mod: Ptr): ModuleLinks {
  const parsed = readPtr(mod, LYS_MODULE.parsed);
  if (!parsed) return { imports: [], hasSubmodules: true };
  const imports = readPtr(parsed, LYSP_MODULE.imports);
  const names: string[] = [];
  for (let i = 0; i < sizedArrayCount(imports); i++) names.push(readStr(imports + i * LYSP_IMPORT.size, LYSP_IMPORT.name) ?? '');
  return { imports: names, hasSubmodules: sizedArrayCount(readPtr(parsed, LYSP_MODULE.includes)) > 0 };
}

/**
 * `changed` and every implemented module whose constraints can read their data: a must, when or leafref names other
 * modules' nodes by prefix, and a prefix must be imported, so those are the modules that import one of them, directly
 * or through a module that does (a typedef's leafref followed by deref()). A module whose parsed form is gone or
 * that has submodules counts as depending on everything. Implemented modules only, sorted by name.
 */
export function modulesDependingOn(ctx: Ptr, changed: readonly string[]): string[] {
  const ly = libyang();
  const modules = new Map<string, ModuleLinks>();
  const index = [0];
  for (let mod = ly.ly_ctx_get_module_iter(ctx, index); mod; mod = ly.ly_ctx_get_module_iter(ctx, index)) {
    if (readU8(mod, LYS_MODULE.implemented) === 0) continue;
    modules.set(readStr(mod, LYS_MODULE.name) ?? '', linksOf(mod));
  }
  const out = new Set(changed);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, links] of modules) {
      if (out.has(name)) continue;
      if (links.hasSubmodules || links.imports.some((imported) => out.has(imported))) {
        out.add(name);
        grew = true;
      }
    }
  }
  return [...out].filter((name) => modules.has(name)).sort();
}
