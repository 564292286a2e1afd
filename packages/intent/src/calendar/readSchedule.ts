import type { ScheduleDay, ScheduleDocument } from '../document';
import { clip } from '../text/TokenCursor';
import type { ProblemList } from '../validate/ProblemList';
import { iso, type TimeOptions } from '../validate/quantities';
import { parseDate, parseTimeSpec, parseZone } from '../validate/timeSpec';
import { localMidnight, occurrencesBetween, type Recurrence } from './recurrence';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const DAYS_OF: Record<ScheduleDay, number[]> = {
  day: ALL_DAYS,
  weekday: [1, 2, 3, 4, 5],
  monday: [1],
  tuesday: [2],
  wednesday: [3],
  thursday: [4],
  friday: [5],
  saturday: [6],
  sunday: [7],
};

/**
 * A schedule document → a Recurrence, or problems (each at its `/schedule/...` field). A one-shot window
 * (`start`/`end`, on a date or at their next occurrence) becomes a recurrence of one occurrence.
 */
export function readSchedule(problems: ProblemList, s: ScheduleDocument, options: TimeOptions): Recurrence | undefined {
  const before = problems.problems.length;
  let offset = options.utcOffsetMinutes;
  if (s.zone !== undefined) {
    const zone = parseZone(s.zone);
    if (typeof zone === 'string')
      problems.add(
        '/schedule/zone',
        `zone '${clip(s.zone)}'`,
        `: ${zone}`,
        (w) => `时区 '${clip(s.zone ?? '')}'${w}：请写 'Z' 或 '+08:00' 这样的偏移`,
      );
    else offset = zone;
  }
  const start = s.start === undefined ? undefined : clockMinutes(problems, '/schedule/start', s.start);
  const end = s.end === undefined ? undefined : clockMinutes(problems, '/schedule/end', s.end);
  if ((s.start === undefined) !== (s.end === undefined)) {
    const [pointer, has, lacks] = s.start === undefined ? ['/schedule/end', 'an end', 'start'] : ['/schedule/start', 'a start', 'end'];
    problems.add(
      pointer,
      'the schedule',
      ` has ${has} but no ${lacks}: give both, e.g. 'from 20:00 to 06:00'`,
      (w) => `时间安排${w}需要开始和结束时刻：例如 '从20:00到06:00'`,
    );
  }
  if (start !== undefined && end !== undefined && start === end) {
    problems.add(
      '/schedule/end',
      `end '${clip(s.end ?? '')}'`,
      ': is the start; a window needs a length (a whole day: leave out the times)',
      (w) => `结束时刻 '${clip(s.end ?? '')}'${w}与开始相同：时段需要长度（全天请省略时刻）`,
    );
  }
  if (s.on !== undefined && s.every !== undefined) {
    problems.add(
      '/schedule/on',
      `date '${clip(s.on)}'`,
      ": a window is either on one date or 'every' day, not both",
      (w) => `日期 '${clip(s.on ?? '')}'${w}：时段要么在某一天，要么重复（每天、工作日、每周一…），不能两者都有`,
    );
  }
  if (s.every === undefined && s.start === undefined) {
    problems.add(
      '/schedule',
      'the schedule',
      ": needs times ('from 20:00 to 06:00') or a recurrence ('every day')",
      (w) => `时间安排${w}需要时刻（'从20:00到06:00'）或重复（'每天'）`,
    );
  }
  if (s.until !== undefined && s.every === undefined) {
    problems.add(
      '/schedule/until',
      `'until ${clip(s.until)}'`,
      ": ends a recurrence; add 'every day', 'on weekdays' or 'every monday'",
      (w) => `'直到${clip(s.until ?? '')}'${w}只用于重复的时段：请加 '每天'、'工作日' 或 '每周一'`,
    );
  }
  const onDay = s.on === undefined ? undefined : dateDay(problems, '/schedule/on', s.on);
  const untilDay = s.until === undefined ? undefined : dateDay(problems, '/schedule/until', s.until);
  if (problems.problems.length > before) return undefined;

  const startMinute = start ?? 0;
  const durationMinutes = start === undefined || end === undefined ? 1440 : (end - startMinute + 1440) % 1440;
  const recurrence: Recurrence = {
    weekdays: s.every === undefined ? ALL_DAYS : DAYS_OF[s.every],
    startMinute,
    durationMinutes,
    offsetMinutes: offset,
    firstStart: onDay === undefined ? options.now : localMidnight(onDay, offset),
    until: untilDay === undefined ? null : localMidnight(untilDay + 1, offset),
    ...(s.every === undefined ? { count: 1 } : {}),
  };
  if (onDay !== undefined) {
    const [only] = occurrencesBetween(recurrence, recurrence.firstStart, Number.MAX_SAFE_INTEGER);
    if (only !== undefined && only.end! <= options.now) {
      problems.add(
        '/schedule/on',
        `window on ${clip(s.on ?? '')}`,
        ` has passed (now is ${iso(options.now)})`,
        (w) => `${clip(s.on ?? '')} 的时段${w}已经过去（现在是 ${iso(options.now)}）`,
      );
      return undefined;
    }
  }
  if (recurrence.until !== null && recurrence.until <= options.now) {
    problems.add(
      '/schedule/until',
      `'until ${clip(s.until ?? '')}'`,
      ` has passed (now is ${iso(options.now)})`,
      (w) => `'直到${clip(s.until ?? '')}'${w}已经过去（现在是 ${iso(options.now)}）`,
    );
    return undefined;
  }
  return recurrence;
}

function clockMinutes(problems: ProblemList, pointer: string, text: string): number | undefined {
  const spec = parseTimeSpec(text);
  if (typeof spec === 'string' || spec.kind !== 'time-of-day' || spec.offsetMinutes !== undefined) {
    const why = typeof spec === 'string' ? spec : "a schedule takes a time of day HH:MM; give the zone once, e.g. 'zone +08:00'";
    problems.add(
      pointer,
      `time '${clip(text)}'`,
      `: ${why}`,
      (w) => `时刻 '${clip(text)}'${w}：请写 HH:MM（时区另写一次，例如 '时区+08:00'）`,
    );
    return undefined;
  }
  return spec.minutes;
}

function dateDay(problems: ProblemList, pointer: string, text: string): number | undefined {
  const day = parseDate(text);
  if (typeof day === 'string') {
    problems.add(
      pointer,
      `date '${clip(text)}'`,
      `: ${day}`,
      (w) => `日期 '${clip(text)}'${w}：${day === 'no such date' ? '没有这一天' : '请写 YYYY-MM-DD，例如 2027-06-30'}`,
    );
    return undefined;
  }
  return day;
}
