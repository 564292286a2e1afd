import { NETCONF_BASE_NS, NETCONF_MONITORING_NS, NETCONF_NOTIFICATION_NS, type XmlElement } from '@milli/netconf-client';
import type { DeviceState } from '../datastore/DeviceState';
import type { LabFault } from '../model/LabFault';
import { namespaceScope } from './namespaceScope';
import { cancelCommit, commit, discardChanges } from './operations/commitOperations';
import { copyConfig, deleteConfig, editConfig, get, getConfig, validate } from './operations/configOperations';
import { MILLI_LAB_NS, labRpc } from './operations/labOperations';
import type { RpcCall, RpcHandler } from './operations/RpcCall';
import { closeSession, createSubscription, getSchema, killSession, lock, unlock } from './operations/sessionOperations';
import { RpcError, withXmlErrorPaths } from './RpcError';
import type { ServerSession } from './ServerSession';

const CANDIDATE_ONLY = new Set(['commit', 'cancel-commit', 'discard-changes']);

/** Finds the handler for an rpc's operation element (by namespace and name) and runs it after any injected delay. */
export class RpcRouter {
  private readonly handlers = new Map<string, RpcHandler>();
  private readonly namespaceByModule: Map<string, string>;

  constructor(
    private readonly state: DeviceState,
    applyFault: (fault: LabFault) => void,
  ) {
    this.namespaceByModule = new Map(state.modules.map((m) => [m.name, m.namespace]));
    const base: Record<string, RpcHandler> = {
      get,
      'get-config': getConfig,
      'edit-config': editConfig,
      'copy-config': copyConfig,
      'delete-config': deleteConfig,
      validate,
      lock,
      unlock,
      'close-session': closeSession,
      'kill-session': killSession,
      commit,
      'cancel-commit': cancelCommit,
      'discard-changes': discardChanges,
    };
    for (const [name, handler] of Object.entries(base)) {
      if (CANDIDATE_ONLY.has(name) && !state.profile.hasCandidate) continue;
      this.handlers.set(`${NETCONF_BASE_NS} ${name}`, handler);
    }
    this.handlers.set(`${NETCONF_MONITORING_NS} get-schema`, getSchema);
    this.handlers.set(`${NETCONF_NOTIFICATION_NS} create-subscription`, createSubscription);
    for (const name of ['cut-fibre', 'restore-fibre', 'reject-next-commit', 'delay', 'crash', 'clear-faults']) {
      this.handlers.set(`${MILLI_LAB_NS} ${name}`, (call) => labRpc(call, applyFault));
    }
  }

  /** The injected delay fault, if any: waited out before handle, and not charged to the device as work. */
  async delay(): Promise<void> {
    const delay = this.state.faults.delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  handle(session: ServerSession, rpc: XmlElement): string | Promise<string> {
    const op = rpc.children[0];
    if (op === undefined)
      throw new RpcError('protocol', 'missing-element', 'the <rpc> names no operation', { info: { badElement: 'rpc' } });
    const handler = this.handlers.get(`${op.ns} ${op.local}`);
    if (handler === undefined) {
      const known = [...this.handlers.keys()].some((k) => k.endsWith(` ${op.local}`));
      throw new RpcError(
        'protocol',
        known ? 'unknown-namespace' : 'operation-not-supported',
        `operation <${op.local}> in ${op.ns || 'no namespace'} is not supported by this device`,
        {
          info: known ? { badElement: op.local, badNamespace: op.ns } : { badElement: op.local },
        },
      );
    }
    const call: RpcCall = { state: this.state, session, op, scope: namespaceScope([rpc, op]) };
    const inXml = (err: unknown): never => {
      throw withXmlErrorPaths(err, (module) => this.namespaceByModule.get(module));
    };
    try {
      const answer = handler(call);
      return typeof answer === 'string' ? answer : answer.catch(inXml);
    } catch (err) {
      return inXml(err);
    }
  }
}
