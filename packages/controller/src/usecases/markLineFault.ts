import type { ReservedLine } from '../installer/plan/ReservedLine';
import type { ControllerCore } from '../facade/ControllerCore';
import type { StoredIntent, StoredLine } from '../store/ControllerStore';
import { planOf } from './IntentPlan';
import { describeLegs } from './legCarryingTraffic';
import { reprotectLine } from './reprotectLine';
import { restoreLine } from './restoreLine';
import { rememberIfNotRevertive } from './revertLine';

/**
 * A line's alarms changed: an active line with a fault standing on its path goes `degraded` (FAULT), a degraded line
 * whose faults all cleared goes back to `active` (CLEARED). An unprotected degraded line cut by a failed fibre, or
 * left with nothing installed by a restoration that failed half-way, is re-routed (`restoring`, restoreLine); a 1+1
 * line with a leg cut gets a new leg in place of the cut one (`restoring`, reprotectLine), the transition naming
 * which leg was cut and which carries the traffic (read from the devices' protection groups, legCarryingTraffic).
 * One whose restoration found no path is tried again once a fibre
 * that was failed at that attempt is back, not on every change of its alarms: under a cut of hundreds of lines the
 * alarms of the others' moves touch it again and again, and each futile attempt took a restoration turn the others
 * waited for (seven such lines were recomputed 49 times each in one benchmark). Fibre faults count only on the fibres the
 * line's path uses now: once a line is restored, the alarms of its former path (and their clearing when the fibre
 * returns) leave it alone. Anything else (a line being provisioned, modified or released) is left alone: the next
 * change of its alarms decides again. Resolves true when told the same faults again (with the same fibres failed)
 * before its next transition it would do nothing again: the line is left `active` with none of `faults` on its path,
 * or `degraded` after a restoration that found no path while every fibre failed then is still failed.
 */
export async function markLineFault(core: ControllerCore, line: string, faults: string[]): Promise<boolean> {
  // The line's outline and its intent's state from the machine: most calls during a cut decide nothing, and reading
  // the line's installed items and its intent's compilation on each was most of the controller's work. Both are
  // read whole only for a move.
  const stored = await core.store.lineOutline(line);
  if (!stored) return false;
  const intentId = stored.current;
  const state = () => core.lifecycles.state(intentId);
  if (state() === undefined) return false;
  const installed = stored.installed;
  const onPath = new Set([...(stored.path?.working.fibres ?? []), ...(stored.path?.protection?.fibres ?? [])]);
  const standing = faults.filter((f) => !f.startsWith('fibre ') || onPath.has(f.slice('fibre '.length)));
  if (standing.length > 0 && state() === 'active') {
    await core.lifecycles.send(intentId, line, { type: 'FAULT' }, `fault on the path: ${standing.join('; ')}`);
  } else if (standing.length === 0 && state() === 'degraded' && installed) {
    await core.lifecycles.send(intentId, line, { type: 'CLEARED' }, 'every alarm on the path cleared');
    return false;
  }
  const failedFibres = standing.filter((f) => f.startsWith('fibre ')).map((f) => f.slice('fibre '.length));
  if (state() !== 'degraded') core.fruitless.delete(line);
  if (state() !== 'degraded' || (failedFibres.length === 0 && installed)) {
    return standing.length === 0 && state() === 'active';
  }
  // Told the same faults while the same fibres are failed (what PendingLineFaults keys a quiet line by), it would
  // find no path again: quiet, so the alarm passes of a cut do not read it again and again.
  if (stillFruitless(core, line)) return true;
  // A move fails when a fibre of the path it was booked on fails while it goes to the devices (a cut spreading fibre
  // by fibre). That fibre's alarms touch the new path, not the line's, so nothing else would tell the line: it is
  // tried again at once, avoiding it, as long as fibres keep failing meanwhile (a few times at most).
  for (let attempt = 1; ; attempt++) {
    const failedBefore = core.failedFibres;
    // Read whole for the move (on a second attempt: the failed move booked the line's old reservation back).
    const now = await readLine(core, line);
    if (!now) return false;
    await core.restorations.moving(() => moveAround(core, now, planOf(now.intent)?.reserved, failedFibres, installed));
    const failure = await noteOutcome(core, intentId, line);
    if (attempt >= MOVE_ATTEMPTS || !failedOnTheWay(core, failure, failedBefore)) return false;
  }
}

