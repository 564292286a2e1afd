import type { Subscription } from 'rxjs';
import type { AlarmBook } from './AlarmBook';

/** What followLineFaults needs of the controller. */
export interface LineFaultSink {
  /** The fibres of the whole network with an alarm standing on them now: restoration routes around every one. */
  failedFibres(fibres: string[]): void;
  /** Lines whose current intent is `degraded`: a clear anywhere may give them a path again. */
  degradedLines(): Promise<string[]>;
  lineFaults(line: string, faults: string[]): Promise<void>;
}

/**
 * Alarms drive the lines' states: after every raise or clear, the controller learns the network's failed fibres, and
 * each line the alarm touches (and, on a clear, every degraded line) is told what still stands on it (the root causes
 * of its active alarms), so it goes `degraded` with the first, is restored or retried, and `active` with the last clear.
 */
export function followLineFaults(book: AlarmBook, controller: LineFaultSink): Subscription {
  return book.changes.subscribe((change) => {
    void (async () => {
      const standing = await book.alarms({ active: true });
      controller.failedFibres([...new Set(standing.filter((a) => a.root.kind === 'fibre').map((a) => a.root.id))].sort());
      const lines = new Set(change.alarm.lines);
      if (change.kind === 'cleared') for (const line of await controller.degradedLines()) lines.add(line);
      for (const line of lines) {
        const active = await book.alarms({ line, active: true });
        void controller.lineFaults(line, [...new Set(active.map((a) => `${a.root.kind} ${a.root.id}`))].sort()).catch(() => undefined);
      }
    })().catch(() => undefined);
  });
}
