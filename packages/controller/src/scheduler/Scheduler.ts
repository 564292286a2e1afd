import type { Clock, Logger } from '@milli/core';
import type { ScheduleEntry } from '../store/ControllerStore';

/**
 * Timers for the schedule entries in the store, on the injected clock. An entry whose time has passed (a start
 * missed while the controller was down) fires at once. Firing hands the entry to `due`; the entry stays in the
 * store until the transition it causes removes it, so a restart before then fires it again.
 */
export class Scheduler {
  private readonly timers = new Map<string, { cancel(): void }>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly due: (entry: ScheduleEntry) => void,
    private readonly log: Logger,
  ) {}

  arm(entries: ScheduleEntry[]): void {
    if (this.stopped) return;
    for (const entry of entries) {
      this.timers.get(entry.id)?.cancel();
      const delay = Math.max(0, entry.at - this.clock.now());
      this.log.debug({ intent: entry.intent, action: entry.action, at: entry.at, delay }, 'schedule entry armed');
      this.timers.set(
        entry.id,
        this.clock.setTimeout(() => {
          this.timers.delete(entry.id);
          if (!this.stopped) this.due(entry);
        }, delay),
      );
    }
  }

  get armed(): number {
    return this.timers.size;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
