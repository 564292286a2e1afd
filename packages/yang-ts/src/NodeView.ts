import type { DataNode, DataNodeKind, DataNodeMetadata } from './DataNode';
import type { TreeHandle } from './handles';
import { YangError } from './YangError';
import { libyang, LYD_PATH_STD, type Ptr } from './native/libyang';
import {
  LY_VALUE_XML,
  LYD_ATTR,
  LYD_META,
  LYD_NODE,
  LYD_OPAQ,
  LYS_ACTION,
  LYS_ANYDATA,
  LYS_ANYXML,
  LYS_CONFIG_W,
  LYS_CONTAINER,
  LYS_KEY,
  LYS_LEAF,
  LYS_LEAFLIST,
  LYS_LIST,
  LYS_MODULE,
  LYS_NOTIF,
  LYS_RPC,
  LYSC_EXT_INSTANCE,
  LYSC_NODE,
  readI32,
  readPtr,
  readStr,
  readU16,
  readU32,
  takeMallocString,
} from './native/layout';

const LYD_DEFAULT = 0x01;
const INNER = LYS_CONTAINER | LYS_LIST | LYS_RPC | LYS_ACTION | LYS_NOTIF;

function kindOf(nodetype: number): DataNodeKind {
  switch (nodetype) {
    case LYS_CONTAINER:
      return 'container';
    case LYS_LIST:
      return 'list';
    case LYS_LEAF:
      return 'leaf';
    case LYS_LEAFLIST:
      return 'leaf-list';
    case LYS_ANYDATA:
      return 'anydata';
    case LYS_ANYXML:
      return 'anyxml';
    case LYS_RPC:
      return 'rpc';
    case LYS_ACTION:
      return 'action';
    case LYS_NOTIF:
      return 'notification';
    default:
      return 'opaque';
  }
}

/**
 * A DataNode backed by a libyang node pointer. It holds its tree's owner object (so the tree is not
 * finalized while a view is reachable) and the tree generation it was taken at.
 */
export class NodeView implements DataNode {
  private readonly generation: number;

  constructor(
    private readonly tree: TreeHandle,
    /** Keeps the public DataTree (and through it the context) reachable while the view is. */
    private readonly owner: object,
    private readonly node: Ptr,
  ) {
    this.generation = tree.generation;
  }

  /** The node pointer, after checking the tree is alive and unchanged since this view was taken. */
  private ptr(): Ptr {
    this.tree.live();
    if (this.tree.generation !== this.generation) {
      throw new YangError(
        'YANG_DISPOSED',
        'this node view is stale: its tree was changed (remove, validate, merge or applyDiff) after it was taken',
      );
    }
    return this.node;
  }

  private schema(): Ptr {
    return readPtr(this.ptr(), LYD_NODE.schema);
  }

  private nodetype(): number {
    const schema = this.schema();
    return schema ? readU16(schema, LYSC_NODE.nodetype) : 0;
  }

  get kind(): DataNodeKind {
    return kindOf(this.nodetype());
  }

  get name(): string {
    const schema = this.schema();
    return (schema ? readStr(schema, LYSC_NODE.name) : readStr(this.node, LYD_OPAQ.name)) ?? '';
  }

  get module(): string {
    const schema = this.schema();
    if (schema) {
      const mod = readPtr(schema, LYSC_NODE.module);
      return (mod ? readStr(mod, LYS_MODULE.name) : undefined) ?? '';
    }
    return moduleOfOpaque(this.tree.live(), this.node, LYD_OPAQ.moduleRef, LYD_OPAQ.format);
  }

  get path(): string {
    return takeMallocString(libyang().lyd_path(this.ptr(), LYD_PATH_STD, 0, 0));
  }

