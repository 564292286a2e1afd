import { type ControllerApi, MemoryStore, type StoredJournalEntry, type Transition } from '@milli/controller';
import { Subject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { ApiMetrics, watchTransactionPhases } from '../src';
import { InMemoryController } from './support/InMemoryController';

async function transaction(store: MemoryStore, id: string, phases: [string, number, number][], end: 'done' | 'open') {
  await store.beginTransaction({
    id,
    intent: 'I-1',
    line: 'L-1',
    purpose: 'install',
    state: 'open',
    changes: [],
    persistId: id,
    startedAt: 0,
  });
  for (const [phase, started, done] of phases) {
    const entry = (state: string, at: number): StoredJournalEntry => ({
      transaction: id,
      phase,
      state,
      persistId: id,
      devices: ['d1'],
      at,
    });
    await store.appendJournal(entry('started', started));
    await store.appendJournal(entry('done', done));
  }
  if (end === 'done') await store.endTransaction(id, 'done', 1000);
}

const count = async (metrics: ApiMetrics, phase: string) =>
  Number(new RegExp(`milli_transaction_phase_seconds_count\\{phase="${phase}"\\} (\\d+)`).exec(await metrics.registry.metrics())?.[1] ?? 0);

describe('transaction phase metrics from the journal', () => {
  it('observes every phase of ended transactions once, and waits for one still open', async () => {
    const store = new MemoryStore();
    const controller = new InMemoryController();
    await controller.start();
    const metrics = new ApiMetrics();
    // No pause waited for: the scan follows each transition at once here.
    const watching = watchTransactionPhases(controller, store, metrics, { quietMs: 0 });
    await transaction(
      store,
      'T-1',
      [
        ['prepare', 0, 20],
        ['commit', 20, 25],
      ],
      'done',
    );
    await transaction(store, 'T-2', [['prepare', 100, 130]], 'open');
    await controller.submit('connect P-2 to dc-north with 100Mbps');
    for (let i = 0; i < 100 && (await count(metrics, 'commit')) === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await count(metrics, 'prepare')).toBe(1);
    expect(await count(metrics, 'commit')).toBe(1);
    expect(await metrics.registry.metrics()).toMatch(/milli_transaction_phase_seconds_sum\{phase="prepare"\} 0\.02\b/);

    await store.endTransaction('T-2', 'done', 200);
    await controller.submit('connect P-3 to dc-north with 100Mbps');
    for (let i = 0; i < 100 && (await count(metrics, 'prepare')) < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await count(metrics, 'prepare')).toBe(2);
    expect(await count(metrics, 'commit')).toBe(1);
    watching.unsubscribe();
  });

  it('reads the journal once transitions pause, or after the longest wait while they go on', async () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryStore();
      const events = new Subject<Transition>();
      const metrics = new ApiMetrics();
      const watching = watchTransactionPhases({ events } as unknown as ControllerApi, store, metrics, { quietMs: 100, maxWaitMs: 250 });
      await transaction(store, 'T-1', [['prepare', 0, 20]], 'done');
      const active = (seq: number): Transition => ({
        seq,
        intent: 'I-1',
        line: 'L-1',
        from: 'restoring',
        to: 'active',
        reason: 'x',
        at: 0,
      });
      // Transitions every 60 ms: no pause of 100 ms, so the scan waits until 250 ms after the first.
      for (let i = 1; i <= 4; i++) {
        events.next(active(i));
        await vi.advanceTimersByTimeAsync(60);
      }
      expect(await count(metrics, 'prepare')).toBe(0);
      await vi.advanceTimersByTimeAsync(20);
      expect(await count(metrics, 'prepare')).toBe(1);
      // A single transition: read once it has been quiet for 100 ms.
      await transaction(store, 'T-2', [['prepare', 0, 20]], 'done');
      events.next(active(5));
      await vi.advanceTimersByTimeAsync(90);
      expect(await count(metrics, 'prepare')).toBe(1);
      await vi.advanceTimersByTimeAsync(20);
      expect(await count(metrics, 'prepare')).toBe(2);
      watching.unsubscribe();
    } finally {
      vi.useRealTimers();
    }
  });
});
