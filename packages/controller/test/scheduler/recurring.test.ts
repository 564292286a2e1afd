import { describe, expect, it } from 'vitest';
import type { Controller } from '../../src/index';
import { ManualClock } from '@milli/core';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach } from '../support/controllerHarness';

// A Monday, midnight UTC.
const T0 = Date.parse('2026-12-07T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NIGHTLY = 'connect dc dc-north to dc dc-south under 1 ms at 400G every day from 20:00 to 06:00 zone Z';

const fixture = controllerFixture();
const { started } = fixture;

/** Moves the clock to `at` and waits until the controller has acted on what fell due. */
async function advanceTo(c: Controller, clock: ManualClock, at: number): Promise<void> {
  clock.advance(at - clock.now());
  await c.idle();
  await new Promise((r) => setImmediate(r));
  await c.idle();
}

describe('connections on a calendar (sqlite store)', () => {
  it('provisions and releases a nightly DC interconnect on three nights, across a restart, scheduled between', async () => {
    fixture.open('sqlite');
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    let c = await started(installer, clock);
    const { id, line } = await c.submit(NIGHTLY);
    expect(await reach(c, id, ['scheduled', 'failed'])).toBe('scheduled');
    expect(installer.installs).toEqual([]);

    for (let night = 0; night < 3; night++) {
      const dusk = T0 + night * DAY + 20 * HOUR;
      await advanceTo(c, clock, dusk);
      expect(await reach(c, id, ['active', 'failed'])).toBe('active');
      expect(installer.installs).toHaveLength(night + 1);
      if (night === 1) {
        // Mid-night: a new process on the same store keeps the line up and re-arms its later nights.
        await c.stop();
        c = await started(installer, clock, true);
        expect((await c.get(id))?.state).toBe('active');
      }
      await advanceTo(c, clock, dusk + 10 * HOUR - 1);
      expect((await c.get(id))?.state).toBe('active');
      await advanceTo(c, clock, dusk + 10 * HOUR);
      expect(await reach(c, id, ['scheduled', 'failed'])).toBe('scheduled');
      expect(installer.releases).toHaveLength(night + 1);
    }
    expect(installer.installs).toEqual([line, line, line]);
    const states = (await c.get(id))!.history.map((t) => t.to);
    expect(states.filter((s) => s === 'active')).toHaveLength(3);
    expect(states.slice(-4)).toEqual(['provisioning', 'active', 'deleting', 'scheduled']);
    // The record lists every night reserved in the 30-day horizon: three served, the rest coming.
    const occurrences = (await c.get(id))!.occurrences!;
    expect(occurrences.slice(0, 4)).toEqual([
      { start: T0 + 20 * HOUR, end: T0 + 30 * HOUR, outcome: 'served' },
      { start: T0 + DAY + 20 * HOUR, end: T0 + DAY + 30 * HOUR, outcome: 'served' },
      { start: T0 + 2 * DAY + 20 * HOUR, end: T0 + 2 * DAY + 30 * HOUR, outcome: 'served' },
      { start: T0 + 3 * DAY + 20 * HOUR, end: T0 + 3 * DAY + 30 * HOUR, outcome: 'coming' },
    ]);
    expect(occurrences.filter((o) => o.outcome === 'coming')).toHaveLength(occurrences.length - 3);

    // A release intent ends it for good: nothing held any more.
    const release = await c.release(id);
    expect(await reach(c, release.id, ['deleted', 'failed'])).toBe('deleted');
    expect(await reach(c, id, ['deleted', 'failed'])).toBe('deleted');
    expect(installer.heldKeys()).toEqual([]);
    expect((await c.get(id))!.occurrences!.slice(2, 4).map((o) => o.outcome)).toEqual(['served', 'cancelled']);
  });

  it('runs a weekday park line Monday to Friday and not on the weekend', async () => {
    fixture.open('memory');
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const c = await started(installer, clock);
    const { id } = await c.submit('connect park P-7 to dc dc-north with 100Mbps on weekdays from 08:00 to 20:00 zone Z');
    expect(await reach(c, id, ['scheduled', 'failed'])).toBe('scheduled');
    const opened_: number[] = [];
    for (let day = 0; day < 8; day++) {
      await advanceTo(c, clock, T0 + day * DAY + 12 * HOUR);
      if ((await c.get(id))?.state === 'active') opened_.push(new Date(clock.now()).getUTCDay());
      await advanceTo(c, clock, T0 + day * DAY + 21 * HOUR);
      expect((await c.get(id))?.state).toBe('scheduled');
    }
    // Monday (1) to Friday (5), then Monday again; Saturday (6) and Sunday (0) skipped.
    expect(opened_).toEqual([1, 2, 3, 4, 5, 1]);
    const days = (await c.get(id))!.occurrences!.map((o) => new Date(o.start).getUTCDay());
    expect(days.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 1]);
  });

  it('reserves the nights that come into the horizon as it moves, and reports one that cannot be before it is due', async () => {
    fixture.open('memory');
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const c = await started(installer, clock);
    const { id } = await c.submit(NIGHTLY);
    expect(await reach(c, id, ['scheduled', 'failed'])).toBe('scheduled');
    const admitted = (await c.get(id))!.occurrences!;
    // 30 days from Monday midnight: the last night admitted starts on 2027-01-05.
    expect(new Date(admitted[admitted.length - 1]!.start).toISOString()).toBe('2027-01-05T20:00:00.000Z');
    await advanceTo(c, clock, T0 + 20 * HOUR);
    expect(await reach(c, id, ['active', 'failed'])).toBe('active');
    // Half an hour later another line takes the night of 2027-01-06, beyond the first line's horizon at admission.
    await advanceTo(c, clock, T0 + 20.5 * HOUR);
    const other = await c.submit('connect dc dc-north to dc dc-south under 1 ms at 400G on 2027-01-06 from 20:00 to 06:00 zone Z');
    expect(await reach(c, other.id, ['scheduled', 'failed'])).toBe('scheduled');
    await advanceTo(c, clock, T0 + 30 * HOUR);
    expect(await reach(c, id, ['scheduled', 'failed'])).toBe('scheduled');
    const record = (await c.get(id))!;
    const unreserved = record.occurrences!.filter((o) => o.outcome === 'unreserved');
    expect(unreserved).toHaveLength(1);
    expect(new Date(unreserved[0]!.start).toISOString()).toBe('2027-01-06T20:00:00.000Z');
    expect(record.explain.at(-1)).toMatch(/occurrence 2027-01-06T20:00:00\.000Z → 2027-01-07T06:00:00\.000Z cannot be reserved/);
    expect(record.occurrences!.filter((o) => o.outcome === 'coming')).toHaveLength(admitted.length - 1);

    // A night that came in later and could be reserved runs: the next horizon step adds 2027-01-07.
    await advanceTo(c, clock, T0 + DAY + 20 * HOUR);
    await advanceTo(c, clock, T0 + DAY + 30 * HOUR);
    const later = (await c.get(id))!.occurrences!.map((o) => new Date(o.start).toISOString());
    expect(later).toContain('2027-01-07T20:00:00.000Z');
  });

  it('refuses at admission a recurring line that collides with another on one night, naming the night', async () => {
    fixture.open('memory');
    const clock = new ManualClock(T0);
    const installer = new FakeInstaller();
    const c = await started(installer, clock);
    const friday = await c.submit('connect dc dc-north to dc dc-south under 1 ms at 400G every friday from 20:00 to 06:00 zone Z');
    expect(await reach(c, friday.id, ['scheduled', 'failed'])).toBe('scheduled');
    const nightly = await c.submit(NIGHTLY);
    expect(await reach(c, nightly.id, ['scheduled', 'failed'])).toBe('failed');
    const error = (await c.get(nightly.id))?.error;
    expect(error).toMatchObject({ kind: 'resource-conflict', code: 'RESOURCE_CONFLICT' });
    expect(error?.message).toMatch(/occurrence 2026-12-11T20:00:00\.000Z → 2026-12-12T06:00:00\.000Z cannot be reserved/);
    // Nothing of the refused line stays booked: a one-off on a free Monday night still fits.
    const monday = await c.submit('connect dc dc-north to dc dc-south under 1 ms at 400G every monday from 20:00 to 06:00 zone Z');
    expect(await reach(c, monday.id, ['scheduled', 'failed'])).toBe('scheduled');
  });
});
