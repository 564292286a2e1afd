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
  private stores: Record<DatastoreName, DataTree | undefined>;
  /** Namespace → module name, for XPath filters. */
  readonly moduleByNamespace: Map<string, string>;
  /** Every module of the context, for the YANG library. */
  readonly modules: YangModuleInfo[];

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
    if (filter === undefined) return tree.print('xml', { shrink: true });
    const type = filter.attributes.find((a) => a.local === 'type' && a.ns === '')?.value ?? 'subtree';
    if (type === 'subtree') {
      const printed = tree.print('xml', { shrink: true });
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
      session.notify(notificationXml(time, event));
    }
  }

  /** netconf-config-change for a change of running (or startup) from `before` to `after`. */
  configChanged(before: DataTree, after: DataTree, who: { username: string; sessionId: number }, datastore: 'running' | 'startup'): void {
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
    this.notify(configChangeXml(change));
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
  const children = node.children();
  if (node.kind === 'leaf') {
    out.newPath(node.path, node.value ?? '', { update: true });
    return;
  }
  if (node.kind === 'leaf-list' || children.length === 0) {
    if (out.find(node.path).length === 0) out.newPath(node.path);
    return;
  }
  for (const child of children) if (!child.isKey) copyInto(out, child);
  if (out.find(node.path).length === 0) out.newPath(node.path);
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
