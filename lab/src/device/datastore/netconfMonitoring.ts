import type { DataTree, YangModuleInfo } from '@milli/yang-ts';
import { isoSeconds } from '../model/notifications';
import type { CommonCounters, NetconfCounters } from '../server/NetconfCounters';
import type { DatastoreName } from './LockManager';

export interface MonitoringInputs {
  /** The capabilities of the device's hello, as sent. */
  capabilities: readonly string[];
  /** Every module of the context: each one is a schema the device serves with get-schema. */
  modules: YangModuleInfo[];
  datastores: { name: DatastoreName; lock?: { sessionId: number; since: Date } }[];
  counters: NetconfCounters;
}

const STATE = '/ietf-netconf-monitoring:netconf-state';

/**
 * RFC 6022 `netconf-state` as operational data: the hello's capabilities, the datastores with their global locks,
 * one schema (YANG, over NETCONF) per module the device serves through get-schema, the open sessions and the
 * device's statistics. A client that reads `schemas` knows every module it can fetch.
 */
export function addNetconfState(tree: DataTree, inputs: MonitoringInputs): void {
  for (const capability of inputs.capabilities) tree.newPath(`${STATE}/capabilities/capability`, capability);
  for (const ds of inputs.datastores) {
    const at = `${STATE}/datastores/datastore[name='${ds.name}']`;
    if (ds.lock === undefined) tree.newPath(at);
    else {
      tree.newPath(`${at}/locks/global-lock/locked-by-session`, String(ds.lock.sessionId));
      tree.newPath(`${at}/locks/global-lock/locked-time`, isoSeconds(ds.lock.since));
    }
  }
  for (const m of inputs.modules) {
    const at = `${STATE}/schemas/schema[identifier='${m.name}'][version='${m.revision ?? ''}'][format='ietf-netconf-monitoring:yang']`;
    tree.newPath(`${at}/namespace`, m.namespace);
    tree.newPath(`${at}/location`, 'NETCONF');
  }
  const { counters } = inputs;
  for (const s of counters.sessions) {
    const at = `${STATE}/sessions/session[session-id='${s.id}']`;
    tree.newPath(`${at}/transport`, 'ietf-netconf-monitoring:netconf-ssh');
    tree.newPath(`${at}/username`, s.username);
    if (s.sourceHost) tree.newPath(`${at}/source-host`, s.sourceHost);
    tree.newPath(`${at}/login-time`, isoSeconds(s.loginTime));
    addCounters(tree, at, s.counters);
  }
  const stats = `${STATE}/statistics`;
  tree.newPath(`${stats}/netconf-start-time`, isoSeconds(counters.startTime));
  tree.newPath(`${stats}/in-bad-hellos`, String(counters.inBadHellos));
  tree.newPath(`${stats}/in-sessions`, String(counters.inSessions));
  tree.newPath(`${stats}/dropped-sessions`, String(counters.droppedSessions));
  addCounters(tree, stats, counters.totals);
}

function addCounters(tree: DataTree, at: string, c: CommonCounters): void {
  tree.newPath(`${at}/in-rpcs`, String(c.inRpcs));
  tree.newPath(`${at}/in-bad-rpcs`, String(c.inBadRpcs));
  tree.newPath(`${at}/out-rpc-errors`, String(c.outRpcErrors));
  tree.newPath(`${at}/out-notifications`, String(c.outNotifications));
}