/** How many times one call moves a line whose move failed because more fibres failed meanwhile. */
const MOVE_ATTEMPTS = 3;

/** 1+1: the devices switched to the surviving leg, and the line gets a new leg in place of the cut one; else re-routed. */
async function moveAround(
  core: ControllerCore,
  read: { stored: StoredLine; intent: StoredIntent },
  reserved: ReservedLine | undefined,
  failedFibres: string[],
  installed: boolean,
): Promise<void> {
  const { stored, intent } = read;
  const intentId = intent.id;
  const line = stored.id;
  // The move starts from what was just read: the RESTORE transition changes the intent's state, not its plan.
  const known = { intent, line: stored };
  // The line counts among the cut's restorations from now (RestorationTurns.allBooked), before it reads which leg
  // carries traffic: a 1+1 line reads its devices first, and meanwhile the re-routed lines had all booked and gone
  // to the devices in a round of their own, the re-protected ones waiting behind it (0.7 s more for them). Its use
  // case enters on its own as it is called (bookFor's first step), so this hold is let go right after.
  const held = core.restorations.enter();
  try {
    let moved: Promise<void>;
    if (reserved && reserved.paths.length === 2 && installed) {
      const legs = await describeLegs(core, stored, reserved, failedFibres);
      await core.lifecycles.send(intentId, line, { type: 'RESTORE' }, `re-protecting around ${failedFibres.join(', ')}: ${legs}`);
      moved = reprotectLine(core, intentId, line, failedFibres, known);
    } else {
      const why = failedFibres.length > 0 ? `re-routing around ${failedFibres.join(', ')}` : 're-routing: nothing installed';
      await core.lifecycles.send(intentId, line, { type: 'RESTORE' }, why);
      moved = restoreLine(core, intentId, line, failedFibres, known);
    }
    held();
    await moved;
  } finally {
    held();
  }
}

async function readLine(core: ControllerCore, line: string): Promise<{ stored: StoredLine; intent: StoredIntent } | undefined> {
  const stored = await core.store.line(line);
  const intent = stored ? await core.store.intent(stored.current) : undefined;
  if (intent) rememberIfNotRevertive(core, intent);
  return stored && intent ? { stored, intent } : undefined;
}

/** Whether the line's move just failed in its transaction while a fibre failed that had not when it began. */
function failedOnTheWay(core: ControllerCore, failure: string | undefined, failedBefore: ReadonlySet<string>): boolean {
  return failure === 'transaction' && [...core.failedFibres].some((f) => !failedBefore.has(f));
}

/** Whether the line's last restoration found no path and every fibre failed then is still failed. */
function stillFruitless(core: ControllerCore, line: string): boolean {
  const then = core.fruitless.get(line);
  return then !== undefined && [...then].every((fibre) => core.failedFibres.has(fibre));
}

/**
 * Remembers a restoration that ended degraded for want of a path, with the fibres failed at the time. Resolves the
 * kind of the reason a move left the line degraded with (undefined when it is not degraded).
 */
async function noteOutcome(core: ControllerCore, intentId: string, line: string): Promise<string | undefined> {
  // The intent is read for its reason only when the move left it degraded (most end active, and reading every
  // restored line's intent whole again took the thread from the round's other lines).
  const failure = core.lifecycles.state(intentId) === 'degraded' ? (await core.store.intent(intentId))?.error?.kind : undefined;
  // With no fibre failed there is nothing whose return would tell: such a line is tried on every change, as before.
  if (failure === 'no-path' && core.failedFibres.size > 0) core.fruitless.set(line, new Set(core.failedFibres));
  else core.fruitless.delete(line);
  return failure;
}
