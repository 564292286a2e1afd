import { serializeXml } from '@milli/netconf-client';
import type { LabFault } from '../../model/LabFault';
import { asRpcErrors } from '../../datastore/applyEdit';
import { withScope } from '../namespaceScope';
import { leafValues } from '../../model/operationalState';
import { OK, type RpcCall } from './RpcCall';

export const MILLI_LAB_NS = 'urn:milli:yang:milli-lab';

/**
 * The milli-lab RPCs (cut-fibre, restore-fibre, reject-next-commit, delay, crash, clear-faults). Input is parsed
 * and validated against milli-lab like any other RPC, then turned into a LabFault for the device to apply.
 */
export function labRpc(call: RpcCall, apply: (fault: LabFault) => void): string {
  let input: Map<string, string>;
  const tree = (() => {
    try {
      return call.state.yang.parseOperation(serializeXml(withScope(call.op, call.scope)), { format: 'xml', kind: 'rpc' });
    } catch (err) {
      throw asRpcErrors(err);
    }
  })();
  try {
    const op = tree.operation();
    input = op ? leafValues(op) : new Map();
  } finally {
    tree.dispose();
  }
  apply(toFault(call.op.local, input));
  return OK;
}

function toFault(name: string, input: Map<string, string>): LabFault {
  switch (name) {
    case 'cut-fibre':
      return { kind: 'cut-fibre', fibre: input.get('fibre-id') ?? '' };
    case 'restore-fibre':
      return { kind: 'restore-fibre', fibre: input.get('fibre-id') ?? '' };
    case 'reject-next-commit': {
      const message = input.get('error-message');
      return message === undefined ? { kind: 'reject-next-commit' } : { kind: 'reject-next-commit', message };
    }
    case 'delay':
      return { kind: 'delay', ms: Number(input.get('milliseconds') ?? '0') };
    case 'crash':
      return { kind: 'crash' };
    default:
      return { kind: 'clear-faults' };
  }
}
