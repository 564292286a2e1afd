import { systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmBook, type Controller, followLineFaults, MemoryAlarmStore } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { metroSmall, reach, startController } from '../support/controllerHarness';
import { openTestStore, type TestStore } from '../support/stores';

// A 400G DC interconnect made active on an in-memory network, then alarms on a fibre of its working path fed to the
// alarm book by hand: the line goes degraded with the fault, and active again when the last alarm on it clears. The
// line is 1+1 and its working leg leaves dc-north by one of the ROADM's two degrees: no new leg disjoint from the
// surviving one exists, so it stays degraded with the reason (test/controller/reprotectLab.test.ts re-protects one).
let opened: TestStore | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  if (controller?.ready) await controller.stop();
  await opened?.dispose();
});

const raised = (device: string, id: string, resource: string, probableCause?: string) => ({
  type: 'alarm-raised' as const,
  device,
  standing: false,
  alarm: {
    id,
    resource,
    type: 'loss-of-signal',
    severity: 'critical',
    text: 'los',
    raisedAt: new Date().toISOString(),
    ...(probableCause ? { probableCause } : {}),
  },
});

describe('alarms drive a line degraded and back', () => {
  it('degraded on the first alarm on its path, active when the last one clears; alarms elsewhere leave it alone', async () => {
    opened = openTestStore('memory');
    controller = await startController(opened.store, new FakeInstaller());
    const { id, line } = await controller.submit('connect dc-north to dc-south under 1 ms at 400G protected');
    expect(await reach(controller, id, ['active', 'failed'])).toBe('active');
    const path = (await controller.line(line!))!;
    const fibre = (await opened.store.line(line!))!.path!.working.fibres[0]!;
    expect(path.state).toBe('active');

    const store = opened.store;
    const book = new AlarmBook({
      store: new MemoryAlarmStore(),
      index: new TopologyIndex(await metroSmall()),
      lines: () => store.lines(),
      clock: systemClock,
    });
    const following = followLineFaults(book, controller);
    const stateOf = async () => (await controller!.get(id))!.state;
    /** Bounded (10 s): until the intent's history holds `count` transitions to `to`, then its state. */
    const settleAfter = async (to: string, count: number) => {
      const seen = async () => (await controller!.get(id))!.history.filter((t) => t.to === to).length;
      for (let i = 0; i < 1000 && (await seen()) < count; i++) await new Promise((r) => setTimeout(r, 10));
      await controller!.idle();
      return stateOf();
    };

    await book.handle(raised('AP-1-otn', 'eq', 'card-1'));
    await controller.idle();
    expect(await stateOf()).toBe('active');

    await book.handle(raised('X-1', 'los-a', 'deg-1', `fibre ${fibre} cut`));
    await book.handle(raised('X-2', 'los-b', 'deg-2', `fibre ${fibre} cut`));
    // The working leg is cut; the only other way out of dc-north is the protection leg, so no new leg can be found.
    expect(await settleAfter('degraded', 2)).toBe('degraded');
    const history = (await controller.get(id))!.history;
    expect(history.find((t) => t.to === 'degraded')).toMatchObject({ from: 'active', reason: `fault on the path: fibre ${fibre}` });
    expect(history.find((t) => t.to === 'restoring')).toMatchObject({
      reason: expect.stringContaining('working cut, protection carries traffic'),
    });
    expect(history.at(-1)).toMatchObject({ from: 'restoring', to: 'degraded', reason: expect.stringContaining('not re-protected') });
    expect((await controller.get(id))!.error).toMatchObject({ kind: 'no-path' });

    await book.handle({
      type: 'alarm-cleared',
      device: 'X-1',
      id: 'los-a',
      resource: 'deg-1',
      alarmType: 'loss-of-signal',
      at: new Date().toISOString(),
    });
    // One alarm still stands on the fibre, so the fibre is still failed: the line's answer cannot have changed and it
    // is not recomputed (under a cut of hundreds of lines such retries took the restoration turns the others needed).
    await new Promise((r) => setTimeout(r, 200));
    await controller.idle();
    const attempts = (await controller.get(id))!.history.filter((t) => t.to === 'restoring');
    expect(attempts).toHaveLength(1);
    expect(await stateOf()).toBe('degraded');
    // Told the same again while the fibre is still failed, the line is not even read: its answer is known.
    const reads = { n: 0 };
    const counted =
      <T extends unknown[], R>(read: (...args: T) => R) =>
      (...args: T) => {
        reads.n++;
        return read(...args);
      };
    const { line: readLine, lineOutline: readOutline } = store;
    store.line = counted(readLine.bind(store));
    store.lineOutline = counted(readOutline.bind(store));
    for (let n = 0; n < 3; n++) await controller.lineFaults(line!, [`fibre ${fibre}`]);
    store.line = readLine;
    store.lineOutline = readOutline;
    expect(reads.n).toBe(0);
    await book.handle({
      type: 'alarm-cleared',
      device: 'X-2',
      id: 'los-b',
      resource: 'deg-2',
      alarmType: 'loss-of-signal',
      at: new Date().toISOString(),
    });
    expect(await settleAfter('active', 2)).toBe('active');
    expect((await controller.get(id))!.history.at(-1)).toMatchObject({
      from: 'degraded',
      to: 'active',
      reason: 'every alarm on the path cleared',
    });
    following.unsubscribe();
    book.stop();
  });
});
