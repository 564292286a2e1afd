import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { correlateAlarm } from '../../src/index';
import { metroSmall } from '../support/controllerHarness';

const path = (fibres: string[], devices: string[]) => ({
  layer: 'osu' as const,
  devices,
  fibres,
  latencyUs: 1,
  breakdown: { fibres: [], nodes: [] },
  resources: [],
});
const lines = () => [
  { id: 'L-3', path: { working: path(['F-13', 'F-14'], ['A', 'B']) } },
  { id: 'L-1', path: { working: path(['F-40'], ['A']), protection: path(['F-13'], ['C']) } },
  { id: 'L-2', path: { working: path(['F-40'], ['B']) } },
  { id: 'L-4' },
];
const alarm = (probableCause?: string) => ({ resource: 'p-1', type: 'equipment', ...(probableCause ? { probableCause } : {}) });

describe('correlateAlarm', () => {
  it('maps an alarm to the lines crossing its fibre, device or port device, the same from a frozen (indexed) list', async () => {
    const index = new TopologyIndex(await metroSmall());
    const frozen = Object.freeze(lines());
    for (const list of [lines(), frozen, frozen]) {
      expect(correlateAlarm('X', alarm('fibre F-13 cut'), index, list)).toEqual({
        root: { kind: 'fibre', id: 'F-13' },
        lines: ['L-1', 'L-3'],
      });
      expect(correlateAlarm('X', alarm('device B down'), index, list)).toEqual({
        root: { kind: 'device', id: 'B' },
        lines: ['L-2', 'L-3'],
      });
      expect(correlateAlarm('A', alarm(), index, list)).toEqual({ root: { kind: 'port', id: 'A/p-1' }, lines: ['L-1', 'L-3'] });
      expect(correlateAlarm('A', alarm('fibre F-99 cut'), index, list).lines).toEqual([]);
    }
  });
});
