import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/reconcile/WorkQueue';

/** A worker whose passes the test releases one by one. */
function gatedWorker() {
  const started: string[] = [];
  const gates: (() => void)[] = [];
  let inHand = 0;
  let mostAtOnce = 0;
  const work = async (key: string) => {
    started.push(key);
    inHand++;
    mostAtOnce = Math.max(mostAtOnce, inHand);
    await new Promise<void>((resolve) => gates.push(resolve));
    inHand--;
  };
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
  };
  return { started, work, release, mostAtOnce: () => mostAtOnce };
}

describe('the reconciler work queue', () => {
  it('takes one key at a time, in order, and a key already waiting is not queued twice', async () => {
    const w = gatedWorker();
    const queue = new WorkQueue(w.work);
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('c');
    expect(queue.length).toBe(2);
    for (let i = 0; i < 3; i++) await w.release();
    await queue.idle();
    expect(w.started).toEqual(['a', 'b', 'c']);
    expect(w.mostAtOnce()).toBe(1);
  });

  it('a key added while it is in hand runs once more afterwards (the event may postdate the read), however often it came', async () => {
    const w = gatedWorker();
    const queue = new WorkQueue(w.work);
    queue.add('a');
    await new Promise((r) => setImmediate(r));
    queue.add('a');
    queue.add('a');
    await w.release();
    await w.release();
    await queue.idle();
    expect(w.started).toEqual(['a', 'a']);
  });

  it('after stop no key is taken, and the one in hand finishes', async () => {
    const w = gatedWorker();
    const queue = new WorkQueue(w.work);
    queue.add('a');
    queue.add('b');
    const stopped = queue.stop();
    await w.release();
    await stopped;
    queue.add('c');
    await queue.idle();
    expect(w.started).toEqual(['a']);
  });

  it('a failing pass does not stop the queue', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue(async (key) => {
      seen.push(key);
      if (key === 'bad') throw new Error('device unreachable');
    });
    queue.add('bad');
    queue.add('good');
    await queue.idle();
    expect(seen).toContain('good');
  });
});
