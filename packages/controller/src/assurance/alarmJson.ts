import type { AlarmChange, AlarmRecord } from './AlarmRecord';

/**
 * Alarms as JSON, their line lists written once. An alarm of a fibre names every line on it (hundreds under a cut),
 * and the alarms of one burst share one list (AlarmBook interns them): the store's row and every event stream wrote
 * the same few kilobytes for each of a thousand alarms. The list's text is kept per list (by identity), the rest of
 * the record, a few short fields, is written as usual. The same JSON as JSON.stringify, but for `lines` coming last.
 */
const listTexts = new WeakMap<readonly string[], string>();

function linesJson(lines: readonly string[]): string {
  // Only a list nobody may change is remembered.
  if (!Object.isFrozen(lines)) return JSON.stringify(lines);
  let text = listTexts.get(lines);
  if (text === undefined) {
    text = JSON.stringify(lines);
    listTexts.set(lines, text);
  }
  return text;
}

export function alarmJson(alarm: AlarmRecord): string {
  const { lines, ...rest } = alarm;
  // `rest` always has its key, so its text ends with a field and a closing brace: the list goes after the field.
  return `${JSON.stringify(rest).slice(0, -1)},"lines":${linesJson(lines)}}`;
}

/** The change as the event stream sends it, made once per change whatever the number of streams. */
const changeTexts = new WeakMap<AlarmChange, string>();

export function alarmChangeJson(change: AlarmChange): string {
  let text = changeTexts.get(change);
  if (text === undefined) {
    text = `{"kind":${JSON.stringify(change.kind)},"alarm":${alarmJson(change.alarm)}}`;
    changeTexts.set(change, text);
  }
  return text;
}
