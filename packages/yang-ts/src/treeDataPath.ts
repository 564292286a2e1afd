import type { TreeHandle } from './handles';
import { drainErrors } from './native/errorRecords';
import { libyang, type Ptr } from './native/libyang';

/** Where a data path leads in a tree: to a node, to nothing, or not a data path at all (then only an XPath can say). */
export type DataPathLookup = { node: Ptr } | 'absent' | 'not-a-data-path';

/**
 * Finds the node at a data path (`/mod:top/list[key='v']`, every key of a list entry given) by its keys' hash
 * (lyd_find_path), where an XPath would test every entry of each list on the way.
 */
export function lookUpDataPath(handle: TreeHandle, path: string): DataPathLookup {
  const ctx = handle.live();
  const root = handle.root;
  if (!root) return 'absent';
  const out: number[] = [0];
  const rc = libyang().lyd_find_path(root, path, 0, out);
  // LY_ENOTFOUND: no such node; LY_EINCOMPLETE: only an ancestor of it.
  if (rc === 5 || rc === 9) return 'absent';
  if (rc === 0) return { node: out[0]! };
  drainErrors(ctx);
  return 'not-a-data-path';
}
