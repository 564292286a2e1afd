import type { Subscription } from 'rxjs';
import type { AlarmBook } from './AlarmBook';

/** What followLineFaults needs of the controller. */
export interface LineFaultSink {
  lineFaults(line: string, faults: string[]): Promise<void>;
}

/**
 * Alarms drive the lines' states: after every raise or clear, each line the alarm touches is told what still stands on
 * its path (the root causes of its active alarms), so it goes `degraded` with the first and `active` with the last clear.
 */
export function followLineFaults(book: AlarmBook, controller: LineFaultSink): Subscription {
  return book.changes.subscribe((change) => {
    for (const line of change.alarm.lines) {
      void book
        .alarms({ line, active: true })
        .then((active) => controller.lineFaults(line, [...new Set(active.map((a) => `${a.root.kind} ${a.root.id}`))].sort()))
        .catch(() => undefined);
    }
  });
}
