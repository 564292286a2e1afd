import { YangError } from './YangError';
import { drainErrors } from './native/errorRecords';
import { libyang, type Ptr } from './native/libyang';

/**
 * The native resources behind a YangContext and its DataTrees, kept apart from the public objects so the
 * FinalizationRegistry can hold them without keeping the public objects alive.
 *
 * Ownership: a context owns its trees. Destroying the context first frees every tree still alive (their
 * memory points into the context's schema and dictionary), then marks them dead, so a later use throws
 * YANG_DISPOSED and a late finalizer does nothing.
 */
export class ContextHandle {
  ptr: Ptr | null;
  readonly trees = new Set<TreeHandle>();
  /** Per implemented module: whether validating its data can remove any, at the context's change count then. */
  readonly validationRemoves = new Map<Ptr, { changes: number; removes: boolean }>();

  constructor(ptr: Ptr) {
    this.ptr = ptr;
  }

  live(): Ptr {
    if (this.ptr === null) throw new YangError('YANG_DISPOSED', 'the YANG context was disposed');
    return this.ptr;
  }

  destroy(): void {
    if (this.ptr === null) return;
    for (const tree of this.trees) tree.free();
    this.trees.clear();
    const ly = libyang();
    drainErrors(this.ptr);
    ly.ly_ctx_destroy(this.ptr);
    this.ptr = null;
  }
}

export class TreeHandle {
  /** First top-level sibling, or 0 (NULL) for an empty tree. */
  root: Ptr;
  /** Other native trees freed with this one: the NETCONF envelope of a parsed operation. */
  extra: Ptr[] = [];
  /** Bumped by every operation that may free nodes; node views taken before it refuse to read freed memory. */
  generation = 0;
  /** Bumped by every change of content (a write, a merge, defaults added by validation). */
  revision = 0;
  /**
   * The last validation that succeeded: its mode, the content revision it saw and the context's change count
   * (a module loaded later may add mandatory nodes). While all three still hold, validating again is a no-op.
   */
  validated: { mode: 'config' | 'config+state'; revision: number; contextChanges: number } | undefined;
  disposed = false;

  constructor(
    readonly context: ContextHandle,
    root: Ptr,
  ) {
    this.root = root;
    context.trees.add(this);
  }

  /** The context pointer, after checking that both the tree and its context are alive. */
  live(): Ptr {
    if (this.disposed) throw new YangError('YANG_DISPOSED', 'the data tree was disposed');
    if (this.context.ptr === null) throw new YangError('YANG_DISPOSED', 'the YANG context of this data tree was disposed');
    return this.context.ptr;
  }

  free(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.context.trees.delete(this);
    if (this.context.ptr === null) return;
    const ly = libyang();
    if (this.root) ly.lyd_free_all(this.root);
    for (const p of this.extra) ly.lyd_free_all(p);
    this.root = 0;
    this.extra = [];
  }
}

/** Safety nets for objects dropped without dispose(). Explicit dispose() unregisters, so nothing is freed twice. */
export const contextFinalizer = new FinalizationRegistry<ContextHandle>((handle) => handle.destroy());
export const treeFinalizer = new FinalizationRegistry<TreeHandle>((handle) => handle.free());
