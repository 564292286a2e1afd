import { systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { AlarmBook, MemoryAlarmStore } from '../../src/index';
import type { AlarmRecord } from '../../src/assurance/AlarmRecord';
import { StandingAlarms } from '../../src/assurance/StandingAlarms';
import { metroSmall } from '../support/controllerHarness';

// The line faults read the standing alarms after every burst of changes: the book keeps them in memory once read,
// from its own raises and clears, and must answer as the store would.
const raised = (device: string, id: string) => ({
  type: 'alarm-raised' as const,
  device,
  standing: false,
  alarm: { id, resource: 'deg-1', type: 'loss-of-signal', severity: 'critical', text: 'los', raisedAt: new Date().toISOString() },
});
const cleared = (device: string, id: string) => ({
  type: 'alarm-cleared' as const,
  device,
  id,
  resource: 'deg-1',
  alarmType: 'loss-of-signal',
  at: new Date().toISOString(),
});

describe('the alarm book’s standing alarms', () => {
  it('what the store held before, then every raise and clear after, as the store answers', async () => {
    const store = new MemoryAlarmStore();
    const options = { index: new TopologyIndex(await metroSmall()), lines: async () => [], clock: systemClock };
    // A previous process left two alarms standing and one cleared.
    const before = new AlarmBook({ store, ...options });
    await before.handle(raised('X-1', 'los-1'));
    await before.handle(raised('X-2', 'los-2'));
    await before.handle(raised('X-3', 'los-3'));
    await before.handle(cleared('X-3', 'los-3'));

    const book = new AlarmBook({ store, ...options });
    const ids = async () =>
      (await book.standing())
        .all()
        .map((a) => `${a.device}/${a.id}`)
        .sort();
    const fromStore = async () => (await store.alarms({ active: true })).map((a) => `${a.device}/${a.id}`).sort();
    expect(await ids()).toEqual(['X-1/los-1', 'X-2/los-2']);

    await book.handle(raised('X-4', 'los-4'));
    await book.handle(raised('X-1', 'los-1')); // already standing: kept as it was, not twice
    await book.handle(cleared('X-2', 'los-2'));
    await book.handle(cleared('X-9', 'los-9')); // never raised: nothing to clear
    expect(await ids()).toEqual(['X-1/los-1', 'X-4/los-4']);
    expect(await ids()).toEqual(await fromStore());

    // X-1 back with nothing standing: los-1 cleared while nobody listened.
    await book.handle({ type: 'connected', device: 'X-1', at: new Date().toISOString(), standing: [] });
    expect(await ids()).toEqual(['X-4/los-4']);
    expect(await ids()).toEqual(await fromStore());
  });

  it('counts root causes per line: a cause stands on a line while any alarm naming both stands', async () => {
    const index = new TopologyIndex(await metroSmall());
    const [f1, f2] = index.topology.fibres.map((f) => f.id);
    const lines = [
      { id: 'L-1', from: 'P-1', to: 'dc-north', bandwidthKbps: 1, intents: ['I-1'], current: 'I-1', path: { working: route([f1!]) } },
      { id: 'L-2', from: 'P-1', to: 'dc-north', bandwidthKbps: 1, intents: ['I-2'], current: 'I-2', path: { working: route([f1!, f2!]) } },
    ];
    const book = new AlarmBook({ store: new MemoryAlarmStore(), index, lines: async () => lines, clock: systemClock });
    const cut = (device: string, id: string, fibre: string) => ({
      ...raised(device, id),
      alarm: { ...raised(device, id).alarm, probableCause: `fibre ${fibre} cut` },
    });
    await book.handle(cut('X-1', 'los-a', f1!));
    await book.handle(cut('X-2', 'los-b', f1!));
    await book.handle(cut('X-3', 'los-c', f2!));
    const standing = await book.standing();
    expect(standing.causesOn('L-1')).toEqual([`fibre ${f1}`]);
    expect(standing.causesOn('L-2')).toEqual([`fibre ${f1}`, `fibre ${f2}`].sort());
    expect(
      standing
        .rootCauses()
        .map((r) => r.id)
        .sort(),
    ).toEqual([f1, f2].sort());

    await book.handle(cleared('X-1', 'los-a'));
    expect(standing.causesOn('L-1')).toEqual([`fibre ${f1}`]); // los-b still names it
    await book.handle(cleared('X-2', 'los-b'));
    expect(standing.causesOn('L-1')).toEqual([]);
    expect(standing.causesOn('L-2')).toEqual([`fibre ${f2}`]);
    expect(standing.rootCauses().map((r) => r.id)).toEqual([f2]);
  });
});

describe('standing alarms counted per cause and line list', () => {
  const alarm = (id: string, fibre: string, lines: string[]): AlarmRecord => ({
    key: `R1/${id}@1`,
    device: 'R1',
    id,
    resource: 'deg-1',
    type: 'loss-of-signal',
    severity: 'critical',
    text: 'los',
    root: { kind: 'fibre', id: fibre },
    lines,
    raisedAt: 1,
  });

  it('a cause stands on a line while any alarm of that cause names it, whether the alarms share their list or not', () => {
    const onF1 = Object.freeze(['L-1', 'L-2']) as string[];
    // Two alarms sharing one list, one with a list of its own (lines moved meanwhile), one of another fibre.
    const standing = new StandingAlarms([alarm('a', 'F-1', onF1), alarm('b', 'F-1', onF1)]);
    standing.raised(alarm('c', 'F-1', ['L-2', 'L-3', 'L-3']));
    standing.raised(alarm('d', 'F-2', ['L-1']));
    standing.raised(alarm('a', 'F-1', onF1)); // raised twice: counted once
    expect(standing.causesOn('L-1')).toEqual(['fibre F-1', 'fibre F-2']);
    expect(standing.causesOn('L-3')).toEqual(['fibre F-1']);

    standing.cleared('R1/a@1');
    standing.cleared('R1/a@1'); // cleared twice: counted once
    expect(standing.causesOn('L-1')).toEqual(['fibre F-1', 'fibre F-2']); // b still names it
    standing.cleared('R1/b@1');
    expect(standing.causesOn('L-1')).toEqual(['fibre F-2']);
    expect(standing.causesOn('L-2')).toEqual(['fibre F-1']); // c names it
    standing.cleared('R1/c@1');
    expect(standing.causesOn('L-2')).toEqual([]);
    expect(standing.causesOn('L-3')).toEqual([]);
    expect(standing.failedFibres()).toEqual(['F-2']);
    expect([...standing.faults().byLine]).toEqual([['L-1', ['fibre F-2']]]);
  });
});

function route(fibres: string[]) {
  return { layer: 'osu' as const, devices: [], fibres, latencyUs: 1, breakdown: { fibres: [], nodes: [] }, resources: [] };
}
