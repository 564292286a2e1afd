import { SCHEDULE_DAYS, type ScheduleDocument } from '../document';
import { closest } from '../editDistance';
import { clip, KEYWORDS, shown, type TokenCursor } from './TokenCursor';
import type { Token } from './tokenize';

interface ScheduleSink {
  set(key: keyof ScheduleDocument, value: string, at: number): void;
  keywordInstead(what: string, token: Token, example: string): Error;
}

/**
 * The clauses of a connection on a calendar: `from HH:MM to HH:MM`, `on DATE` or `on weekdays`,
 * `every day|weekday|monday…`, `until DATE`, `zone +08:00`; each value goes to the document's `schedule`.
 */
export function scheduleClauses(cursor: TokenCursor, sink: ScheduleSink): Record<string, () => void> {
  const value = (key: keyof ScheduleDocument, what: string, example: string) => {
    const token = cursor.take(what, example);
    if (KEYWORDS.has(token.lower)) throw sink.keywordInstead(what, token, example);
    sink.set(key, token.text, token.at);
  };
  return {
    from: () => {
      value('start', 'a time of day', '20:00');
      cursor.expect(['to'], 'the start time');
      value('end', 'a time of day', '06:00');
    },
    on: () => {
      const weekdays = cursor.accept('weekdays', 'weekday');
      if (weekdays) sink.set('every', 'weekday', weekdays.at);
      else value('on', 'a date or weekdays', '2027-01-15');
    },
    every: () => {
      const token = cursor.take('a day', 'day');
      const word = token.lower === 'weekdays' ? 'weekday' : token.lower;
      const day = SCHEDULE_DAYS.find((d) => d === word);
      if (!day) {
        const guess = closest(token.lower, SCHEDULE_DAYS);
        const fix = guess
          ? cursor.say(`did you mean '${guess}'?`, `您是不是想说 '${guess}'？`)
          : cursor.say(`write ${SCHEDULE_DAYS.map((d) => `'every ${d}'`).join(', ')}`, "请写 '每天'、'工作日' 或 '每周一' … '每周日'");
        throw cursor.error(
          cursor.say(
            `unknown day '${clip(token.text)}' at ${token.at}: ${fix}`,
            `未知的日子 '${clip(shown(token))}'（位置 ${token.at}）：${fix}`,
          ),
          token.at,
        );
      }
      sink.set('every', day, token.at);
    },
    until: () => value('until', 'a date', '2027-06-30'),
    zone: () => value('zone', 'a zone', '+08:00'),
  };
}
