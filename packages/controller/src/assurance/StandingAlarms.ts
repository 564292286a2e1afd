import type { StandingFaults } from '../facade/ControllerCore';
import type { AlarmRecord, RootCause } from './AlarmRecord';

/**
 * The alarms standing now, indexed by what the line faults ask of them after every burst: the root causes standing
 * (with how many alarms name each) and, per line, the root causes of its standing alarms. Alarms are counted per
 * root cause and line list: the alarms of a cut name one cause and share one list (the book interns them), so only
 * the first raise and the last clear of such a group touch the lines' counts. Counting every alarm on every line it
 * names (hundreds of alarms standing, each naming every line on the fibre) took tens of milliseconds per burst.
 */
export class StandingAlarms {
  private readonly byKey = new Map<string, AlarmRecord>();
  private readonly roots = new Map<string, { root: RootCause; alarms: number }>();
  /** Per line: its root causes, each with how many (cause, list) groups name the line. */
  private readonly byLine = new Map<string, Map<string, number>>();
  /** Per root cause: its standing alarms by line list (by identity). */
  private readonly groups = new Map<string, Map<readonly string[], number>>();

  constructor(alarms: readonly AlarmRecord[]) {
    for (const alarm of alarms) this.raised(alarm);
  }

  raised(alarm: AlarmRecord): void {
    if (this.byKey.has(alarm.key)) return;
    this.byKey.set(alarm.key, alarm);
    this.count(alarm, 1);
  }

  cleared(key: string): void {
    const alarm = this.byKey.get(key);
    if (!alarm) return;
    this.byKey.delete(key);
    this.count(alarm, -1);
  }

  all(): AlarmRecord[] {
    return [...this.byKey.values()];
  }

  /** Every root cause with an alarm standing on it. */
  rootCauses(): RootCause[] {
    return [...this.roots.values()].map((r) => r.root);
  }

  /** The root causes (`kind id`) of the alarms standing on a line, sorted. */
  causesOn(line: string): string[] {
    return [...(this.byLine.get(line)?.keys() ?? [])].sort();
  }

  /** The fibres with an alarm standing on them, sorted. */
  failedFibres(): string[] {
    return this.rootCauses()
      .filter((r) => r.kind === 'fibre')
      .map((r) => r.id)
      .sort();
  }

  /** What stands now, as the controller judges it outside a pass: each line's root causes and the failed fibres. */
  faults(): StandingFaults {
    return {
      byLine: new Map([...this.byLine.keys()].map((line) => [line, this.causesOn(line)])),
      failedFibres: this.failedFibres(),
    };
  }

  private count(alarm: AlarmRecord, delta: 1 | -1): void {
    const cause = causeOf(alarm.root);
    const root = this.roots.get(cause) ?? { root: alarm.root, alarms: 0 };
    root.alarms += delta;
    if (root.alarms > 0) this.roots.set(cause, root);
    else this.roots.delete(cause);
    const lists = this.groups.get(cause) ?? new Map<readonly string[], number>();
    const n = (lists.get(alarm.lines) ?? 0) + delta;
    if (n > 0) lists.set(alarm.lines, n);
    else lists.delete(alarm.lines);
    if (lists.size > 0) this.groups.set(cause, lists);
    else this.groups.delete(cause);
    // The lines' counts change only when a group comes or goes.
    if ((delta === 1 && n === 1) || (delta === -1 && n === 0)) this.countLines(cause, alarm.lines, delta);
  }

  private countLines(cause: string, lines: readonly string[], delta: 1 | -1): void {
    for (const line of new Set(lines)) {
      const causes = this.byLine.get(line) ?? new Map<string, number>();
      const n = (causes.get(cause) ?? 0) + delta;
      if (n > 0) causes.set(cause, n);
      else causes.delete(cause);
      if (causes.size > 0) this.byLine.set(line, causes);
      else this.byLine.delete(line);
    }
  }
}

/** How a root cause is named to a line: `fibre F-3`, `device X`, `port X/p`. */
export function causeOf(root: RootCause): string {
  return `${root.kind} ${root.id}`;
}
