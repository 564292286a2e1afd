import type { AlarmChange, AlarmRecord } from './AlarmRecord';

/**
 * Alarms as JSON, their line lists written once. An alarm of a fibre names every line on it (hundreds under a cut),
 * and the alarms of one burst share one list (AlarmBook interns them): the store's row and every event stream wrote
 * the same few kilobytes for each of a thousand alarms. The list's text is kept per list (by identity), the rest of
 * the record, a few short fields, is written as usual. Same JSON as JSON.stringify, the keys in the record's order.
 */
const listTexts = new WeakMap<readonly string[], string>();

function linesJson(lines: readonly string[]): string {
  let text = listTexts.get(lines);
  if (text === undefined) {
    text = JSON.stringify(lines);
    listTexts.set(lines, text);
  }
  return text;
}

export function alarmJson(alarm: AlarmRecord): string {
  let out = '{';
  for (const [key, value] of Object.entries(alarm)) {
    if (value === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${key === 'lines' ? linesJson(value as string[]) : JSON.stringify(value)}`;
  }
  return `${out}}`;
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
