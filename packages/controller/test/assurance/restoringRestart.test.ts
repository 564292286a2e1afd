import { describe, expect, it } from 'vitest';
import type { InstallOutcome, RecoveryOutcome, TransactionContext } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, cutWhileDying, type DiedMidMove } from '../support/controllerHarness';

// A controller that dies while it moves a line (its restore transaction journaled, the devices not yet confirmed),
// and the next one on the same SQLite file. Recovery undoes the transaction: the line is degraded again with the
// reason, where the next change of its alarms restores it. Recovery finishes it: the line is active on its new path,
// with the new reservation booked and stored. Either way it does not stay `restoring`.
const fixture = controllerFixture();

/** An installer whose move never ends after journaling its change sets and plan: the process dies there. */
class DyingInstaller extends FakeInstaller {
  private markBegun!: () => void;
  readonly begun = new Promise<void>((resolve) => {
    this.markBegun = resolve;
  });

  override async replace(
    request: { line: string; installed: unknown; reserved: unknown },
    tx: TransactionContext,
  ): Promise<InstallOutcome> {
    // What the line will hold once the move is done, as the multi-layer installer journals it.
    const plan = { line: request.line, reserved: request.reserved, items: [], devices: [] };
    await tx.begin([{ device: 'dc-north-roadm', datastore: 'candidate', edits: [], inverse: [] }], plan);
    this.markBegun();
    return new Promise<InstallOutcome>(() => {});
  }
}

/** What recovery finds on the devices: the move confirmed everywhere. */
class FinishingInstaller extends FakeInstaller {
  override async recover(): Promise<RecoveryOutcome> {
    return { direction: 'finished', repaired: [], consistent: true, devices: ['dc-north-roadm'] };
  }
}

/** A DC interconnect active, then cut under its working path while the installer dies mid-move. */
async function dieWhileRestoring(): Promise<DiedMidMove> {
  const dying = new DyingInstaller();
  const died = await cutWhileDying(fixture, dying, dying.begun);
  expect((await died.opened.store.openTransactions()).map((t) => t.purpose)).toEqual(['restore']);
  return died;
}

describe('a restart during a restoration', () => {
  it('undone: the line is degraded again with the reason', async () => {
    const { id, opened, clock } = await dieWhileRestoring();
    const second = await fixture.started(new FakeInstaller(), clock, true);
    const record = (await second.get(id))!;
    expect(record.state).toBe('degraded');
    expect(record.error).toMatchObject({ kind: 'transaction', phase: 'recovery' });
    expect(record.history.at(-1)).toMatchObject({ from: 'restoring', to: 'degraded' });
    expect(await opened.reopen().openTransactions()).toEqual([]);
  });

  it('finished: the line is active on its new path, its new reservation booked and stored in place of the old', async () => {
    const { id, line, fibre, opened, clock } = await dieWhileRestoring();
    const second = await fixture.started(new FinishingInstaller(), clock, true);
    const record = (await second.get(id))!;
    expect(record.state).toBe('active');
    expect(record.history.at(-1)).toMatchObject({ from: 'restoring', to: 'active' });
    expect(record.path!.working.fibres).not.toContain(fibre);
    const store = opened.reopen();
    expect(await store.openTransactions()).toEqual([]);
    const rows = (await store.reservations()).filter((r) => r.owner === line);
    expect(rows).toHaveLength(1);
    // The stored reservation is the new path's: its channels are on the new path's spans.
    const channels = rows[0]!.items.flatMap((i) => (i.kind === 'channel' ? [i.fibre] : []));
    expect(channels.length).toBeGreaterThan(0);
    expect(channels).not.toContain(fibre);
    for (const f of channels) expect(record.path!.working.fibres).toContain(f);
  });
});
