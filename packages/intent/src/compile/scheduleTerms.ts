import type { TimeWindow } from '@milli/core';
import { occurrencesBetween, type Recurrence } from '../calendar/recurrence';
import { IntentInvalidError } from '../errors';
import { ProblemList } from '../validate/ProblemList';
import { iso } from '../validate/quantities';
import { type CompileContext, type CompiledSchedule, DEFAULT_HORIZON_MS } from './Compilation';

/** A recurrence repeats within a week, so a week and a day past where it can next start holds its next occurrence if any. */
const A_WEEK_AND_A_DAY_MS = 8 * 86_400_000;

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
  if (first === undefined) throw nothingToBook(schedule, horizon.end, days, context);
  const explain = [
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

/**
 * A connection is admitted only with what it will hold booked: a schedule with no occurrence in the booking horizon
 * (all in the past, or the first one beyond it) has nothing to reserve, so it is refused now, naming when its first
 * occurrence would be, rather than accepted with nothing behind it.
 */
function nothingToBook(schedule: Recurrence, horizonEnd: number, days: number, context: CompileContext): IntentInvalidError {
  const problems = new ProblemList(context.source ?? { form: 'json', locations: {} });
  const from = Math.max(horizonEnd, schedule.firstStart);
  const next = occurrencesBetween(schedule, from, from + A_WEEK_AND_A_DAY_MS)[0];
  const why = next
    ? `its first occurrence, ${iso(next.start)}, is beyond the ${days}-day booking horizon; submit it within ${days} days of that`
    : 'it has no occurrence from now on';
  const zhWhy = next ? `首次发生于 ${iso(next.start)}，超出 ${days} 天的预约范围；请在其前 ${days} 天内提交` : '从现在起没有任何一次发生';
  problems.add('/schedule', 'schedule', `: nothing can be booked: ${why}`, (where) => `时间安排${where}无法预约：${zhWhy}`);
  return new IntentInvalidError(problems.problems);
}
