import { performance } from 'node:perf_hooks';
import { isMilliError } from '@milli/core';
import { IntentInvalidError, IntentSyntaxError, printIntent, readIntent, type ReadIntentOptions } from '@milli/intent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINESE_WORDS } from '../src/text/chineseLexicon';
import { KEYWORDS } from '../src/text/TokenCursor';
import { FORMS } from './examples';
import { NOW, smallMetro } from './fixtures/smallMetro';

/**
 * 10,000 seeded inputs mixing Chinese and English, full-width forms and control characters, through the whole
 * pipeline. Each must compile or be refused with a MilliError; a syntax or validity error must name a place inside
 * the text. Durations are printed, not asserted.
 */
const SEED = 20261206;
const CONTROLS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u200b', '\ufeff', '\t', '\n', '\r'];
const SEPARATORS = ['', ' ', '，', '、', '。', '；', '：', '\u3000', ...CONTROLS];
const IDS = ['P-17', 'AP-1', 'dc-north', 'dc-nrth', 'dc-south', 'L-42', '城北数据中心', '张江园区', '城北数据忠心'];
const VALUES = [
  '1ms',
  '1',
  '毫秒',
  '100',
  '兆',
  '100Mbps',
  '400G',
  '50TB',
  '6',
  '小时',
  '20:00',
  '20：00',
  '2027-01-15',
  '2027-02-30',
  '+08:00',
  '4A',
  '9Z',
];
const WORDS = [...Object.keys(CHINESE_WORDS), ...KEYWORDS, ...IDS, ...VALUES, '连结', '保户', '每周八', '明晚'];

function toFullWidth(text: string, every: number): string {
  return [...text]
    .map((c, i) => (i % every === 0 && c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c === ' ' ? '\u3000' : c))
    .join('');
}

const mixedSentence = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 18 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

const zhForms = FORMS.map((f) => f.zh);
const mutatedChinese = fc
  .tuple(fc.constantFrom(...zhForms, ...FORMS.map((f) => f.text)), fc.nat(), fc.nat(), fc.constantFrom(...WORDS, ...CONTROLS))
  .map(([text, i, j, w]) => {
    const a = i % (text.length + 1);
    const b = j % (text.length + 1);
    switch ((i + j) % 6) {
      case 0:
        return text.slice(0, a) + text.slice(Math.max(a, b));
      case 1:
        return text.slice(0, a) + w + text.slice(a);
      case 2:
        return text.slice(0, a);
      case 3:
        return toFullWidth(text, 1 + (b % 3));
      case 4:
        return text.slice(0, a) + CONTROLS[b % CONTROLS.length] + text.slice(a);
      default:
        return `${text.slice(0, a)}${text.slice(b)}${text.slice(a, b)}`;
    }
  });

const scripts = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x4e80 }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xff00, max: 0xff65 }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...CONTROLS, '连', '接', '到', 'a', '1', ':', '，'), maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

const FORM_COUNT = FORMS.length;
const printedThenBroken = fc.tuple(fc.nat(FORM_COUNT - 1), fc.nat(), fc.constantFrom(...WORDS)).map(([k, i, w]) => {
  const text = printIntent(FORMS[k]!.json, i % 2 === 0 ? 'zh' : 'en');
  const at = i % (text.length + 1);
  return `${text.slice(0, at)}${w}${text.slice(at)}`;
});

const CASES: { arbitrary: fc.Arbitrary<string>; count: number }[] = [
  { arbitrary: mixedSentence, count: 3500 },
  { arbitrary: mutatedChinese, count: 3500 },
  { arbitrary: scripts, count: 1500 },
  { arbitrary: printedThenBroken, count: 1500 },
];

describe('fuzz: 10,000 inputs in both scripts', () => {
  it('each compiles or is refused with a located MilliError', () => {
    const previous = readIntent('connect P-17 to dc-north with 100Mbps', { topology: smallMetro, now: NOW }).compilation;
    const options: ReadIntentOptions = { topology: smallMetro, now: NOW, previous, existingLines: new Set(['L-42']) };
    const outcomes: Record<string, number> = {};
    const escaped: { input: string; error: unknown }[] = [];
    const unlocated: { input: string; at: unknown }[] = [];
    const durations: number[] = [];
    let seed = SEED;
    for (const { arbitrary, count } of CASES) {
      for (const input of fc.sample(arbitrary, { seed: seed++, numRuns: count })) {
        const started = performance.now();
        let outcome = 'compiled';
        try {
          readIntent(input, options);
        } catch (error) {
          if (!isMilliError(error)) escaped.push({ input, error });
          else outcome = error.code;
          const places =
            error instanceof IntentSyntaxError
              ? [error.at]
              : error instanceof IntentInvalidError && !input.trimStart().startsWith('{')
                ? error.problems.map((p) => p.at)
                : [];
          for (const at of places) if (typeof at !== 'number' || at < 0 || at > input.length) unlocated.push({ input, at });
        }
        durations.push(performance.now() - started);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }
    durations.sort((a, b) => a - b);
    const mean = durations.reduce((s, d) => s + d, 0) / durations.length;
    console.log(
      `bilingual fuzz: ${durations.length} inputs; outcomes ${JSON.stringify(outcomes)}; mean ${mean.toFixed(3)} ms, ` +
        `p99 ${durations[Math.floor(durations.length * 0.99)]!.toFixed(3)} ms, max ${durations[durations.length - 1]!.toFixed(3)} ms`,
    );
    expect(escaped.slice(0, 3)).toEqual([]);
    expect(unlocated.slice(0, 3)).toEqual([]);
    expect(durations).toHaveLength(10_000);
    expect(outcomes.compiled ?? 0).toBeGreaterThan(0);
    expect(outcomes.INTENT_SYNTAX ?? 0).toBeGreaterThan(0);
    expect(outcomes.INTENT_INVALID ?? 0).toBeGreaterThan(0);
  });
});
