export type DataNodeKind =
  | 'container'
  | 'list'
  | 'leaf'
  | 'leaf-list'
  | 'anydata'
  | 'anyxml'
  | 'rpc'
  | 'action'
  | 'notification'
  | 'opaque';

export interface DataNodeMetadata {
  /** Module name of the annotation (for an opaque node's attribute: its module name or XML namespace). */
  module: string;
  name: string;
  value: string;
}

/**
 * A read-only view of one node, valid while its tree lives and until the tree is next changed by
 * remove/validate/merge/applyDiff (reading it afterwards throws YANG_DISPOSED instead of touching freed memory).
 */
export interface DataNode {
  readonly path: string;
  readonly name: string;
  readonly module: string;
  /** Canonical value of a leaf or leaf-list; text of anydata/anyxml; original text of an opaque node. */
  readonly value?: string;
  readonly kind: DataNodeKind;
  readonly isKey: boolean;
  readonly isConfig: boolean;
  /** An implicit default node added by validation (not set explicitly). */
  readonly isDefault: boolean;
  /** Key leaf names of a list entry, in schema order; empty otherwise. */
  readonly keys: string[];
  /** Metadata (e.g. ietf-netconf:operation = delete, yang:operation in diffs) or an opaque node's attributes. */
  readonly metadata: DataNodeMetadata[];
  children(): DataNode[];
  parent(): DataNode | undefined;
}
