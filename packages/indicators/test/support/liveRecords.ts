import type { LiveIntent, LiveLine, LivePath, LiveRecords } from '@milli/indicators';

/** Controller records shaped like GET /v1/lines and GET /v1/intents answers, for the live indicators. */
export function path(layer: LivePath['layer'], latencyUs: number, devices: string[] = []): LivePath {
  return { layer, devices, fibres: [], latencyUs };
}

export function line(id: string, fields: Partial<LiveLine> & Pick<LiveLine, 'from' | 'to' | 'intents'>): LiveLine {
  return { id, state: 'active', bandwidthKbps: 100_000, ...fields };
}

export function intent(id: string, kind: string, fields: Partial<LiveIntent> = {}): LiveIntent {
  return {
    id,
    kind,
    line: null,
    state: 'active',
    input: {},
    history: [
      { from: null, to: 'accepted', at: 1 },
      { from: 'provisioning', to: 'active', at: 2 },
    ],
    ...fields,
  };
}

/**
 * L-1: an OSU line at 4A, protected, 129 µs (manufacturing). L-2: tier 5A written as text, unprotected, 8.5 ms.
 * L-3: a deleted OSU line. L-4: a data-express line that was scheduled and ran (finance).
 * Elastic on L-1 (manufacturing through its line) and on L-2 (no industry); data-express for medical (active),
 * education (deleted after running) and transport (failed before running).
 */
export function sampleRecords(): LiveRecords {
  return {
    lines: [
      line('L-1', { from: 'AP-1', to: 'dc-1', intents: ['I-1', 'I-5'], path: { working: path('osu', 129), protection: path('osu', 300) } }),
      line('L-2', { from: 'AP-2', to: 'dc-1', intents: ['I-2', 'I-6'], path: { working: path('odu', 8500) } }),
      line('L-3', { from: 'AP-1', to: 'dc-1', state: 'deleted', intents: ['I-3'], path: { working: path('osu', 100) } }),
      line('L-4', { from: 'dc-1-otn', to: 'AP-1', bandwidthKbps: 10_000_000, intents: ['I-4'], path: { working: path('odu', 300) } }),
    ],
    intents: [
      intent('I-1', 'access-line', {
        line: 'L-1',
        checked: { kind: 'access-line', tier: '4A', industry: 'manufacturing', protection: 'srlg' },
      }),
      intent('I-2', 'access-line', { line: 'L-2', input: 'connect access AP-2 to DC dc-1 with 100Mbps tier 5A' }),
      intent('I-3', 'access-line', { line: 'L-3', state: 'deleted', checked: { kind: 'access-line', tier: '3A' } }),
      intent('I-4', 'data-express', {
        line: 'L-4',
        checked: { kind: 'data-express', industry: 'finance' },
        history: [
          { from: null, to: 'accepted', at: 1 },
          { from: 'reserved', to: 'scheduled', at: 2 },
          { from: 'scheduled', to: 'provisioning', at: 50 },
          { from: 'provisioning', to: 'active', at: 60 },
        ],
      }),
      intent('I-5', 'elastic', { line: 'L-1', checked: { kind: 'elastic', line: 'L-1' } }),
      intent('I-6', 'elastic', { line: 'L-2', checked: { kind: 'elastic', line: 'L-2' } }),
      intent('I-7', 'data-express', { line: 'L-7', checked: { kind: 'data-express', industry: 'medical' } }),
      intent('I-8', 'data-express', {
        line: 'L-8',
        state: 'deleted',
        input: { kind: 'data-express', industry: 'education' },
        history: [
          { from: null, to: 'accepted', at: 1 },
          { from: 'provisioning', to: 'active', at: 5 },
          { from: 'deleting', to: 'deleted', at: 9 },
        ],
      }),
      intent('I-9', 'data-express', {
        state: 'failed',
        checked: { kind: 'data-express', industry: 'transport' },
        history: [
          { from: null, to: 'accepted', at: 1 },
          { from: 'compiling', to: 'failed', at: 2 },
        ],
      }),
    ],
  };
}
