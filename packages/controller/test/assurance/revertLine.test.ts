import { Writable } from 'node:stream';
import { createLogger, ManualClock, systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import type { ResourceLedger } from '@milli/pce';
import { AlarmBook, CONTROLLER_TYPES, type Controller, controllerContainer, followLineFaults, MemoryAlarmStore } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, metroSmall, reach } from '../support/controllerHarness';

// A revertive line cut and restored goes back to its original path in one `revert` transaction once the fibre is
// back; a line that does not ask stays where restoration put it; a revertive line whose original path was taken
// meanwhile stays too. Alarms are fed to a book by hand, as in lineFaults.test.ts.
const fixture = controllerFixture();

async function network(
  installer: FakeInstaller,
): Promise<{ c: Controller; book: AlarmBook; ledger: ResourceLedger; logs: Record<string, unknown>[]; clock: ManualClock }> {
  const { store } = fixture.open('memory');
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const container = controllerContainer({ store, topology: await metroSmall(), installer, clock, logger: createLogger({ destination }) });
  const c = fixture.track(container.get<Controller>(CONTROLLER_TYPES.Controller));
  const book = new AlarmBook({
    store: new MemoryAlarmStore(),
    index: new TopologyIndex(await metroSmall()),
    lines: () => store.lines(),
    clock: systemClock,
  });
  followLineFaults(book, c);
  await c.start();
  return { c, book, ledger: container.get<ResourceLedger>(CONTROLLER_TYPES.Ledger), logs, clock };
}

const at = () => new Date().toISOString();
const cut = (book: AlarmBook, fibre: string, id = 'los-1') =>
  book.handle({
    type: 'alarm-raised',
    device: 'dc-north-roadm',
    standing: false,
    alarm: {
      id,
      resource: 'deg',
      type: 'loss-of-signal',
      severity: 'critical',
      text: 'los',
      raisedAt: at(),
      probableCause: `fibre ${fibre} cut`,
    },
  });
const mend = (book: AlarmBook) =>
  book.handle({ type: 'alarm-cleared', device: 'dc-north-roadm', id: 'los-1', resource: 'deg', alarmType: 'loss-of-signal', at: at() });

