import type { ParseOperationOptions } from './types';
import { YangError } from './YangError';
import { drainErrors } from './native/errorRecords';
import { failure, parseErrorCode } from './native/fail';
import { LYD_NODE, readPtr } from './native/layout';
import {
  libyang,
  LY_ENOT,
  LYD_DUP_WITH_PARENTS,
  LYD_JSON,
  LYD_TYPE_NOTIF_NETCONF,
  LYD_TYPE_NOTIF_YANG,
  LYD_TYPE_REPLY_NETCONF,
  LYD_TYPE_REPLY_YANG,
  LYD_TYPE_RPC_NETCONF,
  LYD_TYPE_RPC_YANG,
  LYD_XML,
  type Ptr,
} from './native/libyang';

export interface ParsedOperation {
  /** First top-level sibling of the operation's data tree. */
  root: Ptr;
  /** The rpc/action/notification node inside it. */
  operation: Ptr;
  /** The NETCONF envelope as a separate opaque tree. */
  envelope: Ptr;
}

const TYPES = {
  rpc: [LYD_TYPE_RPC_YANG, LYD_TYPE_RPC_NETCONF],
  reply: [LYD_TYPE_REPLY_YANG, LYD_TYPE_REPLY_NETCONF],
  notification: [LYD_TYPE_NOTIF_YANG, LYD_TYPE_NOTIF_NETCONF],
} as const;

/**
 * lyd_parse_op for every kind. A NETCONF reply is parsed onto a copy of the request's RPC node (libyang attaches
 * the output to it), which is why a request tree is needed for one.
 */
export function parseOperation(ctx: Ptr, text: string, options: ParseOperationOptions): ParsedOperation {
  const ly = libyang();
  const netconf = options.netconf === true;
  if (netconf && options.format !== 'xml') {
    throw new YangError('YANG_PARSE', 'NETCONF messages are XML only: use format "xml" with netconf: true', [], { format: options.format });
  }
  const types = TYPES[options.kind];
  if (!types) throw new YangError('YANG_PARSE', `unknown operation kind ${String(options.kind)}`, [], { kind: options.kind });
  let parent: Ptr = 0;
  if (options.kind === 'reply' && netconf) {
    const request = options.request?.operation();
    if (!options.request || !request) {
      throw new YangError('YANG_PARSE', 'a NETCONF reply needs options.request: the parsed RPC it answers', [], { kind: 'reply' });
    }
    parent = duplicateOperation(ctx, options.request);
  }
  // The input handle keeps a pointer to the text: the Buffer must outlive it.
  const buffer = Buffer.from(`${text}\0`, 'utf8');
  const inp: number[] = [0];
  let rc = ly.ly_in_new_memory(buffer, inp);
  if (rc !== 0) throw failure(ctx, 'YANG_PARSE', 'creating the input handle', rc);
  const tree: number[] = [0];
  const op: number[] = [0];
  try {
    rc = ly.lyd_parse_op(
      ctx,
      parent,
      inp[0],
      options.format === 'json' ? LYD_JSON : LYD_XML,
      types[netconf ? 1 : 0],
      tree,
      parent ? null : op,
    );
  } finally {
    ly.ly_in_free(inp[0], 0);
  }
  void buffer;
  if (rc !== 0) {
    // libyang frees what it parsed and nulls op; only an envelope that parsed comes back, and our reply parent.
    if (tree[0]) ly.lyd_free_all(tree[0]);
    if (parent) ly.lyd_free_all(topOf(parent));
    const what = `parsing ${netconf ? 'a NETCONF ' : 'a YANG '}${options.kind}`;
    if (rc === LY_ENOT) {
      drainErrors(ctx);
      throw new YangError('YANG_PARSE', `${what}: the root element is not the expected ${options.kind} message`, [], {
        kind: options.kind,
      });
    }
    throw failure(ctx, parseErrorCode, what, rc, { kind: options.kind, netconf });
  }
  const parsed = collect(parent, netconf, tree[0]!, op[0]!);
  if (options.validate !== false && parsed.operation) {
    const vrc = ly.lyd_validate_op(parsed.operation, options.operational?.handle.root ?? 0, types[0], 0);
    if (vrc !== 0) {
      if (parsed.root) ly.lyd_free_all(parsed.root);
      if (parsed.envelope) ly.lyd_free_all(parsed.envelope);
      throw failure(ctx, parseErrorCode, `validating the ${options.kind}`, vrc, { kind: options.kind, netconf });
    }
  }
  drainErrors(ctx);
  return parsed;
}

function collect(parent: Ptr, netconf: boolean, tree: Ptr, op: Ptr): ParsedOperation {
  if (parent) return { root: firstTop(parent), operation: parent, envelope: tree };
  if (netconf) return { root: op ? firstTop(op) : 0, operation: op, envelope: tree };
  return { root: tree, operation: op, envelope: 0 };
}

function duplicateOperation(ctx: Ptr, request: import('./DataTree').DataTree): Ptr {
  const node = request.operationNative();
  const out: number[] = [0];
  const rc = libyang().lyd_dup_single(node, 0, LYD_DUP_WITH_PARENTS, out);
  if (rc !== 0 || !out[0]) throw failure(ctx, 'YANG_PARSE', 'copying the request for its reply', rc);
  return out[0]!;
}

function topOf(node: Ptr): Ptr {
  let top = node;
  for (let p = readPtr(top, LYD_NODE.parent); p; p = readPtr(p, LYD_NODE.parent)) top = p;
  return top;
}

function firstTop(node: Ptr): Ptr {
  return libyang().lyd_first_sibling(topOf(node));
}
