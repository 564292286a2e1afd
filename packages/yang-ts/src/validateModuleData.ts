import { TreeHandle } from './handles';
import { findNodes } from './treeXPath';
import { validationRemoves } from './validationRemoves';
import { YangError } from './YangError';
import { failure, parseErrorCode } from './native/fail';
import { readPtr, writePtr } from './native/layout';
import { libyang, LYD_VALIDATE_NO_STATE, LYD_VALIDATE_PRESENT, type Ptr } from './native/libyang';

/**
 * lyd_validate_module over each named module's data in the tree behind `handle` (see DataTree.validateModules).
 * With `reportRemoved`, libyang's validation diff is kept to tell whether validation removed any node, unless no
 * module validated can have data removed by validation (validationRemoves): then it removed none.
 */
export function validateModuleData(
  handle: TreeHandle,
  modules: readonly string[],
  mode: 'config' | 'config+state',
  reportRemoved: boolean,
): { removed: boolean | undefined } {
  const ctx = handle.live();
  const ly = libyang();
  const implemented = modules.map((name) => ({ name, mod: ly.ly_ctx_get_module_implemented(ctx, name) })).filter((m) => m.mod);
  const diffNeeded = reportRemoved && implemented.some((m) => validationRemoves(handle.context, m.mod));
  // libyang appends what validation changed to *diff: a NULL-initialised slot it writes the diff's root into.
  const diffSlot = diffNeeded ? ly.calloc(1, 8) : 0;
  const removedSoFar = () => (diffSlot ? takeRemoved(handle, diffSlot) : false);
  try {
    for (const { name, mod } of implemented) {
      const ref: number[] = [handle.root];
      const rc = ly.lyd_validate_module(ref, mod, mode === 'config' ? LYD_VALIDATE_NO_STATE : LYD_VALIDATE_PRESENT, diffSlot);
      handle.generation++;
      handle.revision++;
      handle.root = ref[0] ? ly.lyd_first_sibling(ref[0]) : 0;
      if (rc !== 0) {
        const error = failure(ctx, parseErrorCode, `validating the data of ${name} (${mode})`, rc);
        const removed = reportRemoved ? { dataRemoved: removedSoFar() } : {};
        throw new YangError(error.code, error.message, error.records, { mode, module: name, ...removed });
      }
    }
    return { removed: reportRemoved ? removedSoFar() : undefined };
  } finally {
    if (diffSlot) {
      takeRemoved(handle, diffSlot);
      ly.free(diffSlot);
    }
  }
}

/** Whether the validation diff in `slot` removes anything; frees the diff and empties the slot. */
function takeRemoved(handle: TreeHandle, slot: Ptr): boolean {
  const diff = readPtr(slot, 0);
  if (!diff) return false;
  const changes = new TreeHandle(handle.context, libyang().lyd_first_sibling(diff));
  writePtr(slot, 0);
  try {
    // One XPath over the diff (libyang reads metadata as attributes) instead of walking it node by node from JS.
    return findNodes(changes, "//*[@yang:operation='delete']").length > 0;
  } finally {
    changes.free();
  }
}