/** Bounded (10 s): until `ok` holds for the intent's record. */
async function until(c: Controller, id: string, ok: (moves: string[]) => boolean): Promise<string[]> {
  let moves: string[] = [];
  for (let i = 0; i < 1000; i++) {
    moves = (await c.get(id))!.history.map((t) => `${t.from}→${t.to}`);
    if (ok(moves)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await c.idle();
  return (await c.get(id))!.history.map((t) => `${t.from}→${t.to}`);
}

const restoredTimes = (moves: string[]) => moves.filter((m) => m === 'restoring→active').length;

describe('revert on return', () => {
  it('a revertive line goes back to its original path when the fibre returns; a line that does not ask stays', async () => {
    const installer = new FakeInstaller();
    const { c, book, clock } = await network(installer);
    const reverting = await c.submit('connect dc-north to dc-south under 1 ms at 100G revertive');
    const staying = await c.submit('connect dc-north to dc-south under 1 ms at 100G');
    expect(await reach(c, reverting.id, ['active', 'failed'])).toBe('active');
    expect(await reach(c, staying.id, ['active', 'failed'])).toBe('active');
    const original = (await c.get(reverting.id))!.path!.working;
    const plainBefore = (await c.get(staying.id))!.path!.working;
    const fibre = original.fibres.find((f) => plainBefore.fibres.includes(f))!;
    expect(fibre, 'both lines cross one fibre').toBeDefined();

    await cut(book, fibre);
    await until(c, reverting.id, (m) => restoredTimes(m) === 1);
    await until(c, staying.id, (m) => restoredTimes(m) === 1);
    const restored = (await c.get(reverting.id))!;
    expect(restored.path!.working.fibres).not.toContain(fibre);
    const plainRestored = (await c.get(staying.id))!.path!.working;

    await mend(book);
    // Back, but not yet for the wait-to-restore (10 s by default): the line stays until the clock says so.
    await new Promise((r) => setTimeout(r, 100));
    await c.idle();
    expect(restoredTimes((await c.get(reverting.id))!.history.map((t) => `${t.from}→${t.to}`))).toBe(1);
    clock.advance(9_999);
    await c.idle();
    expect(installer.replaces.filter((l) => l === reverting.line)).toHaveLength(1);
    clock.advance(1);
    const moves = await until(c, reverting.id, (m) => restoredTimes(m) === 2);
    expect(moves.slice(-2)).toEqual(['active→restoring', 'restoring→active']);
    const back = (await c.get(reverting.id))!;
    expect(back.history.at(-2)!.reason).toBe(`reverting to its original path: ${fibre} back`);
    expect(back.history.at(-1)!.reason).toMatch(/^reverted by T-\d+ to its original path/);
    expect(back.path!.working.fibres).toEqual(original.fibres);
    expect(back.path!.working.resources).toEqual(original.resources);
    expect(installer.replaces.filter((l) => l === reverting.line)).toHaveLength(2);
    // The line that does not ask is where restoration put it, not moved again.
    const plain = (await c.get(staying.id))!;
    expect(plain.state).toBe('active');
    expect(plain.path!.working.fibres).toEqual(plainRestored.fibres);
    expect(installer.replaces.filter((l) => l === staying.line)).toHaveLength(1);
    expect(installer.doubleHeld).toEqual([]);
  });

  it('a fibre that fails again during the wait: the line does not move back', async () => {
    const installer = new FakeInstaller();
    const { c, book, clock } = await network(installer);
    const reverting = await c.submit('connect dc-north to dc-south under 1 ms at 100G revertive');
    expect(await reach(c, reverting.id, ['active', 'failed'])).toBe('active');
    const fibre = (await c.get(reverting.id))!.path!.working.fibres[0]!;
    await cut(book, fibre);
    await until(c, reverting.id, (m) => restoredTimes(m) === 1);
    await mend(book);
    await new Promise((r) => setTimeout(r, 100));
    await c.idle();
    clock.advance(5_000);
    // Half way through the wait the fibre fails again: when the wait ends, the path is not whole and the line stays.
    await cut(book, fibre, 'los-2');
    await new Promise((r) => setTimeout(r, 100));
    await c.idle();
    clock.advance(10_000);
    await c.idle();
    expect(installer.replaces.filter((l) => l === reverting.line)).toHaveLength(1);
    expect((await c.get(reverting.id))!.path!.working.fibres).not.toContain(fibre);
  });

  it('a revertive line whose original path another line took meanwhile stays where it is', async () => {
    const installer = new FakeInstaller();
    const { c, book, ledger, logs, clock } = await network(installer);
    const reverting = await c.submit('connect dc-north to dc-south under 1 ms at 100G revertive');
    expect(await reach(c, reverting.id, ['active', 'failed'])).toBe('active');
    const original = (await c.get(reverting.id))!.path!.working;
    await cut(book, original.fibres[0]!);
    await until(c, reverting.id, (m) => restoredTimes(m) === 1);
    const restored = (await c.get(reverting.id))!.path!.working;
    // Another holder takes the original's channel on a span the restored path does not use.
    const taken = original.resources.find((r) => r.kind === 'channel' && !restored.fibres.includes(r.link!))!;
    ledger.reserve('someone else', { start: 0, end: null }, [{ kind: 'channel', fibre: taken.link!, channel: Number(taken.value) }]);

    await mend(book);
    await new Promise((r) => setTimeout(r, 100));
    clock.advance(10_000);
    await c.idle();
    const after = (await c.get(reverting.id))!;
    expect(after.state).toBe('active');
    expect(after.path!.working.fibres).toEqual(restored.fibres);
    expect(after.history.some((t) => t.reason.startsWith('reverting'))).toBe(false);
    expect(logs).toContainEqual(
      expect.objectContaining({
        line: reverting.line,
        msg: 'revertive line stays on its restored path: its original path is not feasible',
      }),
    );
    expect(installer.doubleHeld).toEqual([]);
  });
});
