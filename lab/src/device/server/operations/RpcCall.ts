import { NETCONF_BASE_NS, type XmlElement, serializeXml } from '@milli/netconf-client';
import type { DataTree } from '@milli/yang-ts';
import type { DeviceState } from '../../datastore/DeviceState';
import type { DatastoreName } from '../../datastore/LockManager';
import { rpcErrors } from '../RpcError';
import type { ServerSession } from '../ServerSession';
import { asRpcErrors } from '../../datastore/applyEdit';
import { withScope } from '../namespaceScope';
import { type LeafDelete, resolveLeafDeletes, takeValuelessDeletes } from '../../datastore/valuelessDeletes';
import { rewriteXpathPrefixes } from '../../datastore/xpathPrefixes';

/** One rpc being answered: the device, the asking session, the operation element and the prefixes in scope at it. */
export interface RpcCall {
  state: DeviceState;
  session: ServerSession;
  op: XmlElement;
  scope: Map<string, string>;
}

export type RpcHandler = (call: RpcCall) => string | Promise<string>;

export const OK = '<ok/>';

export function baseChild(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local && (c.ns === NETCONF_BASE_NS || c.ns === ''));
}

export function baseText(el: XmlElement, local: string): string | undefined {
  return baseChild(el, local)?.text.trim();
}

/** `<target><candidate/></target>`: the named datastore. */
export function datastoreArg(call: RpcCall, param: 'target' | 'source'): DatastoreName {
  const holder = baseChild(call.op, param);
  if (holder === undefined) throw rpcErrors.missingElement(call.op.local, param);
  const choice = holder.children[0];
  if (choice === undefined) throw rpcErrors.missingElement(param, 'running|candidate|startup');
  if (choice.local === 'url') throw rpcErrors.notSupported('the :url capability');
  if (choice.local === 'running' || choice.local === 'candidate' || choice.local === 'startup') {
    call.state.store(choice.local);
    return choice.local;
  }
  throw rpcErrors.badElement(choice.local, `<${param}> names an unknown datastore <${choice.local}>`);
}

/** A `<source>` that may also be inline `<config>`: returns a new tree the caller owns. */
export function sourceTree(call: RpcCall): DataTree {
  const holder = baseChild(call.op, 'source');
  if (holder === undefined) throw rpcErrors.missingElement(call.op.local, 'source');
  const config = baseChild(holder, 'config');
  if (config !== undefined) return parseConfig(call, config);
  return call.state.store(datastoreArg(call, 'source')).duplicate();
}

/** Parses the children of a `<config>` element as a whole datastore (validated). */
export function parseConfig(call: RpcCall, config: XmlElement): DataTree {
  return parseElements(call, config, config.children, 'config');
}

/** Parses edit-config content: operation attributes kept, value-less leaf deletes returned by path. */
export function parseEdit(call: RpcCall, config: XmlElement): { edit: DataTree; leafDeletes: LeafDelete[] } {
  const { roots, deletes } = takeValuelessDeletes(config.children);
  const edit = parseElements(call, config, roots, 'edit');
  try {
    return { edit, leafDeletes: resolveLeafDeletes(edit, deletes, call.state.moduleByNamespace) };
  } catch (err) {
    edit.dispose();
    throw asRpcErrors(err);
  }
}

function parseElements(call: RpcCall, config: XmlElement, elements: XmlElement[], mode: 'config' | 'edit'): DataTree {
  const scope = new Map(call.scope);
  for (const a of config.attributes) if (a.name.startsWith('xmlns:')) scope.set(a.local, a.value);
  const text = elements.map((c) => serializeScoped(c, scope)).join('');
  try {
    return call.state.yang.parseData(text, { format: 'xml', mode });
  } catch (err) {
    throw asRpcErrors(err);
  }
}

function serializeScoped(el: XmlElement, scope: Map<string, string>): string {
  return serializeXml(withScope(el, scope));
}

/** XPath in a filter with the request's prefixes turned into module names. */
export function xpathRewriter(call: RpcCall, filter: XmlElement): (xpath: string) => string {
  const scope = new Map(call.scope);
  for (const a of filter.attributes) if (a.name.startsWith('xmlns:')) scope.set(a.local, a.value);
  return (xpath) => rewriteXpathPrefixes(xpath, scope, call.state.moduleByNamespace);
}
