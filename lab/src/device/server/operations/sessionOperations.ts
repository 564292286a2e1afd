import { NETCONF_MONITORING_NS, NETCONF_NOTIFICATION_NS, escapeXml } from '@milli/netconf-client';
import type { DatastoreName } from '../../datastore/LockManager';
import { RpcError } from '../RpcError';
import { OK, type RpcCall, baseText, datastoreArg } from './RpcCall';

/** lock (RFC 6241 7.5). */
export function lock(call: RpcCall): string {
  const target: DatastoreName = datastoreArg(call, 'target');
  call.state.locks.lock(target, call.session.id, call.state.otherCandidateEditor(call.session.id), new Date(call.state.clock.now()));
  return OK;
}

/** unlock (RFC 6241 7.6); unlocking the candidate without committing discards this session's changes there. */
export function unlock(call: RpcCall): string {
  const target = datastoreArg(call, 'target');
  call.state.locks.unlock(target, call.session.id);
  if (target === 'candidate') call.state.discardCandidateOf(call.session.id, 'unlocked without commit');
  return OK;
}

/** close-session (RFC 6241 7.8): the reply goes out, then the session ends (its locks with it). */
export function closeSession(call: RpcCall): string {
  call.session.closing = true;
  call.state.counters.endsInOrder(call.session.id);
  return OK;
}

/** kill-session (RFC 6241 7.9). */
export function killSession(call: RpcCall): string {
  const text = baseText(call.op, 'session-id');
  if (text === undefined)
    throw new RpcError('protocol', 'missing-element', '<kill-session> needs a <session-id>', { info: { badElement: 'session-id' } });
  const id = Number(text);
  if (id === call.session.id) {
    throw new RpcError('protocol', 'invalid-value', 'a session cannot kill itself; use close-session', {
      info: { badElement: 'session-id' },
    });
  }
  const victim = call.state.sessions.get(id);
  if (victim === undefined) {
    throw new RpcError('protocol', 'invalid-value', `no session ${text} on this device`, { info: { badElement: 'session-id' } });
  }
  call.state.counters.endsInOrder(victim.id);
  victim.close();
  return OK;
}

/** get-schema (RFC 6022 3.1): the YANG text of a loaded module. */
export function getSchema(call: RpcCall): string {
  const identifier = monitoringText(call, 'identifier');
  if (!identifier)
    throw new RpcError('protocol', 'missing-element', '<get-schema> needs an <identifier>', { info: { badElement: 'identifier' } });
  const version = monitoringText(call, 'version');
  const format = monitoringText(call, 'format');
  if (format !== undefined && format !== 'yang' && !format.endsWith(':yang')) {
    throw new RpcError('application', 'invalid-value', `schema format '${format}' is not available; only yang`, {
      info: { badElement: 'format' },
    });
  }
  const source = call.state.yang.moduleSource(identifier, version || undefined);
  if (source === undefined) {
    throw new RpcError('application', 'invalid-value', `no schema '${identifier}'${version ? ` revision ${version}` : ''} on this device`, {
      info: { badElement: 'identifier' },
    });
  }
  return `<data xmlns="${NETCONF_MONITORING_NS}">${escapeXml(source)}</data>`;
}

function monitoringText(call: RpcCall, local: string): string | undefined {
  return call.op.children.find((c) => c.local === local && (c.ns === NETCONF_MONITORING_NS || c.ns === ''))?.text.trim();
}

/** create-subscription (RFC 5277 2.1.1) on the NETCONF stream, optionally with a subtree filter. No replay. */
export function createSubscription(call: RpcCall): string {
  const { state, session } = call;
  const child = (local: string) => call.op.children.find((c) => c.local === local && (c.ns === NETCONF_NOTIFICATION_NS || c.ns === ''));
  const stream = child('stream')?.text.trim() ?? 'NETCONF';
  if (stream !== 'NETCONF') {
    throw new RpcError('application', 'invalid-value', `no stream '${stream}'; this device has NETCONF only`, {
      info: { badElement: 'stream' },
    });
  }
  if (child('startTime') !== undefined) {
    throw new RpcError('protocol', 'operation-not-supported', 'replay (startTime) is not supported by this device', {
      info: { badElement: 'startTime' },
    });
  }
  if (state.subscriptions.has(session.id)) {
    throw new RpcError('protocol', 'operation-failed', 'this session already has a subscription');
  }
  const filter = child('filter');
  if (filter !== undefined && (filter.attributes.find((a) => a.local === 'type')?.value ?? 'subtree') !== 'subtree') {
    throw new RpcError('protocol', 'operation-not-supported', 'notification filters must be subtree filters', {
      info: { badElement: 'filter' },
    });
  }
  state.subscriptions.set(session.id, filter?.children);
  session.subscribed = true;
  return OK;
}
