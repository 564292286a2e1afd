import { IntentSyntaxError, parseIntentText, tokenize } from '@milli/intent';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../examples';

function syntaxError(text: string): IntentSyntaxError {
  try {
    parseIntentText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(IntentSyntaxError);
    return error as IntentSyntaxError;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('tokenize', () => {
  it('splits on whitespace and commas and keeps each token offset', () => {
    expect(tokenize('connect  park P-17,to DC')).toEqual([
      { text: 'connect', lower: 'connect', at: 0 },
      { text: 'park', lower: 'park', at: 9 },
      { text: 'P-17', lower: 'p-17', at: 14 },
      { text: 'to', lower: 'to', at: 19 },
      { text: 'DC', lower: 'dc', at: 22 },
    ]);
  });

  it('refuses text longer than the limit before doing any work', () => {
    expect(() => tokenize('x'.repeat(2001))).toThrow(/2001 characters long; at most 2000/);
  });
});

describe('parseIntentText: every documented form', () => {
  for (const form of FORMS) {
    it(form.name, () => {
      expect(parseIntentText(form.text).document).toEqual(form.json);
    });
  }

  it('records the offset of every field it read', () => {
    const { locations } = parseIntentText('connect park P-17 to DC dc-north under 1ms with 100Mbps protected for manufacturing');
    expect(locations).toMatchObject({
      '/kind': 0,
      '/from/role': 8,
      '/from/site': 13,
      '/to/site': 24,
      '/maxLatency': 39,
      '/bandwidth': 48,
      '/protection': 56,
      '/industry': 70,
    });
  });

  it('takes keywords in any case and clauses in any order', () => {
    const a = parseIntentText('CONNECT Park P-17 TO dc dc-north FOR finance PROTECTED With 1Gbps').document;
    const b = parseIntentText('connect park P-17 to dc dc-north with 1Gbps protected for finance').document;
    expect(a).toEqual(b);
  });
});

describe('parseIntentText: errors name the position and the fix', () => {
  it('suggests the verb for a misspelt one', () => {
    const e = syntaxError('conect park P-17 to dc-north with 1Gbps');
    expect(e.message).toBe("unknown intent 'conect' at 0: did you mean 'connect'?");
    expect(e.code).toBe('INTENT_SYNTAX');
    expect(e.at).toBe(0);
  });

  it('suggests the clause keyword for a misspelt one', () => {
    const e = syntaxError('connect park P-17 to dc-north with 1Gbps protectd');
    expect(e.message).toBe("unexpected 'protectd' at 41 in a connect intent: did you mean 'protected'?");
  });

  it('names a missing unit', () => {
    expect(syntaxError('connect P-17 to dc-north with 100 under 1ms').message).toBe(
      "a bandwidth '100' at 30 has no unit: write e.g. '100Mbps'",
    );
  });

  it('asks an access line for its bandwidth, and says how to write an interconnect', () => {
    expect(syntaxError('connect P-17 to dc-north under 1ms').message).toMatch(
      /^an access line needs a bandwidth at 34: add e.g. 'with 100Mbps'/,
    );
  });

  it('never glues two numbers into one quantity', () => {
    expect(syntaxError('connect P-17 to dc-north with 1,5Gbps').message).toBe("a bandwidth '1' at 30 has no unit: write e.g. '100Mbps'");
    expect(syntaxError('connect P-17 to dc-north with 1 .5Gbps').message).toBe("a bandwidth '1' at 30 has no unit: write e.g. '100Mbps'");
  });

  it('asks for a date and a time written apart to be joined', () => {
    expect(syntaxError('move 1TB from dc-north to dc-south by 2026-12-01 06:00Z').message).toBe(
      "date '2026-12-01' at 38 and time '06:00Z' are apart: write them as one, e.g. '2026-12-01T06:00Z'",
    );
  });

  it('refuses a clause given twice', () => {
    expect(syntaxError('connect P-17 to dc-north with 1Gbps with 2Gbps').message).toBe("'with' given twice (at 25 and 36): keep one");
    expect(syntaxError('move 1TB from dc-north to dc-south by 20:00 between 01:00 and 02:00').message).toBe(
      'end given twice (at 38 and 62): keep one',
    );
  });

  it('suggests an industry and a tier', () => {
    expect(syntaxError('connect P-17 to dc-north with 1Gbps for manufactring').message).toBe(
      "unknown industry 'manufactring' at 40: did you mean 'manufacturing'?",
    );
    expect(syntaxError('connect P-17 to dc-north with 1Gbps tier 6A').message).toMatch(
      /^unknown SLA tier '6A' at 41: tiers are 2A, 3A, 4A, 5A/,
    );
  });

  it('refuses a keyword where an id belongs', () => {
    expect(syntaxError('connect park to dc-north with 1Gbps').message).toBe(
      "expected a site id after 'park' at 13, found the keyword 'to': add the id, e.g. 'dc-north'",
    );
  });

  it('refuses a token that is not an id', () => {
    expect(syntaxError('release line L/42').message).toMatch(/^'L\/42' at 13 is not a valid a line id/);
  });

  it('says where the text ended early', () => {
    expect(syntaxError('move 5TB from dc-north to').message).toBe(
      "expected a site id after 'to' at 25, found the end of the text: add e.g. 'dc-north'",
    );
    expect(syntaxError('').message).toMatch(/^intent text is empty/);
  });

  it('keeps DC interconnects and access lines apart', () => {
    expect(syntaxError('connect dc dc-north to dc-south with 10Gbps').message).toBe(
      "unexpected bandwidth at 37: a DC interconnect runs at a line rate: write 'at 100G' or 'at 400G'",
    );
    expect(syntaxError('connect park P-17 to dc-north at 400G').message).toMatch(/^a park cannot have a DC interconnect/);
  });

  it('wants "by" after "protected" to name srlg, link or node', () => {
    expect(syntaxError('connect P-17 to dc-north with 1Gbps protected by srgl').message).toBe(
      "expected 'srlg' or 'link' or 'node' after 'protected by' at 49, found 'srgl', did you mean 'srlg'?",
    );
  });
});
