import { describe, expect, it } from 'vitest';
import type { IntentRecord } from '../src/api/types';
import { RecordRefresher } from '../src/state/RecordRefresher';

const record = (id: string, n: number) => ({ id, state: `read-${n}` }) as unknown as IntentRecord;

describe('reading intent records again', () => {
  it('reads each intent once however often it is asked for while waiting, at most four at a time', async () => {
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const applied: string[] = [];
    const refresher = new RecordRefresher(
      (id) =>
        new Promise((resolve) => {
          started.push(id);
          finish.push(() => resolve(record(id, started.length)));
        }),
      (r) => applied.push(r.id),
    );
    for (let i = 0; i < 10; i++) refresher.request(`I-${i}`);
    expect(started).toEqual(['I-0', 'I-1', 'I-2', 'I-3']);
    for (let n = 0; n < 5; n++) refresher.request('I-7'); // waiting: still read once
    refresher.request('I-0'); // asked again while being read: read once more after
    while (finish.length > 0) {
      finish.shift()?.();
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(started.filter((id) => id === 'I-0')).toHaveLength(2);
    expect(new Set(started).size).toBe(10);
    expect(started).toHaveLength(11);
    expect(applied).toHaveLength(11);
  });

  it('tries a failed read again', async () => {
    let calls = 0;
    const applied: IntentRecord[] = [];
    const refresher = new RecordRefresher(
      async (id) => {
        calls++;
        if (calls === 1) throw new Error('429');
        return record(id, calls);
      },
      (r) => applied.push(r),
    );
    refresher.request('I-1');
    await new Promise((resume) => setTimeout(resume, 1200));
    expect(calls).toBe(2);
    expect(applied.map((r) => r.state)).toEqual(['read-2']);
    refresher.stop();
  });
});
