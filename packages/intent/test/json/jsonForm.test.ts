import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntentSchemaError, intentSchema, parseIntent, parseIntentJson, readIntent } from '@milli/intent';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../examples';
import { NOW, smallMetro } from '../fixtures/smallMetro';

function schemaProblems(value: unknown): string[] {
  try {
    parseIntentJson(value);
  } catch (error) {
    expect(error).toBeInstanceOf(IntentSchemaError);
    expect((error as IntentSchemaError).code).toBe('INTENT_SCHEMA');
    return (error as IntentSchemaError).problems.map((p) => p.message);
  }
  throw new Error('matched the schema');
}

const previous = readIntent('connect P-17 to dc-north with 100Mbps', { topology: smallMetro, now: NOW }).compilation;

describe('the published schema', () => {
  it('schema/intent.schema.json is the schema the code checks against', () => {
    const published = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'intent.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(intentSchema)));
  });
});

describe('parseIntentJson', () => {
  it('accepts every documented form', () => {
    for (const form of FORMS) expect(parseIntentJson(form.json).document).toEqual(form.json);
  });

  it('lists every mismatch, located by pointer, with a suggestion for a misspelt field', () => {
    expect(
      schemaProblems({ kind: 'access-line', from: { site: 'P-17' }, to: { site: 'dc-north', role: 'cloud' }, bandwith: '1Gbps' }),
    ).toEqual([
      "missing field 'bandwidth' at /",
      "unknown field 'bandwith' at /: did you mean 'bandwidth'?",
      '/to/role must be one of park, access, dc',
    ]);
  });

  it('names an unknown kind and suggests the nearest', () => {
    expect(schemaProblems({ kind: 'acess-line' })).toEqual(["unknown kind 'acess-line' at /kind: did you mean 'access-line'?"]);
  });

  it('refuses what is not an object, and JSON that does not parse', () => {
    expect(schemaProblems([1, 2])).toEqual(["intent JSON must be an object with a 'kind', got an array"]);
    expect(() => parseIntent('{"kind": ')).toThrow(IntentSchemaError);
  });
});

describe('text and JSON of one intent compile identically', () => {
  for (const form of FORMS) {
    it(form.name, () => {
      // A horizon that reaches every example's date (one is on 2027-01-15, beyond the default 30 days).
      const options = { topology: smallMetro, now: NOW, previous, horizonMs: 120 * 86_400_000 };
      const fromText = readIntent(form.text, options);
      const fromJson = readIntent(form.json, options);
      const fromJsonText = readIntent(JSON.stringify(form.json), options);
      expect(fromText.intent).toEqual(fromJson.intent);
      expect(fromText.compilation).toEqual(fromJson.compilation);
      expect(fromJsonText.compilation).toEqual(fromJson.compilation);
      expect(fromText.compilation.kind).toBe(form.json.kind);
    });
  }
});
