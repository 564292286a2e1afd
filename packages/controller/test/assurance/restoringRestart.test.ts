import { ManualClock } from '@milli/core';
import { describe, expect, it } from 'vitest';
import type { InstallOutcome, TransactionContext } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach, startController } from '../support/controllerHarness';

// A controller that dies while it moves a line (its restore transaction journaled, the devices not yet confirmed),
// and the next one on the same SQLite file: recovery undoes the transaction, and the line is degraded again with the
// reason, where the next change of its alarms restores it, instead of staying `restoring` for ever.
const fixture = controllerFixture();

/** An installer whose move never ends after journaling its change sets: the process dies there. */
class DyingInstaller extends FakeInstaller {
  private markBegun!: () => void;
  readonly begun = new Promise<void>((resolve) => {
    this.markBegun = resolve;
  });

  override async replace(
    _request: { line: string; installed: unknown; reserved: unknown },
    tx: TransactionContext,
  ): Promise<InstallOutcome> {
    await tx.begin([{ device: 'dc-north-roadm', datastore: 'candidate', edits: [], inverse: [] }], undefined);
    this.markBegun();
    return new Promise<InstallOutcome>(() => {});
  }
}

describe('a restart during a restoration', () => {
  it('undoes the open restore transaction and leaves the line degraded with the reason', async () => {
    const opened = fixture.open('sqlite');
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const dying = new DyingInstaller();
    // Not tracked by the fixture: its work never ends, as a dead process's would not.
    const first = await startController(opened.store, dying, clock);
    const { id, line } = await first.submit('connect dc-north to dc-south under 1 ms at 100G');
    expect(await reach(first, id, ['active', 'failed'])).toBe('active');
    const fibre = (await opened.store.line(line!))!.path!.working.fibres[0]!;
    void first.lineFaults(line!, [`fibre ${fibre}`]);
    await dying.begun;
    expect((await opened.store.openTransactions()).map((t) => t.purpose)).toEqual(['restore']);

    const second = await fixture.started(new FakeInstaller(), clock, true);
    const record = (await second.get(id))!;
    expect(record.state).toBe('degraded');
    expect(record.error).toMatchObject({ kind: 'transaction', phase: 'recovery' });
    expect(record.history.at(-1)).toMatchObject({ from: 'restoring', to: 'degraded' });
    expect(await opened.reopen().openTransactions()).toEqual([]);
  });
});
