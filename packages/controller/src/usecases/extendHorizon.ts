import { isMilliError, type TimeWindow } from '@milli/core';
import { occurrencesBetween } from '@milli/intent';
import type { ControllerCore } from '../facade/ControllerCore';
import type { ScheduleEntry, StoredIntent, StoredReservation } from '../store/ControllerStore';
import { type IntentPlan, planOf } from './IntentPlan';

const iso = (ms: number) => new Date(ms).toISOString();

/** What moving a recurring connection's horizon forward adds, for the transition that records it. */
export interface HorizonExtension {
  plan: IntentPlan;
  reserve: StoredReservation[];
  scheduleAdd: ScheduleEntry[];
  /** One line per occurrence that could not be reserved, for the intent's explanation. */
  refused: string[];
}

/**
 * The horizon moves forward with time: when an occurrence ends, the occurrences that came into the horizon since
 * admission are reserved with the line's numbers, as admission reserved the first ones, and armed. One another line
 * already holds is not armed and is reported now, before it is due (in the explanation and as `unreserved`); the
 * connection keeps its other nights. A line that grooms over lightpaths of its own is held to its admitted horizon
 * (its lightpaths are links reserved over one span).
 */
export async function extendHorizon(core: ControllerCore, stored: StoredIntent): Promise<HorizonExtension | undefined> {
  const plan = planOf(stored);
  const schedule = plan?.compilation.schedule;
  const reserved = plan?.reserved;
  if (!plan || !schedule || !reserved || reserved.lightpaths.length > 0) return undefined;
  const length = schedule.horizon.end! - schedule.horizon.start;
  const horizon: TimeWindow = { start: schedule.horizon.start, end: core.clock.now() + length };
  const fresh = occurrencesBetween(schedule.recurrence, schedule.horizon.end!, horizon.end!).filter(
    (w) => w.start >= schedule.horizon.end!,
  );
  const first = schedule.occurrences[0];
  const template =
    first && core.ledger.reservations(reserved.line).find((r) => r.window.start === first.start && r.window.end === first.end);
  if (fresh.length === 0 || !template) return undefined;
  const reserve: StoredReservation[] = [];
  const scheduleAdd: ScheduleEntry[] = [];
  const refused: string[] = [];
  const unreserved = [...(plan.unreserved ?? [])];
  const occurrences = [...schedule.occurrences];
  for (const occurrence of fresh) {
    try {
      core.ledger.reserve(reserved.line, occurrence, structuredClone(template.items));
    } catch (error) {
      if (!isMilliError(error) || error.code !== 'RESOURCE_CONFLICT') throw error;
      const message = `the occurrence ${iso(occurrence.start)} → ${iso(occurrence.end!)} cannot be reserved: ${error.message}`;
      refused.push(message);
      unreserved.push({ ...occurrence, message });
      continue;
    }
    occurrences.push(occurrence);
    reserve.push({
      id: await core.store.nextId('R'),
      owner: reserved.line,
      window: { ...occurrence },
      items: structuredClone(template.items),
    });
    scheduleAdd.push({ id: await core.store.nextId('S'), intent: stored.id, action: 'start', at: occurrence.start });
    scheduleAdd.push({ id: await core.store.nextId('S'), intent: stored.id, action: 'end', at: occurrence.end! });
  }
  const compilation = { ...plan.compilation, schedule: { ...schedule, horizon, occurrences } };
  return { plan: { ...plan, compilation, ...(unreserved.length ? { unreserved } : {}) }, reserve, scheduleAdd, refused };
}
