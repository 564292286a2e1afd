import { describe, expect, it } from 'vitest';
import { DeviceLocks } from '../../src/index';

/** A run that records when it starts and holds its devices until `finish` is called. */
function holder(locks: DeviceLocks, name: string, devices: string[], started: string[]) {
  let finish!: () => void;
  const held = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const done = locks.run(devices, async () => {
    started.push(name);
    await held;
  });
  return { finish, done };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('device locks', () => {
  it('a run waiting for one device keeps its place on the others: a later run on those waits behind it', async () => {
    const locks = new DeviceLocks();
    const started: string[] = [];
    const a = holder(locks, 'a', ['dc'], started);
    const round = holder(locks, 'round', ['dc', 'park'], started);
    const later = holder(locks, 'later', ['park'], started);
    await turns();
    // The round waits for dc; park is its next, so the run asking for park after it waits too.
    expect(started).toEqual(['a']);
    expect(locks.busy('park')).toBe(true);
    a.finish();
    await turns();
    expect(started).toEqual(['a', 'round']);
    round.finish();
    await turns();
    expect(started).toEqual(['a', 'round', 'later']);
    later.finish();
    await Promise.all([a.done, round.done, later.done]);
    expect(locks.busy('dc') || locks.busy('park')).toBe(false);
  });

  it('runs over overlapping devices asked for in opposite orders both finish, one after the other', async () => {
    const locks = new DeviceLocks();
    const started: string[] = [];
    const first = locks.run(['x', 'y'], async () => {
      started.push('first');
      await turns();
    });
    const second = locks.run(['y', 'x'], async () => {
      started.push('second');
    });
    await Promise.all([first, second]);
    expect(started).toEqual(['first', 'second']);
  });

  it('runs on disjoint devices go side by side', async () => {
    const locks = new DeviceLocks();
    const started: string[] = [];
    const north = holder(locks, 'north', ['n'], started);
    const south = holder(locks, 'south', ['s'], started);
    await turns();
    expect(started.sort()).toEqual(['north', 'south']);
    north.finish();
    south.finish();
    await Promise.all([north.done, south.done]);
  });
});
