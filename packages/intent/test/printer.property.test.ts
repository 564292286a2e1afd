import { type IntentDocument, parseIntentText, printIntent } from '@milli/intent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMS } from './examples';

// Documents in the forms text can say: ids that are no keyword, quantities without inner spaces, lower-case words.
const site = fc.constantFrom('P-17', 'AP-1', 'dc-north', 'dc-south', 'X.9', 'n_1:2', 'Site7');
const time = fc.constantFrom('now', '20:00', '06:30', '2026-12-01T06:00Z', '23:59+08:00');
const clock = fc.constantFrom('00:00', '01:00', '08:30', '20:00', '23:59');
const date = fc.constantFrom('2027-01-15', '2027-06-30', '2026-12-31');
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Drops the keys whose value is undefined, as a parsed document has none. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const terms = {
  maxLatency: opt(fc.constantFrom('1ms', '850us', '2ms', '0.5ms')),
  protection: opt(fc.constantFrom('none', 'link', 'node', 'srlg')),
  tier: opt(fc.constantFrom('2A', '3A', '4A', '5A')),
} as const;
const industry = opt(fc.constantFrom('manufacturing', 'finance', 'transport', 'medical', 'education', 'media'));
const schedule = fc
  .record({
    on: opt(date),
    every: opt(fc.constantFrom('day', 'weekday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
    times: opt(fc.tuple(clock, clock)),
    until: opt(date),
    zone: opt(fc.constantFrom('Z', '+08:00', '-05:00')),
  })
  .map(({ times, ...rest }) => clean({ ...rest, ...(times ? { start: times[0], end: times[1] } : {}) }))
  .filter((s) => Object.keys(s).length > 0);

const accessLine = fc
  .record({
    from: fc.record({ site, role: opt(fc.constantFrom('park', 'access')) }),
    to: fc.record({ site, role: opt(fc.constantFrom('park', 'access', 'dc')) }),
    bandwidth: fc.constantFrom('100Mbps', '2.5Gbit/s', '1G', '10Gbps'),
    ...terms,
    industry,
    revertive: opt(fc.constant(true)),
    schedule: opt(schedule),
  })
  .map((d) => clean({ kind: 'access-line' as const, ...d, from: clean(d.from), to: clean(d.to) }));
const dcInterconnect = fc
  .record({
    from: fc.record({ site, role: opt(fc.constant('dc' as const)) }),
    to: fc.record({ site, role: opt(fc.constantFrom('dc', 'park')) }),
    rate: opt(fc.constantFrom('wavelength', '100G', '400G')),
    ...terms,
    revertive: opt(fc.constant(true)),
    schedule: opt(schedule),
  })
  .filter((d) => d.from.role === 'dc' || d.rate !== undefined)
  .map((d) => clean({ kind: 'dc-interconnect' as const, ...d, from: clean(d.from), to: clean(d.to) }));
const dataExpress = fc
  .record({
    volume: fc.constantFrom('50TB', '2TB', '800GB', '1PiB'),
    from: fc.record({ site, role: opt(fc.constantFrom('park', 'access', 'dc')) }),
    to: fc.record({ site, role: opt(fc.constantFrom('park', 'access', 'dc')) }),
    start: opt(time),
    end: opt(time),
    within: opt(fc.constantFrom('6h', '30min', '2d')),
    ...terms,
    industry,
  })
  .map((d) => clean({ kind: 'data-express' as const, ...d, from: clean(d.from), to: clean(d.to) }));
const elastic = fc
  .record({
    line: fc.constantFrom('L-42', 'L-7'),
    bandwidth: fc.constantFrom('1Gbps', '300Mbps'),
    start: opt(time),
    end: opt(time),
    within: opt(fc.constantFrom('2h', '45min')),
  })
  .map((d) => clean({ kind: 'elastic' as const, ...d }));
const release = fc.record({ line: fc.constantFrom('L-42', 'L-7'), at: opt(time) }).map((d) => clean({ kind: 'release' as const, ...d }));

const documentArb: fc.Arbitrary<IntentDocument> = fc.oneof(accessLine, dcInterconnect, dataExpress, elastic, release);

describe('document → text → document', () => {
  it.each(['en', 'zh'] as const)('every document the grammar can say reads back the same from %s text', (lang) => {
    fc.assert(
      fc.property(documentArb, (document) => {
        const text = printIntent(document, lang);
        expect(parseIntentText(text).document).toEqual(document);
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it('prints every documented form so that both languages read back to its JSON', () => {
    for (const form of FORMS) {
      expect(parseIntentText(printIntent(form.json, 'en')).document).toEqual(form.json);
      expect(parseIntentText(printIntent(form.json, 'zh')).document).toEqual(form.json);
    }
  });

  it('refuses a DC interconnect that text cannot say (no dc mark, no rate)', () => {
    expect(() => printIntent({ kind: 'dc-interconnect', from: { site: 'dc-north' }, to: { site: 'dc-south' } })).toThrow(
      /has a text form only/,
    );
  });
});
