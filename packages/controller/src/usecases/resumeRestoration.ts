import type { ControllerCore } from '../facade/ControllerCore';
import type { FailureReason } from '../facade/types';
import { markLineFault } from './markLineFault';
import { revertLine } from './revertLine';

/**
 * A line a previous process left `restoring` with no transaction of its move open: it died while computing or
 * reserving, before anything was journaled, so the devices, the store and the ledger (loaded from the store) all
 * hold the line's former path. The restoration starts over from the network as it is now: the line goes back to
 * `degraded`, naming the interruption, and is judged against the alarms standing now, as a change of its alarms
 * would judge it: still cut, it is restored (or re-protected) around the fibres failed now; its faults gone, it is
 * `active` again; no path, it stays `degraded` with the reason and waits as the other degraded lines do. Without an
 * alarm source (a controller that does not watch its devices) it stays `degraded` until its alarms next change.
 */
export async function resumeRestoration(core: ControllerCore, intentId: string, lineId: string): Promise<void> {
  if (core.lifecycles.state(intentId) !== 'restoring') return;
  const reason: FailureReason = {
    kind: 'internal',
    code: 'CONTROLLER_MOVE_INTERRUPTED',
    message: 'the restoration was cut short by a restart before its transaction began; evaluated again against the alarms standing now',
  };
  await core.lifecycles.send(intentId, lineId, { type: 'RESTORE_FAILED', reason }, reason.message, { intent: { error: reason } });
  const log = core.log.child({ intent: intentId, line: lineId });
  if (!core.standingFaults) {
    log.warn('restoration interrupted by a restart: no alarm source, the line waits degraded for its alarms to change');
    return;
  }
  const standing = await core.standingFaults();
  core.failedFibres = new Set(standing.failedFibres);
  const faults = standing.byLine.get(lineId) ?? [];
  log.info({ faults }, 'restoration interrupted by a restart: evaluated again against the alarms standing now');
  await markLineFault(core, lineId, faults);
  // A move back to the original path cut short: the line is active again where it was, and may go back now.
  await revertLine(core, lineId);
}
