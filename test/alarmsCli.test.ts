import { AlarmBook, MemoryAlarmStore } from '@milli/controller';
import { systemClock } from '@milli/core';
import { loadTopology, TopologyIndex } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMilli } from './support/runMilli';
import { OPERATOR_TOKEN, startTestApi, type TestApi, TOPOLOGY_FILE } from '../packages/api/test/support/startTestApi';

// `milli alarms` in this process against real servers: one keeping alarms (an AlarmBook fed by hand), one without.
let withAlarms: TestApi;
let without: TestApi;
let book: AlarmBook;
beforeAll(async () => {
  const index = new TopologyIndex(await loadTopology(TOPOLOGY_FILE));
  book = new AlarmBook({ store: new MemoryAlarmStore(), index, lines: async () => [], clock: systemClock });
  withAlarms = await startTestApi({ alarms: book });
  without = await startTestApi();
  process.env.MILLI_TEST_OPERATOR = OPERATOR_TOKEN;
});
afterAll(async () => {
  book.stop();
  await withAlarms.close();
  await without.close();
});

async function milli(api: TestApi, ...args: string[]): Promise<{ out: string; err: string; code: number }> {
  return runMilli(api.url, ...args);
}

describe('milli alarms', () => {
  it('lists the alarms with their root cause, active and cleared, in human form and as JSON', async () => {
    const alarm = {
      id: 'los-deg-5',
      resource: 'deg-5',
      type: 'loss-of-signal',
      severity: 'critical',
      text: 'los',
      raisedAt: '2026-12-06T10:00:00Z',
    };
    await book.handle({ type: 'alarm-raised', device: 'AGG-3-roadm', alarm, standing: false });
    await book.handle({
      type: 'alarm-raised',
      device: 'AP-1-otn',
      alarm: { ...alarm, id: 'eq', resource: 'card-1', type: 'equipment-failure' },
      standing: false,
    });
    await book.handle({
      type: 'alarm-cleared',
      device: 'AP-1-otn',
      id: 'eq',
      resource: 'card-1',
      alarmType: 'equipment-failure',
      at: '2026-12-06T10:01:00Z',
    });

    const active = await milli(withAlarms, 'alarms', '--active');
    expect(active.code).toBe(0);
    expect(active.out.trim().split('\n')).toEqual([
      '2026-12-06T10:00:00.000Z ACTIVE  AGG-3-roadm loss-of-signal on deg-5 (critical) root fibre F-15',
    ]);
    const all = await milli(withAlarms, 'alarms', '--device', 'AP-1-otn', '--json');
    expect(JSON.parse(all.out)).toMatchObject({ device: 'AP-1-otn', id: 'eq', clearedAt: Date.parse('2026-12-06T10:01:00Z') });
  });

  it('says so, with the code, when the server keeps no alarms', async () => {
    const { err, code } = await milli(without, 'alarms');
    expect(code).not.toBe(0);
    expect(err).toMatch(/API_NO_ALARMS/);
  });
});
