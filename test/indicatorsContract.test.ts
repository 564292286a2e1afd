import type { IntentRecord, LineRecord } from '@milli/controller';
import { indicatorsReport, type LiveRecords } from '@milli/indicators';
import { describe, expect, it } from 'vitest';
import { dcWithTwoAccessPoints } from '../packages/indicators/test/support/handBuilt';

/**
 * The indicators package cannot import the controller, so it declares the record shapes it reads. This test is
 * where the two meet: the facade's records must be assignable to them (checked by `pnpm typecheck`), and the
 * report the API will serve must read them.
 */
describe("the indicators report reads the controller facade's records as they are", () => {
  const path = {
    layer: 'osu' as const,
    devices: ['AP-1-otn', 'dc-1-otn'],
    fibres: ['F1'],
    latencyUs: 129,
    breakdown: { fibres: [{ fibre: 'F1', us: 49 }], nodes: [] },
    resources: [],
  };
  const line: LineRecord = {
    id: 'L-1',
    state: 'active',
    bandwidthKbps: 100_000,
    from: 'AP-1',
    to: 'dc-1',
    intents: ['I-1'],
    path: { working: path, protection: path },
  };
  const intent: IntentRecord = {
    id: 'I-1',
    kind: 'access-line',
    line: 'L-1',
    state: 'active',
    input: 'connect access AP-1 to DC dc-1 with 100Mbps protected tier 4A for finance',
    explain: [],
    history: [{ seq: 1, intent: 'I-1', line: 'L-1', from: 'provisioning', to: 'active', reason: 'installed', at: 5 }],
    createdAt: 1,
    updatedAt: 5,
  };
  const live: LiveRecords = { lines: [line], intents: [intent] };

  it('computes the live indicators from them and answers in the format and language asked', () => {
    const { contentType, body, report } = indicatorsReport({ topology: dcWithTwoAccessPoints(), live }, { format: 'md', lang: 'en' });
    expect(contentType).toBe('text/markdown; charset=utf-8');
    expect(body).toContain('## 1. Overall situation');
    const tier = report.indicators.find((i) => i.id === 'sla-tier-4a');
    expect(tier).toMatchObject({ value: 1, pass: true, computed: true });
    expect(tier?.evidence.byIndustry).toEqual({ finance: 1 });
    expect(() => indicatorsReport({ topology: dcWithTwoAccessPoints() }, { format: 'xml' })).toThrow(/unknown report format 'xml'/);
  });
});
