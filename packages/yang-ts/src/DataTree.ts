import type { DataNode } from './DataNode';
import { TreeHandle, treeFinalizer } from './handles';
import { NodeView } from './NodeView';
import { modulesDependingOn } from './moduleDependents';
import { lookUpDataPath } from './treeDataPath';
import { findNodes } from './treeXPath';
import { validateModuleData } from './validateModuleData';
import { YangError } from './YangError';
import { failure, parseErrorCode } from './native/fail';
import { readPtr, takeMallocString, LYD_NODE } from './native/layout';
import {
  libyang,
  LYD_DUP_RECURSIVE,
  LYD_DUP_WITH_FLAGS,
  LYD_JSON,
  LYD_NEW_PATH_OUTPUT,
  LYD_NEW_PATH_UPDATE,
  LYD_PRINT_SHRINK,
  LYD_PRINT_WD_ALL,
  LYD_PRINT_WD_EXPLICIT,
  LYD_PRINT_WD_TRIM,
  LYD_PRINT_WITHSIBLINGS,
  LYD_VALIDATE_NO_STATE,
  LYD_VALIDATE_PRESENT,
  LYD_XML,
  type Ptr,
} from './native/libyang';

export type DataFormat = 'xml' | 'json';
export type ValidationMode = 'config' | 'config+state';

export interface PrintOptions {
  /** Print every top-level sibling (default true); false prints the first top-level subtree only. */
  withSiblings?: boolean;
  /** No indentation or new lines. */
  shrink?: boolean;
  /** RFC 6243 mode: explicit (default) prints what was set, all adds defaults, trim drops values equal to the default. */
  withDefaults?: 'explicit' | 'all' | 'trim';
}

export interface NewPathOptions {
  /** Change the value of an existing leaf instead of failing with "already exists". */
  update?: boolean;
  /** Create RPC/action output nodes instead of input nodes (building a reply). */
  output?: boolean;
}

function formatCode(format: DataFormat): number {
  return format === 'json' ? LYD_JSON : LYD_XML;
}

/**
 * One libyang data tree (a forest of top-level siblings), owned by a YangContext.
 * Every failure throws YangError; a failed merge or applyDiff leaves the tree as it was.
 */
export class DataTree {
  /** @internal */
  readonly handle: TreeHandle;
  /** Keeps the context object reachable (and so not finalized) while this tree is. */
  private readonly owner: object;
  /** Set by NETCONF operation parsing: the operation node inside this tree. */
  private operationNode: Ptr = 0;

  /** @internal Trees come from YangContext (parseData, parseOperation, newTree) and from tree operations. */
  constructor(owner: object, handle: TreeHandle, operationNode: Ptr = 0) {
    this.owner = owner;
    this.handle = handle;
    this.operationNode = operationNode;
    treeFinalizer.register(this, handle, this);
  }

  isEmpty(): boolean {
    this.handle.live();
    return this.handle.root === 0;
  }

  print(format: DataFormat, options: PrintOptions = {}): string {
    this.handle.live();
    const root = this.handle.root;
    if (!root) return '';
    let flags = options.withSiblings === false ? 0 : LYD_PRINT_WITHSIBLINGS;
    if (options.shrink) flags |= LYD_PRINT_SHRINK;
    flags |=
      options.withDefaults === 'all' ? LYD_PRINT_WD_ALL : options.withDefaults === 'trim' ? LYD_PRINT_WD_TRIM : LYD_PRINT_WD_EXPLICIT;
    const out: number[] = [0];
    const rc = libyang().lyd_print_mem(out, root, formatCode(format), flags);
    if (rc !== 0) throw failure(this.handle.live(), 'YANG_PARSE', 'printing the data tree', rc);
    return takeMallocString(out[0]!);
  }

