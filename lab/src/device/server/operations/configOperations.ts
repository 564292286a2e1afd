import type { XmlElement } from '@milli/netconf-client';
import type { DataTree } from '@milli/yang-ts';
import { type DefaultOperation, type ErrorOption, applyEdit, asRpcErrors } from '../../datastore/applyEdit';
import { addOperationalState } from '../../model/operationalState';
import { addNetconfState } from '../../datastore/netconfMonitoring';
import { keepFilteredRoots } from '../../datastore/filterRoots';
import { type Unreachable, filterScope } from '../../datastore/filterScope';
import { configJson } from '../../model/configRows';
import { RpcError, rpcErrors } from '../RpcError';
import { OK, type RpcCall, baseChild, baseText, datastoreArg, parseEdit, sourceTree, xpathRewriter } from './RpcCall';

/** get-config (RFC 6241 7.1). */
export function getConfig(call: RpcCall): string {
  const tree = call.state.store(datastoreArg(call, 'source'));
  return `<data>${filtered(call, tree)}</data>`;
}

/**
 * get (RFC 6241 7.7): running plus operational state. Only the state of the modules a subtree filter names is built
 * (a controller reading its OSU connections does not pay for the YANG library, the sessions and every port), and
 * of those only what the filter can select: the copy of running loses the containers and list entries it cannot
 * select before any state is written, state is written only where it can, and what is printed and filtered is
 * that much (the controller's verify, naming two entries of hundreds, pays for two).
 */
export function get(call: RpcCall): string {
  const { state } = call;
  const filter = baseChild(call.op, 'filter');
  const wants = wantedModules(filter, state.moduleByNamespace);
  const scope = filterScope(filter, {
    moduleOf: (namespace) => state.moduleByNamespace.get(namespace),
    namespaceOf: (module) => state.namespaceOf(module),
  });
  const running = state.store('running');
  const tree = running.duplicate();
  try {
    if (scope !== undefined)
      removeUnreachable(
        tree,
        scope.unreachable(configJson(running), (list) => running.find(`${list}[1]`)[0]?.keys),
      );
    addOperationalState(tree, {
      config: running,
      device: state.device,
      profile: state.profile,
      physics: state.physics,
      faults: state.faults,
      modules: state.modules,
      wants,
      ...(scope ? { reaches: scope.reaches } : {}),
    });
    if (wants('ietf-netconf-monitoring')) {
      addNetconfState(tree, {
        capabilities: state.capabilities,
        modules: state.modules,
        datastores: state.datastoreLocks(),
        counters: state.counters,
      });
    }
    // State of whole modules (the YANG library, the lab's faults, monitoring) was built whole; what the filter
    // cannot select of it is not printed.
    if (filter !== undefined) keepFilteredRoots(tree, filter, (module) => state.namespaceOf(module));
    return `<data>${filtered(call, tree)}</data>`;
  } finally {
    tree.dispose();
  }
}

/**
 * Removes what a filter cannot select: nodes and list entries by their data path (a hash lookup each), the entries of
 * a list whose keys were unknown by one XPath.
 */
function removeUnreachable(tree: DataTree, { nodes, entries }: Unreachable): void {
  for (const path of nodes) tree.removeAt(path);
  if (entries.length > 0) tree.remove(entries.join(' | '));
}

/**
 * The modules a filter can select: for a subtree filter, those of its top-level elements (matched by namespace);
 * every module when there is no filter, an XPath filter, or a top-level element of a namespace no module has
 * (the filter is then applied as usual and reports what it reports).
 */
function wantedModules(filter: XmlElement | undefined, moduleByNamespace: ReadonlyMap<string, string>): (module: string) => boolean {
  const all = () => true;
  if (filter === undefined) return all;
  const type = filter.attributes.find((a) => a.local === 'type' && a.ns === '')?.value ?? 'subtree';
  if (type !== 'subtree') return all;
  const modules = new Set<string>();
  for (const el of filter.children) {
    const module = moduleByNamespace.get(el.ns);
    if (module === undefined) return all;
    modules.add(module);
  }
  return (module) => modules.has(module);
}

function filtered(call: RpcCall, tree: DataTree): string {
  const filter = baseChild(call.op, 'filter');
  try {
    return call.state.filtered(tree, filter, filter ? xpathRewriter(call, filter) : (x) => x);
  } catch (err) {
    throw asRpcErrors(err);
  }
}

const DEFAULT_OPERATIONS = new Set(['merge', 'replace', 'none']);
const TEST_OPTIONS = new Set(['test-then-set', 'set', 'test-only']);
const ERROR_OPTIONS = new Set(['stop-on-error', 'continue-on-error', 'rollback-on-error']);

function option<T extends string>(call: RpcCall, name: string, allowed: Set<string>, fallback: T): T {
  const value = baseText(call.op, name);
  if (value === undefined) return fallback;
  if (!allowed.has(value)) {
    throw new RpcError('protocol', 'invalid-value', `<${name}> '${value}' is not one of ${[...allowed].join(', ')}`, {
      info: { badElement: name },
    });
  }
  return value as T;
}

