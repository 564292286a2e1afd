import { describe, expect, it } from 'vitest';
import type { AlarmChange, AlarmRecord } from '../../src/assurance/AlarmRecord';
import { alarmChangeJson, alarmJson } from '../../src/assurance/alarmJson';

const alarm = (id: string, lines: string[], extra: Partial<AlarmRecord> = {}): AlarmRecord => ({
  key: `R1/${id}@1000`,
  device: 'R1',
  id,
  resource: 'deg-1',
  type: 'loss-of-signal',
  severity: 'critical',
  text: 'loss of "signal"\non deg-1',
  probableCause: 'fibre F-1 cut',
  root: { kind: 'fibre', id: 'F-1' },
  lines,
  raisedAt: 1000,
  ...extra,
});

// The store's rows and the event stream write alarms with alarmJson; whatever it writes must read back as the record.
describe('alarmJson', () => {
  it('reads back as the record, for a shared (frozen) list, a list of its own and an empty one', () => {
    const shared = Object.freeze(['L-1', 'L-10', 'L-2']) as string[];
    const records = [
      alarm('los-a', shared),
      alarm('los-b', shared, { clearedAt: 2000 }),
      alarm('los-c', ['L-3']),
      alarm('los-d', [], { probableCause: undefined }),
    ];
    for (const record of records) {
      const read = JSON.parse(alarmJson(record)) as AlarmRecord;
      expect(read).toEqual(JSON.parse(JSON.stringify(record)));
    }
  });

  it('a list changed after it was written is written as it is now unless frozen', () => {
    const own = ['L-1'];
    expect(JSON.parse(alarmJson(alarm('los-a', own))).lines).toEqual(['L-1']);
    own.push('L-2');
    expect(JSON.parse(alarmJson(alarm('los-a', own))).lines).toEqual(['L-1', 'L-2']);
  });

  it('an alarm change reads back as the change', () => {
    const change: AlarmChange = { kind: 'cleared', alarm: alarm('los-a', Object.freeze(['L-1']) as string[], { clearedAt: 3000 }) };
    expect(JSON.parse(alarmChangeJson(change))).toEqual(change);
    expect(alarmChangeJson(change)).toBe(alarmChangeJson(change));
  });
});
