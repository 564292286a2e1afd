import type { Compilation } from '@milli/intent';
import type { ComputedPath } from '@milli/pce';
import type { ReservedLine } from '../installer/plan/ReservedLine';

/** What the controller keeps of an intent once compiled: the compiler's output and the paths it holds. */
export interface IntentPlan {
  compilation: Compilation;
  working?: ComputedPath;
  protection?: ComputedPath;
  /** A line-creating intent: its numbered reservation (reserveLine), what the installer plans and installs. */
  reserved?: ReservedLine;
  /** Elastic: the intent that was the line's current one before this change, which the line returns to. */
  previous?: string;
  /**
   * A revertive line a restoration moved: the reservation it held before its first restoration (its original path)
   * and the fibres failed on it then. It goes back there once they are back (revertLine); a later restoration keeps it.
   */
  original?: { reserved: ReservedLine; failedFibres: string[] };
  /** A connection on a calendar: occurrences that came into the horizon later and could not be reserved. */
  unreserved?: { start: number; end: number | null; message: string }[];
}

export function planOf(stored: { compilation?: object }): IntentPlan | undefined {
  return stored.compilation as IntentPlan | undefined;
}
