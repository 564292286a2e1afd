import { ManualClock } from '@milli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerLab, reach, startControllerLab } from '../support/controllerLab';

// A data-express task on the lab, on a clock the test moves: provisioned at its window's start, released at its end,
// with the controller closed and a new one started on the same store in the middle of the window.
const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;
let env: ControllerLab;

beforeAll(async () => {
  env = await startControllerLab({ everyDevice: true });
});

afterAll(async () => {
  await env?.stop();
});

describe('a data-express task on the lab', () => {
  it('is provisioned at its start and released at its end, across a restart mid-window', async () => {
    const clock = new ManualClock(T0);
    const before = await env.runningConfigs();
    const first = await env.open(clock);
    // 200 TB in 4 h is 111 Gbit/s; with 10% headroom, one 400G wavelength.
    const { id, line } = await first.controller.submit('move 200TB from dc-north to dc-south between 01:00Z and 05:00Z');
    expect(await reach(first.controller, id, ['scheduled', 'failed'])).toBe('scheduled');
    expect(await env.runningConfigs()).toEqual(before);

    clock.advance(HOUR);
    expect(await reach(first.controller, id, ['active', 'failed'])).toBe('active');
    const during = await env.runningConfigs();
    const devices = (await first.controller.get(id))?.path?.working.devices ?? [];
    // Entries a line owns are named after it and its path (`L-1-w-...`).
    for (const device of devices) expect(during.get(device)).toContain(`<name>${line}-w`);
    await first.close();

    clock.advance(2 * HOUR);
    const second = await env.open(clock);
    expect((await second.controller.get(id))?.state).toBe('active');
    expect(await env.runningConfigs()).toEqual(during);
    clock.advance(2 * HOUR);
    expect(await reach(second.controller, id, ['deleted', 'failed'])).toBe('deleted');
    expect((await second.controller.get(id))?.history.map((t) => t.to)).toEqual([
      'accepted',
      'compiling',
      'reserved',
      'scheduled',
      'provisioning',
      'active',
      'deleting',
      'deleted',
    ]);
    expect(await env.runningConfigs()).toEqual(before);
    await second.close();
  });
});