  /**
   * Full validation against every implemented module; adds default nodes. Throws YANG_VALIDATION with all records.
   * A tree that already passed validation in this mode and has not changed since (nor has its context's module set)
   * is not validated again: libyang 2.1 has no validation of only what changed, and its full pass over a large
   * datastore costs far more than the edit did, so datastores copied from a validated one (a candidate committed
   * to running, a confirming commit) cost a copy, not a validation. `force` validates anyway (benchmarks compare
   * the two ways).
   */
  validate(mode: ValidationMode, options: { force?: boolean } = {}): void {
    const ctx = this.handle.live();
    if (!options.force && this.isValid(mode)) return;
    const ref: number[] = [this.handle.root];
    const rc = libyang().lyd_validate_all(ref, ctx, mode === 'config' ? LYD_VALIDATE_NO_STATE : LYD_VALIDATE_PRESENT, 0);
    this.handle.generation++;
    this.handle.revision++;
    this.handle.root = ref[0]!;
    if (rc !== 0) {
      this.handle.validated = undefined;
      throw failure(ctx, parseErrorCode, `validating the data tree (${mode})`, rc, { mode });
    }
    this.markValidated(mode);
  }

  /**
   * Validates the data of these modules only (libyang's lyd_validate_module, once per module): their musts, leafrefs,
   * uniques and mandatory nodes, reading the rest of the tree where they refer to it. For a datastore known valid
   * before an edit, the modules the edit changed and those depending on them (YangContext.modulesDependingOn) are all
   * an edit can break. Does not mark the tree valid as a whole. Modules that are not implemented are skipped.
   *
   * Validation may change the data: it adds default nodes, and it removes nodes (a `when` that became false,
   * another case of a choice chosen). With `reportRemoved`, `removed` says whether it removed any, for a caller
   * that must know the tree still holds everything it held before (defaults aside), and a failed validation says it
   * in its error's context (`dataRemoved`), since libyang may have removed nodes before it met the failure; the diff
   * that tells is built only when a module validated can have data removed (YangContext.validationCanRemove), and
   * otherwise `removed` is false at once. Without it no diff is built and `removed` is undefined.
   */
  validateModules(
    modules: readonly string[],
    mode: ValidationMode,
    options: { reportRemoved?: boolean } = {},
  ): { removed: boolean | undefined } {
    return validateModuleData(this.handle, modules, mode, options.reportRemoved === true);
  }

  /**
   * Validates this tree as an edited copy of `base`: when `base` is valid in `mode`, only what the edits can have
   * broken is validated (the modules whose data differs, found by a diff, and the modules depending on them), and
   * the tree is then valid as a whole; otherwise the whole tree is validated. Throws as validate does. With
   * `changed` (the modules of the top-level nodes an edit applied to a copy of `base` wrote under: a caller that
   * applied it knows them) no diff of the two trees is taken to find them.
   */
  validateAgainst(base: DataTree, mode: ValidationMode, options: { changed?: readonly string[] } = {}): void {
    this.sameContext(base, 'validateAgainst');
    if (this.isValid(mode)) return;
    if (!base.isValid(mode)) {
      this.validate(mode);
      return;
    }
    if (options.changed) {
      this.validateModules(modulesDependingOn(this.handle.live(), options.changed), mode);
      this.markValidated(mode);
      return;
    }
    const diff = base.diff(this);
    if (diff === null) {
      this.markValidated(mode);
      return;
    }
    let changed: string[];
    try {
      changed = [...new Set(diff.roots().map((root) => root.module))];
    } finally {
      diff.dispose();
    }
    this.validateModules(modulesDependingOn(this.handle.live(), changed), mode);
    this.markValidated(mode);
  }

  /** Whether this tree passed validation in `mode` and neither it nor its context's modules changed since. */
  isValid(mode: ValidationMode): boolean {
    const ctx = this.handle.live();
    const v = this.handle.validated;
    return v !== undefined && v.mode === mode && v.revision === this.handle.revision && v.contextChanges === contextChanges(ctx);
  }

  /** @internal Records that the tree as it is now passed validation in `mode` (parsing with validation did it). */
  markValidated(mode: ValidationMode): void {
    const ctx = this.handle.live();
    this.handle.validated = { mode, revision: this.handle.revision, contextChanges: contextChanges(ctx) };
  }

  /** Creates the node at a schema path (with list keys in predicates), creating missing parents. */
  newPath(path: string, value?: string, options: NewPathOptions = {}): void {
    const ctx = this.handle.live();
    const ly = libyang();
    const flags = (options.update ? LYD_NEW_PATH_UPDATE : 0) | (options.output ? LYD_NEW_PATH_OUTPUT : 0);
    const out: number[] = [0];
    const rc = ly.lyd_new_path(this.handle.root, ctx, path, value ?? null, flags, out);
    if (rc !== 0) throw failure(ctx, parseErrorCode, `creating ${path}`, rc, { path, value });
    this.handle.revision++;
    const anchor = this.handle.root || topOf(out[0]!);
    this.handle.root = anchor ? ly.lyd_first_sibling(anchor) : 0;
  }

