import { systemClock } from '@milli/core';
import type { DeviceEvent } from '@milli/drivers';
import { TopologyIndex } from '@milli/topology';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type AlarmChange, type AlarmRecord, AlarmBook, MemoryAlarmStore } from '../../src/index';
import { metroSmall } from '../support/controllerHarness';

// A cut raises over a thousand alarms at once: the book issues each write as soon as the one before was issued, so
// they share commits, and announces each once committed, in the order the devices sent them.
const raised = (device: string, id: string): DeviceEvent => ({
  type: 'alarm-raised',
  device,
  standing: false,
  alarm: { id, resource: 'deg-1', type: 'loss-of-signal', severity: 'critical', text: 'los', raisedAt: new Date().toISOString() },
});

/** A store whose commits settle only when the test says so, as a real one settles them a turn or a sync later. */
class HeldCommits extends MemoryAlarmStore {
  readonly issued: string[] = [];
  private readonly held: (() => void)[] = [];

  override async raise(alarm: AlarmRecord): Promise<AlarmRecord> {
    this.issued.push(alarm.id);
    const kept = await super.raise(alarm);
    await new Promise<void>((resolve) => this.held.push(resolve));
    return kept;
  }

  commit(index: number): void {
    this.held[index]!();
  }
}

describe('the alarm book under a burst of alarms', () => {
  it('issues every write before the first commits, and announces them in order once each is committed', async () => {
    const store = new HeldCommits();
    const book = new AlarmBook({ store, index: new TopologyIndex(await metroSmall()), lines: async () => [], clock: systemClock });
    const announced: string[] = [];
    book.changes.subscribe((c: AlarmChange) => announced.push(c.alarm.id));
    const events = new Subject<DeviceEvent>();
    book.follow(events);
    for (const id of ['los-1', 'los-2', 'los-3']) events.next(raised('X-1', id));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.issued).toEqual(['los-1', 'los-2', 'los-3']);
    expect(announced).toEqual([]);
    store.commit(2);
    store.commit(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(announced).toEqual([]); // the first is not committed yet: nothing after it is announced
    store.commit(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(announced).toEqual(['los-1', 'los-2', 'los-3']);
    expect(
      (await book.standing())
        .all()
        .map((a) => a.id)
        .sort(),
    ).toEqual(['los-1', 'los-2', 'los-3']);
    book.stop();
  });
});
