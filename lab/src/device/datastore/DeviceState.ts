import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Logger } from '@milli/core';
import type { Device } from '@milli/topology';
import type { DataNode, DataTree, YangContext, YangModuleInfo } from '@milli/yang-ts';
import { ConfirmedCommit } from './ConfirmedCommit';
import type { DeviceProfile } from '../model/deviceProfile';
import { type DatastoreName, LockManager } from './LockManager';
import { type ConfigChange, configChangeXml, notificationXml } from '../model/notifications';
import type { FaultState } from '../model/operationalState';
import type { Physics } from '../model/Physics';
import { RpcError } from '../server/RpcError';
import type { ServerSession } from '../server/ServerSession';
import { applySubtreeFilter } from './subtreeFilter';
import type { MonitoringInputs } from './netconfMonitoring';
import { NetconfCounters } from '../server/NetconfCounters';
import { parseXml, serializeXml, type XmlElement } from '@milli/netconf-client';

/**
 * Everything the RPC handlers of one device share: its YANG context, the three datastores, locks, the pending
 * confirmed commit, the physics, injected faults and the open sessions. Datastores are replaced, never edited in
 * place: an operation builds a new tree and swaps it in only when it fully succeeded.
 */
export class DeviceState {
  readonly locks = new LockManager();
  readonly sessions = new Map<number, ServerSession>();
  readonly subscriptions = new Map<number, XmlElement[] | undefined>();
  readonly faults: FaultState = { rejectNextCommit: undefined, delayMs: 0 };
  readonly confirmed: ConfirmedCommit<DataTree>;
  /**
   * The sessions whose uncommitted edits the candidate holds (RFC 6241 8.3.5.1). The candidate keeps no record of
   * which change came from whom, so when one of them ends or unlocks without committing the whole candidate is
   * reset to running: a dead session's half-finished edit can never be committed by someone else.
   */
  readonly candidateEditors = new Set<number>();
  /** Called after every change of running (the lab host follows light through what is configured). */
  onRunningChanged: (() => void) | undefined;
  private stores: Record<DatastoreName, DataTree | undefined>;
  private readonly prints = new WeakMap<DataTree, string>();
  /** Namespace → module name, for XPath filters. */
  readonly moduleByNamespace: Map<string, string>;
  private readonly namespaceByModule: Map<string, string>;
  /** Every module of the context, for the YANG library. */
  readonly modules: YangModuleInfo[];
  /** RFC 6022 sessions and statistics. */
  readonly counters: NetconfCounters;
  /** The capabilities of the device's hello (set by the device once it knows them). */
  capabilities: readonly string[] = [];

  constructor(
    readonly device: Device,
    readonly profile: DeviceProfile,
    readonly yang: YangContext,
    readonly physics: Physics,
    readonly logger: Logger,
    readonly stateDir: string,
    readonly clock: Clock,
    initialRunning: DataTree,
  ) {
    this.stores = {
      running: initialRunning,
      candidate: profile.hasCandidate ? initialRunning.duplicate() : undefined,
      startup: readStartupFile(yang, stateDir, device.id, logger) ?? initialRunning.duplicate(),
    };
    this.confirmed = new ConfirmedCommit<DataTree>((snapshot, reason) => this.rollback(snapshot, reason), clock);
    this.modules = yang.listModules();
    this.moduleByNamespace = new Map(this.modules.map((m) => [m.namespace, m.name]));
    this.namespaceByModule = new Map(this.modules.map((m) => [m.name, m.namespace]));
    this.counters = new NetconfCounters(new Date(clock.now()));
  }

  /** A module's namespace (undefined for a module the device does not have). */
  namespaceOf(module: string): string | undefined {
    return this.namespaceByModule.get(module);
  }

  /** The datastores this device has, with their locks, for ietf-netconf-monitoring. */
  datastoreLocks(): MonitoringInputs['datastores'] {
    const names: DatastoreName[] = this.profile.hasCandidate ? ['running', 'candidate', 'startup'] : ['running', 'startup'];
    return names.map((name) => {
      const lock = this.locks.heldLock(name);
      return lock === undefined ? { name } : { name, lock };
    });
  }

