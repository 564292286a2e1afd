import { type ManualClock, systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import {
  AlarmBook,
  composeController,
  type Controller,
  followLineFaults,
  type InstallOutcome,
  MemoryAlarmStore,
  type TransactionContext,
} from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, cutWhileDying, type DiedMidMove, metroSmall, reach } from '../support/controllerHarness';
import type { TestStore } from '../support/stores';

// A controller that dies while restoring a line before the move's transaction began (computed and reserved in
// memory, nothing journaled), and the next one on the same SQLite file: the line must not stay `restoring`. It is
// judged again against the alarms standing when the next one starts: still cut, restored around the fibre; the fibre
// back, active again on its path; no alarm source, degraded with the interruption as its reason.
const fixture = controllerFixture();

/** An installer whose move never starts its transaction: the process dies before anything is journaled. */
class DyingBeforeJournal extends FakeInstaller {
  private markCalled!: () => void;
  readonly called = new Promise<void>((resolve) => {
    this.markCalled = resolve;
  });

  override async replace(_request: unknown, _tx: TransactionContext): Promise<InstallOutcome> {
    this.markCalled();
    return new Promise<InstallOutcome>(() => {});
  }
}

async function dieBeforeTheMove(): Promise<DiedMidMove> {
  const dying = new DyingBeforeJournal();
  const died = await cutWhileDying(fixture, dying, dying.called);
  expect((await died.opened.store.intent(died.id))!.state).toBe('restoring');
  expect(await died.opened.store.openTransactions()).toEqual([]);
  return died;
}

/** The next process: an alarm book over the same network holding `fibres` cut (both ends), followed before start. */
async function restart(opened: TestStore, clock: ManualClock, installer: FakeInstaller, cut: string[] | undefined): Promise<Controller> {
  const store = opened.reopen();
  const controller = fixture.track(composeController({ store, topology: await metroSmall(), installer, clock }));
  if (cut) {
    const book = new AlarmBook({
      store: new MemoryAlarmStore(),
      index: new TopologyIndex(await metroSmall()),
      lines: () => store.lines(),
      clock: systemClock,
    });
    for (const [n, fibre] of cut.entries()) {
      await book.handle({
        type: 'alarm-raised',
        device: 'dc-north-roadm',
        standing: true,
        alarm: {
          id: `los-${n}`,
          resource: 'deg',
          type: 'loss-of-signal',
          severity: 'critical',
          text: 'los',
          raisedAt: new Date().toISOString(),
          probableCause: `fibre ${fibre} cut`,
        },
      });
    }
    followLineFaults(book, controller);
  }
  await controller.start();
  return controller;
}

describe('a restart while restoring, before the move was journaled', () => {
  it('the fibre still cut: the line is degraded with the interruption, then restored around the fibre', async () => {
    const { id, line, fibre, opened, clock } = await dieBeforeTheMove();
    const installer = new FakeInstaller();
    const second = await restart(opened, clock, installer, [fibre]);
    expect(await reach(second, id, ['active'])).toBe('active');
    await second.idle();
    const record = (await second.get(id))!;
    const after = record.history.slice(record.history.findIndex((t) => t.from === 'restoring'));
    expect(after.map((t) => `${t.from}→${t.to}`)).toEqual(['restoring→degraded', 'degraded→restoring', 'restoring→active']);
    expect(after[0]!.reason).toMatch(/cut short by a restart/);
    expect(record.path!.working.fibres).not.toContain(fibre);
    expect(record.error).toBeUndefined();
    expect(installer.replaces).toEqual([line]);
    // The store holds the new path's reservation only: its channels avoid the cut fibre.
    const rows = (await opened.reopen().reservations()).filter((r) => r.owner === line);
    expect(rows).toHaveLength(1);
    const channels = rows[0]!.items.flatMap((i) => (i.kind === 'channel' ? [i.fibre] : []));
    expect(channels.length).toBeGreaterThan(0);
    expect(channels).not.toContain(fibre);
  });

  it('the fibre back while no process ran: the line is active again on its former path, nothing moved', async () => {
    const { id, fibre, opened, clock } = await dieBeforeTheMove();
    const installer = new FakeInstaller();
    const second = await restart(opened, clock, installer, []);
    expect(await reach(second, id, ['active'])).toBe('active');
    const record = (await second.get(id))!;
    expect(record.history.slice(-2).map((t) => `${t.from}→${t.to}`)).toEqual(['restoring→degraded', 'degraded→active']);
    expect(record.path!.working.fibres).toContain(fibre);
    expect(installer.replaces).toEqual([]);
  });

  it('no alarm source: degraded with the interruption as its reason, waiting for its alarms', async () => {
    const { id, opened, clock } = await dieBeforeTheMove();
    const second = await restart(opened, clock, new FakeInstaller(), undefined);
    await second.idle();
    const record = (await second.get(id))!;
    expect(record.state).toBe('degraded');
    expect(record.error).toMatchObject({ kind: 'internal', code: 'CONTROLLER_MOVE_INTERRUPTED' });
  });
});
