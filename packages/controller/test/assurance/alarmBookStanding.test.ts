import { systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { AlarmBook, MemoryAlarmStore } from '../../src/index';
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
    const ids = async () => (await book.standing()).map((a) => `${a.device}/${a.id}`).sort();
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
});
