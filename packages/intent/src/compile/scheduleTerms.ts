import type { TimeWindow } from '@milli/core';
import { occurrencesBetween, type Recurrence } from '../calendar/recurrence';
import { iso } from '../validate/quantities';
import { type CompileContext, type CompiledSchedule, DEFAULT_HORIZON_MS } from './Compilation';

/** When a connection holds its resources: from now on, or each occurrence of its schedule within the horizon. */
export function connectionWindows(
  schedule: Recurrence | undefined,
  context: CompileContext,
): { windows: TimeWindow[]; first?: TimeWindow; schedule?: CompiledSchedule; explain: string[] } {
  if (schedule === undefined) return { windows: [{ start: context.now, end: null }], explain: [] };
  const horizon = { start: context.now, end: context.now + (context.horizonMs ?? DEFAULT_HORIZON_MS) };
  const occurrences = occurrencesBetween(schedule, horizon.start, horizon.end);
  const days = Math.round((horizon.end - horizon.start) / 86_400_000);
  const first = occurrences[0];
  const explain =
    first === undefined
      ? [`scheduled: no occurrence within the next ${days} days; the path is computed for now`]
      : [
          `scheduled: ${occurrences.length} occurrence${occurrences.length === 1 ? '' : 's'} within the next ${days} days, the first ${iso(first.start)} → ${iso(first.end!)}`,
          'the path request is for the first occurrence; each later one is reserved and run by the scheduler',
        ];
  return {
    windows: occurrences,
    ...(first ? { first } : {}),
    schedule: { recurrence: schedule, horizon, occurrences },
    explain,
  };
}