/**
 * edit-config (RFC 6241 7.2). The edit is applied to a copy of the target; the copy replaces the target only when
 * the edit (and, unless test-option is set, the validation of the result) succeeded, so with stop-on-error and
 * rollback-on-error nothing is half-applied. With continue-on-error the nodes that failed are skipped and reported
 * and the rest applies; a result that fails validation is never applied.
 */
export function editConfig(call: RpcCall): string {
  const { state, session } = call;
  const target = datastoreArg(call, 'target');
  state.assertWritable(target, session.id);
  const defaultOperation = option<DefaultOperation>(call, 'default-operation', DEFAULT_OPERATIONS, 'merge');
  const testOption = option<'test-then-set' | 'set' | 'test-only'>(call, 'test-option', TEST_OPTIONS, 'test-then-set');
  const errorOption = option<ErrorOption>(call, 'error-option', ERROR_OPTIONS, 'stop-on-error');
  const config = baseChild(call.op, 'config');
  if (config === undefined) {
    if (baseChild(call.op, 'url')) throw rpcErrors.notSupported('the :url capability');
    throw rpcErrors.missingElement('edit-config', 'config');
  }
  const { edit, leafDeletes } = parseEdit(call, config);
  const work = defaultOperation === 'replace' ? state.yang.newTree() : state.store(target).duplicate();
  let applied = false;
  try {
    // What the edit can have changed lies under its top-level nodes and its leaf deletes: their modules are those
    // whose data differs, without a diff of the whole datastore to find them (a replace starts from nothing).
    const changed =
      defaultOperation === 'replace'
        ? undefined
        : [
            ...new Set(
              [...edit.roots().map((r) => r.module), ...leafDeletes.map((d) => d.path.slice(1, d.path.indexOf(':')))].filter(
                (m) => m !== '',
              ),
            ),
          ];
    const errors = applyEdit(work, edit, defaultOperation, errorOption, leafDeletes);
    if (errors.length > 0 && errorOption !== 'continue-on-error') throw errors;
    if (testOption !== 'set') validateTree(work, state.store(target), changed);
    if (testOption === 'test-only') {
      if (errors.length > 0) throw errors;
      return OK;
    }
    if (target === 'running') rejectIfArmed(call);
    const before = state.replace(target, work, true);
    applied = true;
    if (target === 'candidate') state.candidateEditors.add(session.id);
    if (target === 'running' && before) state.configChanged(before, work, { username: session.username, sessionId: session.id }, 'running');
    before?.dispose();
    if (errors.length > 0) throw errors;
    return OK;
  } finally {
    edit.dispose();
    if (!applied) work.dispose();
  }
}

/** On a running-only device, reject-next-commit applies to the next write of running. */
function rejectIfArmed(call: RpcCall): void {
  const message = call.state.faults.rejectNextCommit;
  if (message === undefined) return;
  call.state.faults.rejectNextCommit = undefined;
  throw new RpcError('application', 'operation-failed', message || 'the device rejected the change (lab fault reject-next-commit)');
}

/**
 * Validates a datastore tree. With `before` (the datastore it is an edited copy of), only what the edit can have
 * broken is validated when `before` was valid: the modules whose data changed (`changed` when the caller knows
 * them, else found by a diff) and those depending on them.
 */
export function validateTree(tree: DataTree, before?: DataTree, changed?: readonly string[]): void {
  try {
    if (before) tree.validateAgainst(before, 'config', changed ? { changed } : {});
    else tree.validate('config');
  } catch (err) {
    throw asRpcErrors(err);
  }
}

/** copy-config (RFC 6241 7.3): whole-datastore replace, validated for running and startup. */
export function copyConfig(call: RpcCall): string {
  const { state, session } = call;
  const target = datastoreArg(call, 'target');
  state.assertWritable(target, session.id);
  const tree = sourceTree(call);
  let applied = false;
  try {
    validateTree(tree);
    if (target === 'running') rejectIfArmed(call);
    const before = state.replace(target, tree, true);
    applied = true;
    if (target === 'candidate') state.candidateEditors.add(session.id);
    if (before && target !== 'candidate') state.configChanged(before, tree, { username: session.username, sessionId: session.id }, target);
    before?.dispose();
    return OK;
  } finally {
    if (!applied) tree.dispose();
  }
}

/** delete-config (RFC 6241 7.4): only startup can be deleted. */
export function deleteConfig(call: RpcCall): string {
  const { state, session } = call;
  const target = datastoreArg(call, 'target');
  if (target !== 'startup') {
    throw new RpcError('protocol', 'invalid-value', `delete-config cannot delete ${target}; only startup`, {
      info: { badElement: target },
    });
  }
  state.locks.assertWritable('startup', session.id);
  state.replace('startup', state.yang.newTree());
  return OK;
}

/**
 * validate (RFC 6241 8.6): a datastore or inline config, checked against every module. A datastore known valid (the
 * candidate after an edit-config that validated what it changed) is answered without copying it.
 */
export function validate(call: RpcCall): string {
  const source = baseChild(call.op, 'source');
  if (source !== undefined && baseChild(source, 'config') === undefined) {
    if (call.state.store(datastoreArg(call, 'source')).isValid('config')) return OK;
  }
  const tree = sourceTree(call);
  try {
    validateTree(tree);
    return OK;
  } finally {
    tree.dispose();
  }
}
