import type { CommitRequest } from '../../datastore/ConfirmedCommit';
import { RpcError } from '../RpcError';
import { validateTree } from './configOperations';
import { OK, type RpcCall, baseChild, baseText } from './RpcCall';

/**
 * commit (RFC 6241 8.3.4.1 and 8.4.5.1): candidate → running after full validation, with confirmed commits
 * (timeout, persist, persist-id). A lab reject-next-commit fault fails this one commit and is then disarmed.
 */
export function commit(call: RpcCall): string {
  const { state, session } = call;
  const candidate = state.store('candidate');
  state.locks.assertWritable('running', session.id);
  // Another session's candidate lock guards edits in progress there: committing them would publish half a change.
  state.locks.assertWritable('candidate', session.id);
  const request = commitRequest(call);
  const plan = state.confirmed.plan(request);
  const reject = state.faults.rejectNextCommit;
  if (reject !== undefined) {
    state.faults.rejectNextCommit = undefined;
    throw new RpcError('application', 'operation-failed', reject || 'the device rejected the commit (lab fault reject-next-commit)');
  }
  if (state.candidateEditors.size === 0) {
    // Nobody edited the candidate since it last became a copy of running (every edit-config or copy-config of it
    // names its session there; commit, discard-changes and rollback reset both): running would not change. Usually
    // the confirming commit of a confirmed commit: running keeps its tree (no copy, no validation, and no
    // netconf-config-change, since RFC 6470 reports changes), so the lab does not follow light through it again.
    state.confirmed.arm(plan, request, () => state.store('running').duplicate());
    if (plan.kind === 'confirm') plan.snapshot.dispose();
    return OK;
  }
  const next = candidate.duplicate();
  try {
    validateTree(next, state.store('running'));
  } catch (err) {
    next.dispose();
    throw err;
  }
  const before = state.replace('running', next, true)!;
  state.candidateEditors.clear();
  state.configChanged(before, next, { username: session.username, sessionId: session.id }, 'running');
  state.confirmed.arm(plan, request, () => before);
  if (plan.kind !== 'confirmed-start') before.dispose();
  if (plan.kind === 'confirm') plan.snapshot.dispose();
  return OK;
}

function commitRequest(call: RpcCall): CommitRequest {
  const request: CommitRequest = { sessionId: call.session.id, confirmed: baseChild(call.op, 'confirmed') !== undefined };
  const timeout = baseText(call.op, 'confirm-timeout');
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!/^[0-9]+$/.test(timeout) || seconds < 1 || seconds > 4294967295) {
      throw new RpcError('protocol', 'invalid-value', `confirm-timeout '${timeout}' must be a whole number of seconds >= 1`, {
        info: { badElement: 'confirm-timeout' },
      });
    }
    request.timeoutSeconds = seconds;
  }
  const persist = baseText(call.op, 'persist');
  if (persist !== undefined) request.persist = persist;
  const persistId = baseText(call.op, 'persist-id');
  if (persistId !== undefined) request.persistId = persistId;
  if (!request.confirmed && (request.timeoutSeconds !== undefined || request.persist !== undefined)) {
    throw new RpcError('protocol', 'invalid-value', 'confirm-timeout and persist need <confirmed/>', { info: { badElement: 'confirmed' } });
  }
  return request;
}

/** cancel-commit (RFC 6241 8.4.4.1): running goes back to what it was before the confirmed commit. */
export function cancelCommit(call: RpcCall): string {
  call.state.store('candidate');
  call.state.confirmed.cancel(call.session.id, baseText(call.op, 'persist-id'));
  return OK;
}

/** discard-changes (RFC 6241 8.3.4.2): candidate := running. */
export function discardChanges(call: RpcCall): string {
  const { state, session } = call;
  state.store('candidate');
  state.locks.assertWritable('candidate', session.id);
  // A candidate nobody edited is a copy of running already (see commit): a transaction's opening discard-changes
  // does not copy the whole datastore again.
  if (state.candidateEditors.size === 0) return OK;
  state.replace('candidate', state.store('running').duplicate());
  state.candidateEditors.clear();
  return OK;
}