  /** The datastore, or an error naming why it cannot be used on this device. */
  store(name: string): DataTree {
    const tree = name === 'running' || name === 'candidate' || name === 'startup' ? this.stores[name] : undefined;
    if (tree === undefined) {
      throw new RpcError('protocol', 'invalid-value', `datastore '${name}' does not exist on this device`, { info: { badElement: name } });
    }
    return tree;
  }

  /** Replaces a datastore's tree (the old one is freed unless `keepOld`). */
  replace(name: DatastoreName, tree: DataTree, keepOld = false): DataTree | undefined {
    const old = this.stores[name];
    this.stores[name] = tree;
    if (!keepOld) old?.dispose();
    if (name === 'startup') this.saveStartup();
    return keepOld ? old : undefined;
  }

  /** Whether a datastore can be written by edit-config / copy-config on this device. */
  assertWritable(name: DatastoreName, sessionId: number): void {
    if (name === 'running' && this.profile.hasCandidate) {
      throw new RpcError('protocol', 'operation-not-supported', 'running is not writable on this device: edit the candidate and commit', {
        info: { badElement: 'running' },
      });
    }
    this.store(name);
    this.locks.assertWritable(name, sessionId);
  }

  /** Data for a get or get-config reply, filtered. `filter` is the `<filter>` element, if any. */
  filtered(tree: DataTree, filter: XmlElement | undefined, rewriteXpath: (x: string) => string): string {
    if (filter === undefined) return this.printed(tree);
    const type = filter.attributes.find((a) => a.local === 'type' && a.ns === '')?.value ?? 'subtree';
    if (type === 'subtree') {
      const printed = this.printed(tree);
      const data = parseXml(`<data>${printed}</data>`);
      return applySubtreeFilter(data.children, filter.children).map(serializeXml).join('');
    }
    if (type === 'xpath') {
      const select = filter.attributes.find((a) => a.local === 'select' && a.ns === '')?.value;
      if (!select)
        throw new RpcError('protocol', 'missing-attribute', 'an XPath filter needs a select attribute', {
          info: { badAttribute: 'select', badElement: 'filter' },
        });
      const out = this.yang.newTree();
      try {
        for (const node of tree.find(rewriteXpath(select))) copyInto(out, node);
        return out.print('xml', { shrink: true });
      } finally {
        out.dispose();
      }
    }
    throw new RpcError('protocol', 'bad-attribute', `filter type '${type}' is not supported (subtree or xpath)`, {
      info: { badAttribute: 'type', badElement: 'filter' },
    });
  }

  /**
   * A tree printed as XML. A stored datastore is never changed in place (it is replaced), so its print is kept
   * until the tree goes: repeated get-configs of an unchanged datastore print it once.
   */
  private printed(tree: DataTree): string {
    const stored = Object.values(this.stores).includes(tree);
    let xml = stored ? this.prints.get(tree) : undefined;
    if (xml === undefined) {
      xml = tree.print('xml', { shrink: true });
      if (stored) this.prints.set(tree, xml);
    }
    return xml;
  }

  /** Sends an event to every subscribed session (through its subscription filter). */
  notify(eventXml: string): void {
    if (this.subscriptions.size === 0) return;
    const time = new Date(this.clock.now());
    for (const [id, filter] of this.subscriptions) {
      const session = this.sessions.get(id);
      if (!session) continue;
      let event = eventXml;
      if (filter !== undefined) {
        const kept = applySubtreeFilter([parseXml(eventXml)], filter);
        if (kept.length === 0) continue;
        event = serializeXml(kept[0]!);
      }
      if (session.notify(notificationXml(time, event))) this.counters.count(id, 'outNotifications');
    }
  }

  /** netconf-config-change for a change of running (or startup) from `before` to `after`. */
  configChanged(before: DataTree, after: DataTree, who: { username: string; sessionId: number }, datastore: 'running' | 'startup'): void {
    if (datastore === 'running') this.onRunningChanged?.();
    if (this.subscriptions.size === 0) return;
    const change: ConfigChange = { ...who, datastore, edits: [] };
    const diff = before.diff(after);
    if (diff) {
      try {
        collectEdits(diff.roots(), change.edits);
      } finally {
        diff.dispose();
      }
    }
    this.notify(configChangeXml(change, (module) => this.modules.find((m) => m.name === module)?.namespace));
  }

