import type { ControllerCore } from '../facade/ControllerCore';
import type { ScheduleEntry } from '../store/ControllerStore';
import { planOf } from './IntentPlan';
import { ownersToRelease } from './lineReservations';
import { occurrencesOf } from './reserveOccurrences';

/**
 * A schedule entry's time has come: a window opens (provision, or fail when the window already ended while the
 * controller was down), a window closes (release the line, or revert an elastic change), a timed release acts.
 * An entry that no longer applies (the intent moved on) is dropped with the next transition of its intent.
 */
export async function actOnSchedule(core: ControllerCore, entry: ScheduleEntry): Promise<void> {
  const stored = await core.store.intent(entry.intent);
  const state = core.lifecycles.state(entry.intent);
  if (!stored || !state) return;
  const line = stored.line;
  const done = { scheduleDone: [entry.id] };
  const compilation = planOf(stored)?.compilation;
  // The window this entry belongs to: a recurring connection has one per occurrence.
  const window = compilation && (occurrencesOf(compilation).find((w) => w.start === entry.at) ?? compilation.windows[0]);
  const now = core.clock.now();
  if (entry.action === 'start' && state === 'scheduled') {
    const later = compilation?.schedule && occurrencesOf(compilation).some((w) => w.start > now);
    if (window?.end != null && window.end <= now && later) {
      // One night missed while the controller was down: the connection waits for its next occurrence.
      core.log.warn({ intent: entry.intent, at: entry.at }, 'occurrence ended before it could be provisioned');
    } else if (window?.end != null && window.end <= now) {
      await core.lifecycles.send(
        entry.intent,
        line,
        {
          type: 'WINDOW_MISSED',
          reason: {
            kind: 'window-missed',
            code: 'CONTROLLER_WINDOW_MISSED',
            message: `the window ${new Date(window.start).toISOString()} to ${new Date(window.end).toISOString()} ended before it could be provisioned (now ${new Date(now).toISOString()})`,
          },
        },
        'window ended while waiting',
        { releaseOwners: await ownersToRelease(core, stored), scheduleDoneFor: [entry.intent] },
      );
    } else {
      await core.lifecycles.send(entry.intent, line, { type: 'WINDOW_OPEN' }, `window opened at ${new Date(entry.at).toISOString()}`, done);
    }
  } else if (
    entry.action === 'end' &&
    state === 'scheduled' &&
    compilation?.schedule &&
    occurrencesOf(compilation).some((w) => w.start > now)
  ) {
    // The end of an occurrence that never opened (missed while down): the connection waits for its next one.
    core.log.debug({ intent: entry.intent, at: entry.at }, 'end of an occurrence that never opened');
  } else if (entry.action === 'end' && (state === 'active' || state === 'degraded' || state === 'scheduled' || state === 'reserved')) {
    await core.lifecycles.send(entry.intent, line, { type: 'RELEASE' }, `window ended at ${new Date(entry.at).toISOString()}`, done);
  } else if (entry.action === 'release' && state === 'scheduled') {
    await core.lifecycles.send(entry.intent, line, { type: 'TEARDOWN' }, `release time ${new Date(entry.at).toISOString()} reached`, done);
  } else if (entry.action === 'end' && (state === 'provisioning' || state === 'modifying')) {
    // Still being set up when the window closed: look again once the current work is through.
    core.arm([{ ...entry, at: now + 1 }]);
  }
}
