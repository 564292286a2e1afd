import { isMilliError } from '@milli/core';
import type { PathRequest } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import { restorationRank } from '../facade/RestorationTurns';
import type { FailureReason } from '../facade/types';
import type { ReservedLine } from '../installer/plan/ReservedLine';
import type { StoredIntent, StoredLine } from '../store/ControllerStore';
import { internalReason, noPortReason } from './failureReasons';
import { type IntentPlan, planOf } from './IntentPlan';

/** What moving a line to another path (restoration, re-protection) starts from: the line and the plan it holds now. */
export interface LineMove {
  intentId: string;
  line: StoredLine;
  plan: IntentPlan;
  old: ReservedLine;
  request: PathRequest;
}

/** What the caller has just read of the line (its intent and line rows whole), so that the move does not read them again. */
export interface ReadLine {
  intent: StoredIntent;
  line: StoredLine;
}

/**
 * The line's move as stored (or as `known` has it, read by the caller since the line's last change), or undefined
 * when its intent is no longer `restoring` or holds no reservation to move.
 */
export async function readMove(core: ControllerCore, intentId: string, lineId: string, known?: ReadLine): Promise<LineMove | undefined> {
  const intent = known?.intent.id === intentId ? known.intent : await core.store.intent(intentId);
  const line = known?.line.id === lineId ? known.line : await core.store.line(lineId);
  const plan = intent && planOf(intent);
  const old = plan?.reserved;
  const request = plan?.compilation.pathRequests[0];
  if (!intent || !line || !old || !request || core.lifecycles.state(intentId) !== 'restoring') return undefined;
  return { intentId, line, plan, old, request };
}

/**
 * Sends the line back to `degraded` with the reason, which stays on the intent (its `error`) while it is degraded;
 * a later move clears it. `what` names the move in the transition ("not restored", "not re-protected").
 */
export function moveFailed(core: ControllerCore, move: LineMove, what: string, reason: FailureReason) {
  return core.lifecycles.send(move.intentId, move.line.id, { type: 'RESTORE_FAILED', reason }, `${what}: ${reason.message}`, {
    intent: { error: reason },
  });
}

/**
 * A booking that threw after the line's old reservation was given back in the ledger: it is booked again as it was,
 * and the reason is the missing port's (INSTALL_NO_PORT) or an internal one.
 */
export function bookingFailed(error: unknown, rebookOld: () => void): { ok: false; reason: FailureReason } {
  rebookOld();
  if (isMilliError(error) && error.code === 'INSTALL_NO_PORT') return { ok: false, reason: noPortReason(error) };
  return { ok: false, reason: internalReason(error) };
}

/**
 * A move's reads and its booking in the restoration turns (by the line's SLA tier), counted as one restoration in
 * progress until booked (RestorationTurns.enter); undefined when the line is no longer `restoring`.
 */
export async function bookFor<T>(
  core: ControllerCore,
  intentId: string,
  lineId: string,
  booking: (move: LineMove) => T,
  known?: ReadLine,
): Promise<[LineMove, T] | undefined> {
  const leave = core.restorations.enter();
  try {
    const move = await readMove(core, intentId, lineId, known);
    if (!move) return undefined;
    const booked = await core.restorations.book(restorationRank(move.plan.compilation.sla?.tier), () => booking(move));
    core.log.child({ intent: intentId, line: lineId }).info('restoration booked');
    return [move, booked];
  } finally {
    leave();
  }
}
