import { isMilliError, parseBandwidth, parseDataVolume, parseDuration, parseLatency } from '@milli/core';
import { clip } from '../text/TokenCursor';
import { parseTimeSpec, resolveTime, type TimeSpec } from './timeSpec';
import type { ProblemList } from './ProblemList';

/**
 * Field readers shared by every kind and both forms: each turns one written value into a number in milli's
 * units, or records a located problem and returns undefined (so the remaining fields are still checked).
 */

const MAX_DURATION_MS = 366 * 86_400_000;
const WHAT_ZH: Record<string, string> = { latency: '时延', bandwidth: '带宽', volume: '数据量', duration: '时长' };

function read(
  problems: ProblemList,
  pointer: string,
  what: string,
  written: string,
  parse: (t: string) => number,
  wholeHint: string,
): number | undefined {
  const text = clip(written);
  let value: number;
  try {
    value = parse(written);
  } catch (error) {
    if (!isMilliError(error)) throw error;
    const accepted = error.context.accepted as string[] | undefined;
    const zh = WHAT_ZH[what] ?? what;
    if (accepted) {
      problems.add(
        pointer,
        `${what} '${text}'`,
        `: not understood; write a number and a unit (${accepted.join(', ')})`,
        (w) => `无法理解的${zh} '${text}'${w}：请写数字和单位（${accepted.join('、')}）`,
      );
    } else problems.add(pointer, `${what} ${text}`, `: must be above 0${wholeHint}`, (w) => `${zh} ${text}${w}必须大于 0`);
    return undefined;
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    problems.add(pointer, `${what} ${text}`, ': must be above 0', (w) => `${WHAT_ZH[what] ?? what} ${text}${w}必须大于 0`);
    return undefined;
  }
  return value;
}

export function readLatency(problems: ProblemList, pointer: string, text: string): number | undefined {
  return read(problems, pointer, 'latency', text, parseLatency, '');
}

export function readBandwidth(problems: ProblemList, pointer: string, text: string): number | undefined {
  return read(problems, pointer, 'bandwidth', text, parseBandwidth, ', in whole kbit/s');
}

export function readVolume(problems: ProblemList, pointer: string, text: string): number | undefined {
  return read(problems, pointer, 'volume', text, parseDataVolume, '');
}

export function readDuration(problems: ProblemList, pointer: string, text: string): number | undefined {
  const ms = read(problems, pointer, 'duration', text, parseDuration, '');
  if (ms !== undefined && ms > MAX_DURATION_MS) {
    problems.add(
      pointer,
      `duration ${clip(text)}`,
      ': at most 366d; for longer, make the change permanent',
      (w) => `时长 ${clip(text)}${w}最多 366 天；更长请改为永久`,
    );
    return undefined;
  }
  return ms;
}

export interface TimeOptions {
  now: number;
  utcOffsetMinutes: number;
}

export interface WindowFields {
  start?: string;
  end?: string;
  within?: string;
}

/**
 * start (default now), then end or within (a duration from the start). `end: null` when neither is given and
 * `requireEnd` is false. Times of day resolve to their next occurrence (at or after now for the start, after the start for the end).
 */
export function readWindow(
  problems: ProblemList,
  fields: WindowFields,
  options: TimeOptions,
  requireEnd: { subject: string; fix: string; zh?: (where: string) => string } | undefined,
): { start: number; end: number | null } | undefined {
  const { now, utcOffsetMinutes } = options;
  let ok = true;
  let start = now;
  if (fields.start !== undefined) {
    const spec = readSpec(problems, '/start', fields.start);
    if (spec === undefined) ok = false;
    else {
      start = resolveTime(spec, now, now, utcOffsetMinutes, false);
      if (start < now) {
        problems.add(
          '/start',
          `start ${clip(fields.start)}`,
          ` has passed (now is ${iso(now)})`,
          (w) => `开始时间 ${clip(fields.start ?? '')}${w}已经过去（现在是 ${iso(now)}）`,
        );
        ok = false;
      }
    }
  }
  let end: number | null = null;
  if (fields.end !== undefined && fields.within !== undefined) {
    problems.add(
      '/within',
      `duration ${clip(fields.within)}`,
      ': give an end time or a duration, not both',
      (w) => `时长 ${clip(fields.within ?? '')}${w}：结束时间和时长只能给一个`,
    );
    return undefined;
  }
  if (fields.end !== undefined) {
    const spec = readSpec(problems, '/end', fields.end);
    if (spec === undefined) return undefined;
    end = resolveTime(spec, start, now, utcOffsetMinutes, true);
    if (ok && end <= start) {
      problems.add(
        '/end',
        `end ${clip(fields.end)}`,
        ` is not after the start (${iso(start)})`,
        (w) => `结束时间 ${clip(fields.end ?? '')}${w}不晚于开始时间（${iso(start)}）`,
      );
      return undefined;
    }
  } else if (fields.within !== undefined) {
    const ms = readDuration(problems, '/within', fields.within);
    if (ms === undefined) return undefined;
    end = start + ms;
  } else if (requireEnd !== undefined) {
    problems.add('', requireEnd.subject, `: ${requireEnd.fix}`, requireEnd.zh);
    return undefined;
  }
  return ok ? { start, end } : undefined;
}

export function readInstant(problems: ProblemList, pointer: string, text: string | undefined, options: TimeOptions): number | undefined {
  if (text === undefined) return options.now;
  const spec = readSpec(problems, pointer, text);
  if (spec === undefined) return undefined;
  const at = resolveTime(spec, options.now, options.now, options.utcOffsetMinutes, false);
  if (at < options.now) {
    problems.add(
      pointer,
      `time ${clip(text)}`,
      ` has passed (now is ${iso(options.now)})`,
      (w) => `时间 ${clip(text)}${w}已经过去（现在是 ${iso(options.now)}）`,
    );
    return undefined;
  }
  return at;
}

function readSpec(problems: ProblemList, pointer: string, text: string): TimeSpec | undefined {
  const spec = parseTimeSpec(text);
  if (typeof spec === 'string') {
    problems.add(
      pointer,
      `time '${clip(text)}'`,
      `: ${spec}`,
      (w) => `时间 '${clip(text)}'${w}无法理解：请写 HH:MM、带时区的日期时间（如 2026-12-01T06:00Z）或 '现在'`,
    );
    return undefined;
  }
  return spec;
}

/** ISO text for messages; never throws, whatever the number. */
export function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** `2h 47m`, rounded up to the minute: for messages that tell the user how long to allow. */
export function formatDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days}d` : '', hours ? `${hours}h` : '', rest || (!days && !hours) ? `${rest}m` : ''].filter(Boolean).join(' ');
}
