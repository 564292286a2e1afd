import type { TreeHandle } from './handles';
import { failure } from './native/fail';
import { LY_SET, readPtr, readU32 } from './native/layout';
import { libyang, type Ptr } from './native/libyang';

/** The nodes an XPath selects in the tree behind `handle`, in document order, as native pointers. */
export function findNodes(handle: TreeHandle, xpath: string): Ptr[] {
  const ctx = handle.live();
  const root = handle.root;
  if (!root) return [];
  const ly = libyang();
  const out: number[] = [0];
  const rc = ly.lyd_find_xpath(root, xpath, out);
  if (rc !== 0) throw failure(ctx, 'YANG_PARSE', `evaluating XPath ${xpath}`, rc, { xpath });
  const set = out[0]!;
  try {
    const count = readU32(set, LY_SET.count);
    const items = readPtr(set, LY_SET.objs);
    if (!items) return [];
    const nodes: Ptr[] = [];
    for (let i = 0; i < count; i++) nodes.push(readPtr(items, i * 8));
    return nodes;
  } finally {
    ly.ly_set_free(set, 0);
  }
}