  /** Every node the XPath selects (document order). */
  find(xpath: string): DataNode[] {
    return this.findNative(xpath).map((p) => new NodeView(this.handle, this, p));
  }

  /** Frees every node the XPath selects (and their subtrees); returns how many subtrees were removed. */
  remove(xpath: string): number {
    return this.freeNodes(this.findNative(xpath), xpath);
  }

  private freeNodes(nodes: Ptr[], xpath: string): number {
    const ly = libyang();
    const keys = nodes.filter((n) => new NodeView(this.handle, this, n).isKey);
    if (keys.length > 0) {
      throw new YangError('YANG_VALIDATION', `cannot remove a list key (${xpath}); remove the list entry instead`, [], { xpath });
    }
    // A match inside another match goes with its ancestor: freeing it first would free it twice.
    const matched = new Set(nodes.map((n) => n));
    const outermost = nodes.filter((n) => !hasAncestorIn(n, matched));
    for (const node of outermost) {
      if (node === this.handle.root) this.handle.root = readPtr(node, LYD_NODE.next);
      ly.lyd_free_tree(node);
    }
    this.handle.generation++;
    if (outermost.length > 0) this.handle.revision++;
    if (this.handle.root) this.handle.root = ly.lyd_first_sibling(this.handle.root);
    return outermost.length;
  }

  /**
   * Whether a node is at a data path (`/mod:top/list[key='v']`, every key of a list entry given), found by its keys'
   * hash as `removeAt` finds it; a path libyang cannot take so (not a data path) is evaluated as an XPath.
   */
  has(path: string): boolean {
    const at = lookUpDataPath(this.handle, path);
    return at === 'not-a-data-path' ? this.findNative(path).length > 0 : at !== 'absent';
  }

  /**
   * Frees the node at a data path (`/mod:top/list[key='v']`, every key of a list entry given) and its subtree; 0
   * when there is none, 1 when there was. libyang finds it by its keys' hash where `remove` evaluates an XPath over
   * the tree; a path it cannot take so (not a data path) is removed as an XPath.
   */
  removeAt(path: string): number {
    const at = lookUpDataPath(this.handle, path);
    if (at === 'absent') return 0;
    if (at === 'not-a-data-path') return this.remove(path);
    return this.freeNodes([at.node], path);
  }

  /** The top-level siblings. */
  roots(): DataNode[] {
    this.handle.live();
    const out: DataNode[] = [];
    for (let node = this.handle.root; node; node = readPtr(node, LYD_NODE.next)) out.push(new NodeView(this.handle, this, node));
    return out;
  }

  /** For a parsed operation: the RPC, action or notification node itself (an action sits below its parents). */
  operation(): DataNode | undefined {
    this.handle.live();
    return this.operationNode ? new NodeView(this.handle, this, this.operationNode) : undefined;
  }

  /** @internal The operation node pointer, for parsing a reply onto a copy of its request. */
  operationNative(): Ptr {
    this.handle.live();
    if (!this.operationNode) throw new YangError('YANG_NOT_FOUND', 'this tree holds no parsed operation');
    return this.operationNode;
  }

  /** For a NETCONF operation: the envelope (rpc, rpc-reply or notification element) as opaque nodes with attributes. */
  envelope(): DataNode | undefined {
    this.handle.live();
    const env = this.handle.extra[0];
    return env ? new NodeView(this.handle, this, env) : undefined;
  }

  /** A deep copy; a copy of a tree that is valid (see isValid) is valid in the same mode without validating it again. */
  duplicate(): DataTree {
    const copy = this.derive(this.dupRoot());
    const v = this.handle.validated;
    if (v !== undefined && this.isValid(v.mode)) copy.markValidated(v.mode);
    return copy;
  }

