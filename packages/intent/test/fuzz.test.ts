import { performance } from 'node:perf_hooks';
import { isMilliError } from '@milli/core';
import { readIntent, type ReadIntentOptions } from '@milli/intent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMS } from './examples';
import { NOW, smallMetro } from './fixtures/smallMetro';
import { KEYWORDS } from '../src/text/TokenCursor';

/**
 * 10,000 random and mutated intents, text and JSON, through the whole pipeline (parse, validate, compile).
 * Each must compile or fail with a MilliError; nothing else may escape. Durations are recorded and printed
 * (max, p99), not asserted: the machine is shared. Seeded, so a failure reproduces.
 */
const SEED = 20261126;
const VOCABULARY = [
  ...KEYWORDS,
  'wavelength',
  'P-17',
  'P-18',
  'P-19',
  'AP-1',
  'AP-2',
  'dc-north',
  'dc-south',
  'dc-east',
  'dc-nrth',
  'CORE-1',
  'L-42',
  'L-7',
  '1ms',
  '0ms',
  '850us',
  '100Mbps',
  '1Gbps',
  '400G',
  '100G',
  '10',
  'ms',
  'Gbps',
  '50TB',
  '1PB',
  '2h',
  '0h',
  '20:00',
  '23:00',
  '25:61',
  '2026-12-01T06:00Z',
  '2026-02-30T06:00Z',
  'now',
  '4A',
  '5A',
  'srlg',
  'node',
  'link',
  'manufacturing',
  'finance',
  'media',
  'µs',
  '1e9',
  '-5ms',
  ',',
  '{',
  '}',
  '"',
  'NaN',
  'Infinity',
];

const word = fc.constantFrom(...VOCABULARY);
const sentence = fc.array(word, { minLength: 1, maxLength: 16 }).map((words) => words.join(' '));

const textMutation = fc
  .tuple(fc.constantFrom(...FORMS.map((f) => f.text)), fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), word)
  .map(([text, i, j, junk, w]) => {
    const a = i % (text.length + 1);
    const b = j % (text.length + 1);
    switch ((i + j) % 6) {
      case 0:
        return text.slice(0, a) + text.slice(Math.max(a, b)); // delete a span
      case 1:
        return text.slice(0, a) + junk + text.slice(a); // insert junk
      case 2:
        return text.slice(0, a); // truncate
      case 3:
        return `${text.slice(0, a)} ${w} ${text.slice(a)}`; // insert a grammar word
      case 4:
        return text.toUpperCase();
      default:
        return `${text} ${text.slice(b)}`; // repeat a tail
    }
  });

const randomText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 1900, maxLength: 2100 }),
);

const field = fc.constantFrom(
  'kind',
  'from',
  'to',
  'bandwidth',
  'maxLatency',
  'protection',
  'tier',
  'industry',
  'rate',
  'volume',
  'start',
  'end',
  'within',
  'line',
  'at',
  'site',
  'role',
);
const jsonMutation = fc
  .tuple(fc.constantFrom(...FORMS.map((f) => f.json)), field, fc.oneof(fc.jsonValue({ maxDepth: 2 }), word), fc.boolean())
  .map(([json, key, value, remove]) => {
    const copy: Record<string, unknown> = structuredClone(json) as unknown as Record<string, unknown>;
    if (remove) delete copy[key];
    else if (key === 'site' || key === 'role') copy.from = { ...(copy.from as object), [key]: value };
    else copy[key] = value;
    return copy;
  });
const randomJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(field, fc.oneof(word, fc.jsonValue({ maxDepth: 1 })), { maxKeys: 8 }),
  fc.record(
    {
      kind: fc.constantFrom('access-line', 'dc-interconnect', 'data-express', 'elastic', 'release'),
      from: fc.record({ site: word }),
      to: fc.record({ site: word }),
      bandwidth: word,
      volume: word,
      line: word,
      end: word,
    },
    { requiredKeys: ['kind'] },
  ),
);

const CASES: { name: string; arbitrary: fc.Arbitrary<unknown>; count: number }[] = [
  { name: 'random text', arbitrary: randomText, count: 2000 },
  { name: 'grammar-word sentences', arbitrary: sentence, count: 3000 },
  { name: 'mutated valid text', arbitrary: textMutation, count: 2000 },
  { name: 'random JSON', arbitrary: randomJson, count: 1500 },
  { name: 'mutated valid JSON', arbitrary: jsonMutation, count: 1500 },
];

describe('fuzz: 10,000 random and mutated intents', () => {
  it('every input compiles or fails with a MilliError', () => {
    const previous = readIntent('connect P-17 to dc-north with 100Mbps', { topology: smallMetro, now: NOW }).compilation;
    const options: ReadIntentOptions = {
      topology: smallMetro,
      now: NOW,
      previous,
      existingLines: new Set(['L-42', 'L-7']),
      horizonMs: 120 * 86_400_000, // reaches every documented form's date
    };
    // Warm up (JIT, the schema validator's first run) on the documented forms, so the figures are steady-state.
    for (const form of FORMS) for (const input of [form.text, form.json]) readIntent(input, options);
    const durations: number[] = [];
    const outcomes: Record<string, number> = {};
    const escaped: { input: unknown; error: unknown }[] = [];
    let seed = SEED;
    let slowest: { ms: number; input: unknown } = { ms: 0, input: undefined };
    for (const { arbitrary, count } of CASES) {
      for (const input of fc.sample(arbitrary, { seed: seed++, numRuns: count })) {
        const started = performance.now();
        let outcome = 'compiled';
        try {
          readIntent(input as string | object, options);
        } catch (error) {
          if (isMilliError(error)) outcome = error.code;
          else escaped.push({ input, error });
        }
        const took = performance.now() - started;
        durations.push(took);
        if (took > slowest.ms) slowest = { ms: took, input };
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }
    durations.sort((a, b) => a - b);
    const p99 = durations[Math.floor(durations.length * 0.99)] ?? 0;
    const max = durations[durations.length - 1] ?? 0;
    const mean = durations.reduce((s, d) => s + d, 0) / durations.length;
    // Re-time the slowest input: if it is fast now, its one slow run was the machine (GC, a shared CPU), not the input.
    let rerun = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      try {
        readIntent(slowest.input as string | object, options);
      } catch {
        // outcome already checked above
      }
      rerun = Math.min(rerun, performance.now() - started);
    }
    console.log(
      `intent fuzz: ${durations.length} inputs; outcomes ${JSON.stringify(outcomes)}; ` +
        `parse+check+compile mean ${mean.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${max.toFixed(3)} ms ` +
        `(slowest input, best of 5 re-runs: ${rerun.toFixed(3)} ms: ${JSON.stringify(slowest.input)?.slice(0, 60)})`,
    );
    expect(escaped.slice(0, 3)).toEqual([]);
    expect(durations).toHaveLength(10_000);
    // The fuzz reached every outcome, not just the first error: it exercises the whole pipeline.
    expect(Object.keys(outcomes).sort()).toEqual(['INTENT_INVALID', 'INTENT_SCHEMA', 'INTENT_SYNTAX', 'compiled']);
  });
});
