import { computeIndicators, type Indicator, type IndicatorReport, parseLiveRecords } from '@milli/indicators';
import { describe, expect, it } from 'vitest';
import { dcWithTwoAccessPoints } from './support/handBuilt';
import { sampleRecords } from './support/liveRecords';

const topology = dcWithTwoAccessPoints();

const byId = (r: IndicatorReport, id: Indicator['id']) => r.indicators.find((i) => i.id === id)!;
type Row = Record<string, unknown>;

describe('indicators from the live controller records', () => {
  const report = computeIndicators({ topology, live: sampleRecords() });

  it('task-based scheduling: counts the data-express tasks that were scheduled and then ran', () => {
    const i = byId(report, 'dc-interconnect-technique');
    expect(i.value).toBe(1);
    expect(i.pass).toBe(true);
    expect(i.evidence.ran).toEqual([{ intent: 'I-4', line: 'L-4', state: 'active', scheduledAt: 2, startedAt: 60 }]);
  });

  it('all-optical access: counts OSU lines in service, not deleted ones', () => {
    const i = byId(report, 'all-optical-access');
    expect(i.value).toBe(1);
    expect((i.evidence.lines as Row[]).map((l) => l.line)).toEqual(['L-1']);
  });

  it('SLA tier: a 4A line whose path meets the tier counts; a 5A line written as text that does not is a problem', () => {
    const i = byId(report, 'sla-tier-4a');
    expect(i.value).toBe(1);
    expect(i.pass).toBe(true);
    expect(i.evidence.qualifying).toEqual([
      { line: 'L-1', kind: 'access-line', tier: '4A', industry: 'manufacturing', latencyUs: 129, protected: true },
    ]);
    expect(i.evidence.byKind).toEqual({ 'access-line': 2, 'data-express': 1 });
    expect(i.evidence.byTier).toEqual({ '4A': 1, '5A': 1, unspecified: 1 });
    expect(i.evidence.byIndustry).toEqual({ manufacturing: 1, unspecified: 1, finance: 1 });
    expect(i.problems.join('\n')).toMatch(/line L-2 \(tier 5A\): latency 8500 µs over the tier's 1000 µs; no protection path/);
  });

  it('terminal to DC: path latency plus the access budget, per line with a DC end, judged against 10 ms', () => {
    const i = byId(report, 'terminal-to-dc-latency');
    const rows = i.evidence.lines as Row[];
    expect(rows.map((r) => [r.line, r.totalUs, r.pass])).toEqual([
      ['L-1', 2129, true],
      ['L-2', 10_500, false],
      ['L-4', 2300, true],
    ]);
    expect(i.value).toBe(10_500);
    expect(i.pass).toBe(false);
    const tighter = byId(
      computeIndicators({ topology, live: sampleRecords(), options: { accessBudgetUs: 1000 } }),
      'terminal-to-dc-latency',
    );
    expect(tighter.value).toBe(9500);
    expect(tighter.pass).toBe(true);
  });

  it('service packages: industries of elastic and data-express services that ran', () => {
    const i = byId(report, 'service-packages');
    expect(i.evidence.industries).toEqual(['education', 'finance', 'manufacturing', 'medical']);
    expect(i.value).toBe(4);
    expect(i.pass).toBe(true);
    expect(i.evidence.withoutIndustry).toEqual(['I-6']);
    const fewer = sampleRecords();
    fewer.intents = fewer.intents.filter((x) => x.id !== 'I-7');
    const three = byId(computeIndicators({ topology, live: fewer }), 'service-packages');
    expect(three.value).toBe(3);
    expect(three.pass).toBe(false);
  });

  it('rejects records of the wrong shape, naming each bad field', () => {
    expect(() => parseLiveRecords([{ id: 'L-1', state: 'active', from: 'a', to: 'b', intents: [] }], [{ id: 'I-1' }])).toThrow(
      /lines\[0\]\.bandwidthKbps: expected a number[\s\S]*intents\[0\]\.kind: expected a string[\s\S]*intents\[0\]\.history/,
    );
    expect(() => parseLiveRecords({}, [])).toThrow(/lines: expected a list/);
  });
});
