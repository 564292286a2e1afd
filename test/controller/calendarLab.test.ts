import { ManualClock } from '@milli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerLab, reach, startControllerLab } from '../support/controllerLab';

// Connections on a calendar against the lab's devices, on a clock the test moves: each occurrence is provisioned
// at its start and released at its end, the line `scheduled` in between; collisions are refused at admission.
const T0 = Date.parse('2026-12-07T00:00:00Z'); // a Monday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let env: ControllerLab;

beforeAll(async () => {
  env = await startControllerLab({ everyDevice: true });
});

afterAll(async () => {
  await env?.stop();
});

describe('connections on a calendar on the lab', () => {
  it('provisions and releases a nightly DC interconnect on three nights, across a restart', async () => {
    const clock = new ManualClock(T0);
    const before = await env.runningConfigs();
    let running = await env.open(clock);
    const { id, line } = await running.controller.submit(
      'connect dc dc-north to dc dc-south under 1 ms at 400G every day from 20:00 to 06:00 zone Z',
    );
    expect(await reach(running.controller, id, ['scheduled', 'failed'])).toBe('scheduled');
    expect(await env.runningConfigs()).toEqual(before);
    for (let night = 0; night < 3; night++) {
      const dusk = T0 + night * DAY + 20 * HOUR;
      clock.advance(dusk - clock.now());
      expect(await reach(running.controller, id, ['active', 'failed'])).toBe('active');
      const devices = (await running.controller.get(id))?.path?.working.devices ?? [];
      const during = await env.runningConfigs();
      for (const device of devices) expect(during.get(device)).toContain(`<name>${line}-w`);
      if (night === 1) {
        await running.close();
        running = await env.open(clock);
        expect((await running.controller.get(id))?.state).toBe('active');
        expect(await env.runningConfigs()).toEqual(during);
      }
      clock.advance(10 * HOUR);
      expect(await reach(running.controller, id, ['scheduled', 'failed'])).toBe('scheduled');
      await running.controller.idle();
      expect(await env.runningConfigs()).toEqual(before);
    }
    const states = (await running.controller.get(id))!.history.map((t) => t.to);
    expect(states.filter((s) => s === 'active')).toHaveLength(3);
    const release = await running.controller.release(id);
    expect(await reach(running.controller, release.id, ['deleted', 'failed'])).toBe('deleted');
    expect(await reach(running.controller, id, ['deleted', 'failed'])).toBe('deleted');
    await running.close();
  });

  it('runs a weekday park line on weekdays and skips the weekend', async () => {
    const clock = new ManualClock(T0 + 7 * DAY);
    const before = await env.runningConfigs();
    const running = await env.open(clock);
    const { id } = await running.controller.submit('connect park P-7 to dc dc-north with 100Mbps on weekdays from 08:00 to 20:00 zone Z');
    expect(await reach(running.controller, id, ['scheduled', 'failed'])).toBe('scheduled');
    const up: number[] = [];
    // Thursday to Monday.
    for (let day = 3; day < 8; day++) {
      clock.advance(T0 + (7 + day) * DAY + 12 * HOUR - clock.now());
      await running.controller.idle();
      const state = (await running.controller.get(id))?.state;
      if (state === 'provisioning' || state === 'active') {
        expect(await reach(running.controller, id, ['active', 'failed'])).toBe('active');
        up.push(new Date(clock.now()).getUTCDay());
      }
      clock.advance(9 * HOUR);
      expect(await reach(running.controller, id, ['scheduled', 'failed'])).toBe('scheduled');
      await running.controller.idle();
      expect(await env.runningConfigs()).toEqual(before);
    }
    expect(up).toEqual([4, 5, 1]);
    const release = await running.controller.release(id);
    expect(await reach(running.controller, release.id, ['deleted', 'failed'])).toBe('deleted');
    await running.close();
  });

  it('refuses a recurring line that collides with another on one night, naming the night', async () => {
    const clock = new ManualClock(T0 + 14 * DAY);
    const running = await env.open(clock);
    const friday = await running.controller.submit(
      'connect dc dc-north to dc dc-south under 1 ms at 400G every friday from 20:00 to 06:00 zone Z',
    );
    expect(await reach(running.controller, friday.id, ['scheduled', 'failed'])).toBe('scheduled');
    const nightly = await running.controller.submit(
      'connect dc dc-north to dc dc-south under 1 ms at 400G every day from 20:00 to 06:00 zone Z',
    );
    expect(await reach(running.controller, nightly.id, ['scheduled', 'failed'])).toBe('failed');
    const error = (await running.controller.get(nightly.id))?.error;
    expect(error).toMatchObject({ kind: 'resource-conflict', code: 'RESOURCE_CONFLICT' });
    expect(error?.message).toMatch(/occurrence 2026-12-25T20:00:00\.000Z → 2026-12-26T06:00:00\.000Z cannot be reserved/);
    const release = await running.controller.release(friday.id);
    expect(await reach(running.controller, release.id, ['deleted', 'failed'])).toBe('deleted');
    await running.close();
  });
});
