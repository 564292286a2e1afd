import { ManualClock } from '@milli/core';
import { describe, expect, it } from 'vitest';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach } from '../support/controllerHarness';
import { STORE_KINDS } from '../support/stores';

// A confirm that fails on some devices comes after others made the change permanent: the controller finishes the
// transaction at once (as recovery after a restart would) and closes its row, instead of leaving it to the next start.
const DCI = 'connect dc-north to dc-south under 1 ms at 400G';
const T0 = Date.parse('2026-12-01T00:00:00Z');
const fixture = controllerFixture();

describe.each(STORE_KINDS)('a transaction whose confirm failed, on the %s store', (kind) => {
  it('is finished on every device: the line goes active on it and the row is closed done', async () => {
    const { store } = fixture.open(kind);
    const installer = new FakeInstaller();
    installer.failNext = { phase: 'confirm', devices: ['dc-south-roadm'] };
    const c = await fixture.started(installer, new ManualClock(T0));
    const { id, line } = await c.submit(DCI);
    expect(await reach(c, id, ['active', 'failed'])).toBe('active');

    expect(installer.recovered).toHaveLength(1);
    const { id: transaction, direction } = installer.recovered[0]!;
    expect(direction).toBe('finished');
    expect(await store.transaction(transaction)).toMatchObject({ state: 'done', endedAt: T0, purpose: 'install', line });
    expect(await store.openTransactions()).toEqual([]);
    // The line holds what the transaction put on the network, as if the confirm had gone through.
    expect(installer.heldKeys().length).toBeGreaterThan(0);
    expect((await c.line(line!))?.state).toBe('active');
  });

  it('that cannot be finished everywhere fails the intent naming the confirm, and the row is closed failed', async () => {
    const { store } = fixture.open(kind);
    const installer = new FakeInstaller();
    installer.failNext = { phase: 'confirm', devices: ['dc-south-roadm'] };
    installer.recoverySettles = false;
    const c = await fixture.started(installer, new ManualClock(T0));
    const { id } = await c.submit(DCI);
    expect(await reach(c, id, ['active', 'failed'])).toBe('failed');

    const { id: transaction } = installer.recovered[0]!;
    expect(await store.transaction(transaction)).toMatchObject({ state: 'failed', endedAt: T0 });
    expect(await store.openTransactions()).toEqual([]);
    expect((await c.get(id))?.error).toMatchObject({ kind: 'transaction', phase: 'confirm', devices: ['dc-south-roadm'] });
    expect((await c.get(id))?.error?.message).toMatch(/left devices unsettled/);
  });

  it('a failure before confirm is not finished: rolled back, the row closed failed, nothing recovered', async () => {
    const { store } = fixture.open(kind);
    const installer = new FakeInstaller();
    installer.failNext = { phase: 'commit', devices: ['dc-south-roadm'] };
    const c = await fixture.started(installer, new ManualClock(T0));
    const { id } = await c.submit(DCI);
    expect(await reach(c, id, ['active', 'failed'])).toBe('failed');
    expect(installer.recovered).toEqual([]);
    expect(await store.openTransactions()).toEqual([]);
  });
});