  /**
   * Merges `source` into this tree (source is unchanged). On failure this tree is unchanged: the merge runs on a
   * copy that is swapped in on success. `inPlace` merges into this tree itself, sparing the copy of a large tree;
   * a failure may then leave it half merged, so it is for a scratch tree the caller drops when anything fails.
   */
  merge(source: DataTree, options: { inPlace?: boolean } = {}): void {
    this.sameContext(source, 'merge');
    const src = source.handle.root;
    if (!src) return;
    if (!options.inPlace) {
      this.transact('merging data trees', (ref) => libyang().lyd_merge_siblings(ref, src, 0));
      return;
    }
    const ctx = this.handle.live();
    const ly = libyang();
    const ref: number[] = [this.handle.root];
    const rc = ly.lyd_merge_siblings(ref, src, 0);
    this.handle.generation++;
    this.handle.revision++;
    this.handle.root = ref[0] ? ly.lyd_first_sibling(ref[0]) : 0;
    if (rc !== 0) throw failure(ctx, parseErrorCode, 'merging data trees', rc);
  }

  /** libyang diff from this tree to `target` (yang:operation metadata on each changed node); null when equal. */
  diff(target: DataTree): DataTree | null {
    const ctx = this.sameContext(target, 'diff');
    const out: number[] = [0];
    const rc = libyang().lyd_diff_siblings(this.handle.root, target.handle.root, 0, out);
    if (rc !== 0) throw failure(ctx, 'YANG_PARSE', 'computing the diff', rc);
    return out[0] ? this.derive(out[0]!) : null;
  }

  /** Applies a diff from diff(). On failure this tree is unchanged. */
  applyDiff(diff: DataTree): void {
    this.sameContext(diff, 'applyDiff');
    const d = diff.handle.root;
    if (!d) return;
    this.transact('applying the diff', (ref) => libyang().lyd_diff_apply_all(ref, d));
  }

  /** This tree read as a diff, reversed: applying the result undoes applying this one. */
  reverseDiff(): DataTree {
    const ctx = this.handle.live();
    if (!this.handle.root) return this.derive(0);
    const out: number[] = [0];
    const rc = libyang().lyd_diff_reverse_all(this.handle.root, out);
    if (rc !== 0) throw failure(ctx, 'YANG_PARSE', 'reversing the diff', rc);
    return this.derive(out[0]!);
  }

  dispose(): void {
    treeFinalizer.unregister(this);
    this.handle.free();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private findNative(xpath: string): Ptr[] {
    return findNodes(this.handle, xpath);
  }

  private dupRoot(): Ptr {
    const ctx = this.handle.live();
    if (!this.handle.root) return 0;
    const out: number[] = [0];
    const rc = libyang().lyd_dup_siblings(this.handle.root, 0, LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS, out);
    if (rc !== 0) throw failure(ctx, 'YANG_PARSE', 'duplicating the data tree', rc);
    return out[0]!;
  }

  /** Runs a mutating libyang call on a copy and swaps it in only on success: no half-applied state. */
  private transact(what: string, op: (ref: number[]) => number): void {
    const ctx = this.handle.live();
    const ly = libyang();
    const ref: number[] = [this.dupRoot()];
    const rc = op(ref);
    if (rc !== 0) {
      if (ref[0]) ly.lyd_free_all(ref[0]);
      throw failure(ctx, parseErrorCode, what, rc);
    }
    if (this.handle.root) ly.lyd_free_all(this.handle.root);
    this.handle.generation++;
    this.handle.revision++;
    this.handle.root = ref[0] ? ly.lyd_first_sibling(ref[0]) : 0;
  }

  private derive(root: Ptr): DataTree {
    return new DataTree(this.owner, new TreeHandle(this.handle.context, root));
  }

  private sameContext(other: DataTree, what: string): Ptr {
    const ctx = this.handle.live();
    other.handle.live();
    if (other.handle.context !== this.handle.context) {
      throw new YangError('YANG_CONTEXT', `${what}: both trees must come from the same YangContext`);
    }
    return ctx;
  }
}

function contextChanges(ctx: Ptr): number {
  return libyang().ly_ctx_get_change_count(ctx);
}

function topOf(node: Ptr): Ptr {
  let top = node;
  for (let p = top ? readPtr(top, LYD_NODE.parent) : 0; p; p = readPtr(p, LYD_NODE.parent)) top = p;
  return top;
}

function hasAncestorIn(node: Ptr, addresses: Set<Ptr>): boolean {
  for (let p = readPtr(node, LYD_NODE.parent); p; p = readPtr(p, LYD_NODE.parent)) if (addresses.has(p)) return true;
  return false;
}