  /** A session that edited the candidate, other than `sessionId` (the one a lock-denied names), if any. */
  otherCandidateEditor(sessionId: number): number | undefined {
    for (const editor of this.candidateEditors) if (editor !== sessionId) return editor;
    return undefined;
  }

  /**
   * Candidate := running when `sessionId` has uncommitted edits in it (it ends, or unlocks without committing),
   * as Junos documents for a locked candidate. Returns whether anything was discarded.
   */
  discardCandidateOf(sessionId: number, why: 'session ended' | 'unlocked without commit'): boolean {
    if (!this.profile.hasCandidate || !this.candidateEditors.has(sessionId)) return false;
    this.replace('candidate', this.store('running').duplicate());
    this.logger.info({ session: sessionId, editors: [...this.candidateEditors], why }, 'uncommitted candidate changes discarded');
    this.candidateEditors.clear();
    return true;
  }

  private rollback(snapshot: DataTree, reason: string): void {
    this.logger.info({ device: this.device.id, reason }, 'confirmed commit rolled back');
    const before = this.stores.running!;
    this.stores.running = snapshot;
    if (this.profile.hasCandidate) this.replace('candidate', snapshot.duplicate());
    this.candidateEditors.clear();
    this.configChanged(before, snapshot, { username: 'system', sessionId: 0 }, 'running');
    before.dispose();
  }

  private saveStartup(): void {
    const tree = this.stores.startup;
    const path = startupPath(this.stateDir, this.device.id);
    if (tree === undefined || tree.isEmpty()) rmSync(path, { force: true });
    else writeFileSync(path, tree.print('xml'));
  }

  dispose(): void {
    this.confirmed.dispose();
    for (const tree of Object.values(this.stores)) tree?.dispose();
  }
}

/** Copies a node with its ancestors (and key leaves) and its whole subtree into `out`. */
function copyInto(out: DataTree, node: DataNode): void {
  if (node.kind === 'leaf') {
    out.newPath(node.path, node.value ?? '', { update: true });
    return;
  }
  if (node.kind === 'leaf-list') {
    // An entry's path names it by value (config) or by position (state, where duplicates are allowed): create it
    // from its parent's path with its value, once.
    if (out.find(node.path).length === 0) out.newPath(pathWithoutPredicate(node), node.value ?? '');
    return;
  }
  const children = node.children();
  if (children.length === 0) {
    if (out.find(node.path).length === 0) out.newPath(node.path);
    return;
  }
  for (const child of children) if (!child.isKey) copyInto(out, child);
  if (out.find(node.path).length === 0) out.newPath(node.path);
}

/** `/m:a/b/c` for a node `c`, without the predicate that names its instance. */
function pathWithoutPredicate(node: DataNode): string {
  const parent = node.parent();
  const step = parent === undefined || parent.module !== node.module ? `${node.module}:${node.name}` : node.name;
  return parent === undefined ? `/${step}` : `${parent.path}/${step}`;
}

function collectEdits(nodes: DataNode[], edits: ConfigChange['edits'], inherited?: 'create' | 'delete' | 'replace'): void {
  for (const node of nodes) {
    if (edits.length >= 100) return;
    const meta = node.metadata.find((m) => m.name === 'operation')?.value;
    const op = meta === 'create' || meta === 'delete' || meta === 'replace' ? meta : inherited;
    // A container created or deleted as a whole is reported by what it holds: the list entries and leaves.
    if (op !== undefined && node.kind !== 'container') {
      edits.push({ target: node.path, operation: op });
      continue;
    }
    collectEdits(node.children(), edits, op);
  }
}

function startupPath(stateDir: string, deviceId: string): string {
  return join(stateDir, `${deviceId}.startup.xml`);
}

/** The startup datastore saved by copy-config to startup, if any: a device boots from it, as real equipment does. */
export function readStartupFile(yang: YangContext, stateDir: string, deviceId: string, logger: Logger): DataTree | undefined {
  const path = startupPath(stateDir, deviceId);
  if (!existsSync(path)) return undefined;
  try {
    return yang.parseData(readFileSync(path, 'utf8'), { format: 'xml', mode: 'config' });
  } catch (err) {
    logger.warn({ device: deviceId, path, err: (err as Error).message }, 'startup file unreadable; ignored');
    return undefined;
  }
}
