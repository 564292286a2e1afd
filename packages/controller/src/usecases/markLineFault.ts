import type { ControllerCore } from '../facade/ControllerCore';
import { planOf } from './IntentPlan';
import { describeLegs } from './legCarryingTraffic';
import { reprotectLine } from './reprotectLine';
import { restoreLine } from './restoreLine';

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
 * change of its alarms decides again. Resolves true when the line is left `active` with none of `faults` on its path:
 * told the same faults again before its next transition, it would do nothing again.
 */
export async function markLineFault(core: ControllerCore, line: string, faults: string[]): Promise<boolean> {
  const stored = await core.store.line(line);
  if (!stored) return false;
  const intent = await core.store.intent(stored.current);
  if (!intent) return false;
  const installed = stored.installed !== undefined && stored.installed !== null;
  const onPath = new Set([...(stored.path?.working.fibres ?? []), ...(stored.path?.protection?.fibres ?? [])]);
  const standing = faults.filter((f) => !f.startsWith('fibre ') || onPath.has(f.slice('fibre '.length)));
  if (standing.length > 0 && intent.state === 'active') {
    await core.lifecycles.send(intent.id, line, { type: 'FAULT' }, `fault on the path: ${standing.join('; ')}`);
  } else if (standing.length === 0 && intent.state === 'degraded' && installed) {
    await core.lifecycles.send(intent.id, line, { type: 'CLEARED' }, 'every alarm on the path cleared');
    return false;
  }
  const failedFibres = standing.filter((f) => f.startsWith('fibre ')).map((f) => f.slice('fibre '.length));
  if (core.lifecycles.state(intent.id) !== 'degraded') core.fruitless.delete(line);
  if (core.lifecycles.state(intent.id) !== 'degraded' || (failedFibres.length === 0 && installed)) {
    return standing.length === 0 && core.lifecycles.state(intent.id) === 'active';
  }
  if (stillFruitless(core, line)) return false;
  const reserved = planOf(intent)?.reserved;
  if (reserved && reserved.paths.length === 2 && installed) {
    // 1+1: the devices switched to the surviving leg; the line gets a new leg in place of the cut one.
    const legs = await describeLegs(core, stored, reserved, failedFibres);
    await core.lifecycles.send(intent.id, line, { type: 'RESTORE' }, `re-protecting around ${failedFibres.join(', ')}: ${legs}`);
    await reprotectLine(core, intent.id, line, failedFibres);
  } else {
    const why = failedFibres.length > 0 ? `re-routing around ${failedFibres.join(', ')}` : 're-routing: nothing installed';
    await core.lifecycles.send(intent.id, line, { type: 'RESTORE' }, why);
    await restoreLine(core, intent.id, line, failedFibres);
  }
  await noteOutcome(core, intent.id, line);
  return false;
}

/** Whether the line's last restoration found no path and every fibre failed then is still failed. */
function stillFruitless(core: ControllerCore, line: string): boolean {
  const then = core.fruitless.get(line);
  return then !== undefined && [...then].every((fibre) => core.failedFibres.has(fibre));
}

/** Remembers a restoration that ended degraded for want of a path, with the fibres failed at the time. */
async function noteOutcome(core: ControllerCore, intentId: string, line: string): Promise<void> {
  const after = await core.store.intent(intentId);
  // With no fibre failed there is nothing whose return would tell: such a line is tried on every change, as before.
  const fruitless = core.lifecycles.state(intentId) === 'degraded' && after?.error?.kind === 'no-path' && core.failedFibres.size > 0;
  if (fruitless) core.fruitless.set(line, new Set(core.failedFibres));
  else core.fruitless.delete(line);
}
