import type { Subscription } from 'rxjs';
import type { StandingFaults } from '../facade/ControllerCore';
import type { AlarmBook } from './AlarmBook';
import { causeOf } from './StandingAlarms';

/** What followLineFaults needs of the controller. */
export interface LineFaultSink {
  /** The fibres of the whole network with an alarm standing on them now: restoration routes around every one. */
  failedFibres(fibres: string[]): void;
  /** Lines whose current intent is `degraded`: a clear anywhere may give them a path again. */
  degradedLines(): Promise<string[]>;
  lineFaults(line: string, faults: string[]): Promise<void>;
  /** Where the faults standing now are read, for what the controller judges outside a pass (recovery on start). */
  faultsFrom?(read: () => Promise<StandingFaults>): void;
}

/**
 * Alarms drive the lines' states: after raises and clears, the controller learns the network's failed fibres, and
 * each line the alarms touched (and, once a failed fibre or device is back, every degraded line) is told what still stands on it (the root
 * causes of its active alarms), so it goes `degraded` with the first, is restored or retried, and `active` with the
 * last clear. Changes are gathered: a cut raises hundreds of alarms at once, each touching every line on the fibre,
 * and reading the alarms per change and per line grew with their product (minutes of work for one cut under a few
 * hundred lines). A pass reads the active alarms once and tells every line touched since the last pass once; changes
 * that arrive during a pass make one more.
 */
export function followLineFaults(book: AlarmBook, controller: LineFaultSink): Subscription {
  controller.faultsFrom?.(async () => (await book.standing()).faults());
  // The line lists of the changes since the last pass, by identity: a burst's alarms share a few lists (the book
  // interns them), and adding every line of every change one by one cost more than the pass itself.
  const touched = new Set<readonly string[]>();
  let cleared = false;
  let running = false;
  // Fibres and devices with an alarm standing on them after the previous pass: degraded lines are retried when one of
  // them is back (the network gave capacity back), not on every clear (a restoration's own moves clear alarms all the
  // time, and a line with no route was recomputed hundreds of times while others waited for their turn).
  let down = new Set<string>();
  const pass = async (): Promise<void> => {
    // Let the burst land: the alarms of one cut arrive together.
    await new Promise((resolve) => setImmediate(resolve));
    const lines = new Set<string>();
    for (const list of touched) for (const line of list) lines.add(line);
    touched.clear();
    const anyCleared = cleared;
    cleared = false;
    const standing = await book.standing();
    const roots = standing.rootCauses();
    controller.failedFibres(standing.failedFibres());
    const stillDown = new Set(roots.filter((r) => r.kind !== 'port').map(causeOf));
    const healed = [...down].some((root) => !stillDown.has(root));
    down = stillDown;
    if (anyCleared && healed) for (const line of await controller.degradedLines()) lines.add(line);
    const causes = new Map([...lines].map((line) => [line, standing.causesOn(line)]));
    for (const [line, faults] of causes) void controller.lineFaults(line, faults).catch(() => undefined);
  };
  const drain = async (): Promise<void> => {
    running = true;
    try {
      while (touched.size > 0 || cleared) await pass().catch(() => undefined);
    } finally {
      running = false;
    }
  };
  return book.changes.subscribe((change) => {
    touched.add(change.alarm.lines);
    if (change.kind === 'cleared') cleared = true;
    if (!running) void drain();
  });
}