  get value(): string | undefined {
    const node = this.ptr();
    const nodetype = this.nodetype();
    if (nodetype === 0) return readStr(node, LYD_OPAQ.value);
    if (nodetype & (LYS_LEAF | LYS_LEAFLIST)) {
      // libyang fills a value's canonical string lazily for some types (yang:date-and-time): ask it then.
      return (
        readStr(node, LYD_NODE.termCanonical) ??
        libyang().lyd_value_get_canonical(this.tree.live(), node + LYD_NODE.termCanonical) ??
        undefined
      );
    }
    if (nodetype & LYS_ANYXML) {
      const out: number[] = [0];
      if (libyang().lyd_any_value_str(node, out) !== 0) return undefined;
      return out[0] ? takeMallocString(out[0]!) : undefined;
    }
    return undefined;
  }

  get isKey(): boolean {
    const schema = this.schema();
    return schema ? (readU16(schema, LYSC_NODE.flags) & LYS_KEY) !== 0 : false;
  }

  get isConfig(): boolean {
    const schema = this.schema();
    return schema ? (readU16(schema, LYSC_NODE.flags) & LYS_CONFIG_W) !== 0 : false;
  }

  get isDefault(): boolean {
    return (readU32(this.ptr(), LYD_NODE.flags) & LYD_DEFAULT) !== 0;
  }

  get keys(): string[] {
    if (this.nodetype() !== LYS_LIST) return [];
    return this.children()
      .filter((c) => c.isKey)
      .map((c) => c.name);
  }

  get metadata(): DataNodeMetadata[] {
    const node = this.ptr();
    const out: DataNodeMetadata[] = [];
    if (this.schema()) {
      for (let meta = readPtr(node, LYD_NODE.meta); meta; meta = readPtr(meta, LYD_META.next)) {
        const annotation = readPtr(meta, LYD_META.annotation);
        const mod = annotation ? readPtr(annotation, LYSC_EXT_INSTANCE.module) : 0;
        out.push({
          module: (mod ? readStr(mod, LYS_MODULE.name) : undefined) ?? '',
          name: readStr(meta, LYD_META.name) ?? '',
          value: readStr(meta, LYD_META.canonical) ?? '',
        });
      }
      return out;
    }
    const ctx = this.tree.live();
    for (let attr = readPtr(node, LYD_OPAQ.attr); attr; attr = readPtr(attr, LYD_ATTR.next)) {
      out.push({
        module: moduleOfOpaque(ctx, attr, LYD_ATTR.moduleRef, LYD_ATTR.format),
        name: readStr(attr, LYD_ATTR.name) ?? '',
        value: readStr(attr, LYD_ATTR.value) ?? '',
      });
    }
    return out;
  }

  children(): DataNode[] {
    const node = this.ptr();
    const nodetype = this.nodetype();
    if (nodetype !== 0 && !(nodetype & INNER)) return [];
    const out: DataNode[] = [];
    for (let child = readPtr(node, LYD_NODE.child); child; child = readPtr(child, LYD_NODE.next)) {
      out.push(new NodeView(this.tree, this.owner, child));
    }
    return out;
  }

  parent(): DataNode | undefined {
    const parent = readPtr(this.ptr(), LYD_NODE.parent);
    return parent ? new NodeView(this.tree, this.owner, parent) : undefined;
  }

  /** The native pointer, for the tree's own operations (remove). */
  nativeNode(): Ptr {
    return this.ptr();
  }

  toJSON(): Record<string, unknown> {
    return { path: this.path, kind: this.kind, value: this.value, metadata: this.metadata };
  }
}

/** An opaque node or attribute names its module by XML namespace or by module name, depending on the input format. */
function moduleOfOpaque(ctx: Ptr, base: Ptr, refOffset: number, formatOffset: number): string {
  const ref = readStr(base, refOffset);
  if (!ref) return '';
  const format = readI32(base, formatOffset);
  if (format !== LY_VALUE_XML) return ref;
  const mod = libyang().ly_ctx_get_module_latest_ns(ctx, ref);
  return (mod ? readStr(mod, LYS_MODULE.name) : undefined) ?? ref;
}
