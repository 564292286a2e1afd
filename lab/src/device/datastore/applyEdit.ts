import { type DataNode, type DataTree, isYangError } from '@milli/yang-ts';
import { RpcError } from '../server/RpcError';
import type { LeafDelete } from './valuelessDeletes';
import { yangErrorToRpc } from '../server/yangErrorToRpc';

export type EditOperation = 'merge' | 'replace' | 'create' | 'delete' | 'remove' | 'none';
export type DefaultOperation = 'merge' | 'replace' | 'none';
export type ErrorOption = 'stop-on-error' | 'continue-on-error' | 'rollback-on-error';

const OPERATIONS: ReadonlySet<string> = new Set(['merge', 'replace', 'create', 'delete', 'remove', 'none']);

/**
 * Applies the parsed `<config>` of an edit-config (RFC 6241 section 7.2) to `target`, in place. `edit` comes
 * from parsing with operation attributes kept (ietf-netconf:operation metadata). Returns the errors met:
 * with continue-on-error every failing node is skipped and reported while the others apply; with the other
 * error options the walk stops at the first error, and the caller discards `target` (it edits a copy), so
 * nothing is half-applied. Default-operation replace is handled by the caller (the target starts empty).
 * `leafDeletes` are value-less leaf deletes taken out of the edit before parsing (see valuelessDeletes).
 */
export function applyEdit(
  target: DataTree,
  edit: DataTree,
  defaultOperation: DefaultOperation,
  errorOption: ErrorOption,
  leafDeletes: LeafDelete[] = [],
): RpcError[] {
  const errors: RpcError[] = [];
  const stopEarly = errorOption !== 'continue-on-error';
  let stopped = false;
  const visit = (node: DataNode, inherited: EditOperation): boolean => {
    if (stopped) return false;
    try {
      applyNode(target, node, inherited, visit);
    } catch (err) {
      errors.push(...asRpcErrors(err, node.path));
      if (stopEarly) stopped = true;
    }
    return !stopped;
  };
  for (const root of edit.roots()) {
    if (!visit(root, defaultOperation)) break;
  }
  for (const { path, operation } of leafDeletes) {
    if (stopped) break;
    try {
      const present = exists(target, path);
      if (!present && operation === 'delete')
        throw new RpcError('protocol', 'data-missing', `cannot delete ${path}: it does not exist`, { path });
      if (present) target.remove(path);
    } catch (err) {
      errors.push(...asRpcErrors(err, path));
      if (stopEarly) stopped = true;
    }
  }
  return errors;
}

type Visit = (node: DataNode, inherited: EditOperation) => boolean;

function applyNode(target: DataTree, node: DataNode, inherited: EditOperation, visit: Visit): void {
  const explicit = operationOf(node);
  const op = explicit ?? inherited;
  const path = node.path;
  switch (op) {
    case 'delete':
      if (!exists(target, path)) throw new RpcError('protocol', 'data-missing', `cannot delete ${path}: it does not exist`, { path });
      removeNode(target, node);
      return;
    case 'remove':
      if (exists(target, path)) removeNode(target, node);
      return;
    case 'create':
      if (exists(target, path)) throw new RpcError('protocol', 'data-exists', `cannot create ${path}: it already exists`, { path });
      copySubtree(target, node);
      return;
    case 'replace':
      if (node.isKey) return;
      if (exists(target, path)) removeNode(target, node);
      copySubtree(target, node);
      return;
    case 'merge':
      if (node.isKey) return;
      if (node.kind === 'leaf') {
        target.newPath(path, node.value ?? '', { update: true });
        return;
      }
      if (!exists(target, path)) target.newPath(path);
      for (const child of node.children()) if (!visit(child, 'merge')) return;
      return;
    case 'none':
      if (node.kind === 'leaf' || node.kind === 'leaf-list') return;
      // A list entry must exist to be descended into; containers are created on the way by the writes below.
      if (node.kind === 'list' && !exists(target, path)) {
        if (!wantsWrite(node)) return;
        throw new RpcError('protocol', 'data-missing', `${path} does not exist: create it (operation create, merge or replace) first`, {
          path,
        });
      }
      for (const child of node.children()) if (!visit(child, 'none')) return;
      return;
  }
}

/** The ietf-netconf:operation attribute of a node, checked. */
function operationOf(node: DataNode): EditOperation | undefined {
  const meta = node.metadata.find((m) => m.name === 'operation' && (m.module === 'ietf-netconf' || m.module.includes('netconf:base')));
  if (meta === undefined) return undefined;
  if (!OPERATIONS.has(meta.value)) {
    throw new RpcError('protocol', 'bad-attribute', `operation '${meta.value}' is not one of ${[...OPERATIONS].join(', ')}`, {
      path: node.path,
      info: { badAttribute: 'operation', badElement: node.name },
    });
  }
  return meta.value as EditOperation;
}

/** Whether anything below (or at) the node asks for a write that needs the node to exist. */
function wantsWrite(node: DataNode): boolean {
  const op = operationOf(node);
  if (op === 'merge' || op === 'replace' || op === 'create' || op === 'delete') return true;
  return node.children().some(wantsWrite);
}

/** By the node's data path: a hashed lookup (an edit of hundreds of entries asks once per node). */
function exists(target: DataTree, path: string): boolean {
  return target.has(path);
}

function removeNode(target: DataTree, node: DataNode): void {
  if (node.isKey)
    throw new RpcError('protocol', 'bad-element', `a list key (${node.path}) cannot be deleted on its own`, { path: node.path });
  target.remove(node.path);
}

/** Writes the node and everything below it into the target (operations below a create or replace are content). */
function copySubtree(target: DataTree, node: DataNode): void {
  if (node.kind === 'leaf') {
    if (!node.isKey) target.newPath(node.path, node.value ?? '', { update: true });
    return;
  }
  if (node.kind === 'leaf-list') {
    if (!exists(target, node.path)) target.newPath(node.path);
    return;
  }
  if (!exists(target, node.path)) target.newPath(node.path);
  for (const child of node.children()) {
    const op = operationOf(child);
    if (op === 'delete' || op === 'remove') continue;
    copySubtree(target, child);
  }
}

export function asRpcErrors(err: unknown, path?: string): RpcError[] {
  if (err instanceof RpcError) return [err];
  if (isYangError(err)) return yangErrorToRpc(err, path);
  const extra = path ? { path } : {};
  return [new RpcError('application', 'operation-failed', err instanceof Error ? err.message : String(err), extra)];
}
