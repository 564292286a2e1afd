import type { ContextHandle } from './handles';
import { LYS_CASE, LYS_CHOICE, LYS_MODULE, LYSC_MODULE, LYSC_NODE, readPtr, readU16, readU32 } from './native/layout';
import { libyang, type Ptr } from './native/libyang';

/**
 * Whether validating the data of the implemented module `mod` can remove any of it. libyang 2.1 validation removes
 * data where a `when` turned false and where data of another case of a choice was set, and otherwise only default
 * nodes an explicit node replaced: a module whose compiled data nodes (augments into it included) carry no `when`
 * and no choice can only add defaults. Walked once per module and context state (a module loaded later may augment
 * it), so that callers needing to know can skip building libyang's validation diff for such modules.
 */
export function validationRemoves(context: ContextHandle, mod: Ptr): boolean {
  const ctx = context.live();
  const ly = libyang();
  const changes = ly.ly_ctx_get_change_count(ctx);
  const known = context.validationRemoves.get(mod);
  if (known !== undefined && known.changes === changes) return known.removes;
  const compiled = readPtr(mod, LYS_MODULE.compiled);
  const removes = compiled === 0 || anyRemoving(readPtr(compiled, LYSC_MODULE.data));
  context.validationRemoves.set(mod, { changes, removes });
  return removes;
}

/** Whether any node among these siblings or below them is a choice or a case, or carries a `when`. */
function anyRemoving(first: Ptr): boolean {
  const ly = libyang();
  for (let node = first; node; node = readPtr(node, LYSC_NODE.next)) {
    if ((readU16(node, LYSC_NODE.nodetype) & (LYS_CHOICE | LYS_CASE)) !== 0) return true;
    // A sized array: its count in the 8 bytes before the first item.
    const when = ly.lysc_node_when(node);
    if (when && readU32(when - 8, 0) > 0) return true;
    const child = ly.lysc_node_child(node);
    if (child && anyRemoving(child)) return true;
  }
  return false;
}
