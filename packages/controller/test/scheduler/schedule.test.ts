import { describe, expect, it } from 'vitest';
import { ManualClock } from '@milli/core';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach } from '../support/controllerHarness';
import { STORE_KINDS } from '../support/stores';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;
const MOVE = 'move 2TB from dc-north to dc-south between 01:00Z and 05:00Z';

const fixture = controllerFixture();
const { started } = fixture;

describe.each(STORE_KINDS)('scheduling on the %s store', (kind) => {
  it('provisions a data-express task at its start and releases it at its end, across a restart mid-window', async () => {
    fixture.open(kind);
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const first = await started(installer, clock);
    const { id, line } = await first.submit(MOVE);
    expect(await reach(first, id, ['scheduled', 'failed'])).toBe('scheduled');
    const record = await first.get(id);
    expect(record?.explain.join('\n')).toMatch(/admitted: 2000000000000 bytes at the reserved 1\.25 Gbit\/s/);
    expect(installer.installs).toEqual([]);

    clock.advance(HOUR);
    expect(await reach(first, id, ['active', 'failed'])).toBe('active');
    expect(installer.installs).toEqual([line]);
    await first.stop();

    // Mid-window: a new process on the same store re-arms the end from the store.
    clock.advance(HOUR);
    const second = await started(installer, clock, true);
    expect((await second.get(id))?.state).toBe('active');
    clock.advance(3 * HOUR - 1);
    await second.idle();
    expect((await second.get(id))?.state).toBe('active');
    clock.advance(1);
    expect(await reach(second, id, ['deleted', 'failed'])).toBe('deleted');
    expect(installer.releases).toEqual([line]);
    expect((await second.get(id))?.history.map((t) => t.to)).toEqual([
      'accepted',
      'compiling',
      'reserved',
      'scheduled',
      'provisioning',
      'active',
      'deleting',
      'deleted',
    ]);
  });

  it('acts at once on a start missed while down, and fails a window that ended while down', async () => {
    fixture.open(kind);
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const first = await started(installer, clock);
    const late = await first.submit(MOVE);
    const gone = await first.submit('move 1TB from dc-north to dc-south between 01:00Z and 02:00Z');
    await reach(first, late.id, ['scheduled']);
    await reach(first, gone.id, ['scheduled']);
    await first.stop();

    clock.advance(3 * HOUR);
    const second = await started(installer, clock, true);
    expect(await reach(second, late.id, ['active', 'failed'])).toBe('active');
    expect(await reach(second, gone.id, ['failed', 'active'])).toBe('failed');
    expect((await second.get(gone.id))?.error).toMatchObject({ kind: 'window-missed', code: 'CONTROLLER_WINDOW_MISSED' });
    expect(installer.installs).toEqual([late.line]);
  });

  it('applies an elastic change for its window and reverts it at the end; a timed release acts at its time', async () => {
    fixture.open(kind);
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const c = await started(installer, clock);
    const base = await c.submit('connect dc-north to dc-south under 1 ms at wavelength');
    await reach(c, base.id, ['active']);
    const scale = await c.modify(base.id, { bandwidth: '400G', start: '01:00Z', end: '02:00Z' });
    expect(scale.line).toBe(base.line);
    expect(await reach(c, scale.id, ['scheduled', 'failed'])).toBe('scheduled');
    clock.advance(HOUR);
    expect(await reach(c, scale.id, ['active', 'failed'])).toBe('active');
    expect((await c.line(base.line!))?.bandwidthKbps).toBe(400_000_000);
    expect((await c.get(base.id))?.history.map((t) => t.to).slice(-2)).toEqual(['modifying', 'active']);
    clock.advance(HOUR);
    expect(await reach(c, scale.id, ['deleted', 'failed'])).toBe('deleted');
    expect((await c.line(base.line!))?.bandwidthKbps).toBe(100_000_000);

    const release = await c.submit(`release line ${base.line} at 03:00Z`);
    expect(await reach(c, release.id, ['scheduled', 'failed'])).toBe('scheduled');
    clock.advance(HOUR - 1);
    await c.idle();
    expect((await c.get(base.id))?.state).toBe('active');
    clock.advance(1);
    expect(await reach(c, base.id, ['deleted', 'failed'])).toBe('deleted');
    expect(installer.heldKeys()).toEqual([]);
  });
});
