import type { ControllerApi, ControllerStore, StoredJournalEntry } from '@milli/controller';
import type { ApiMetrics } from './ApiMetrics';

/** Transitions after which a network transaction has ended: its journal is complete. */
const AFTER_TRANSACTION = new Set(['active', 'failed', 'deleted', 'degraded']);

export interface TransactionPhaseOptions {
  /**
   * How long transitions must pause before the journal is read (default 500 ms), and the longest a scan waits for
   * such a pause (default 5 s). A round of 200 moves ends in 200 RESTORED transitions written one after another on
   * the controller's thread: reading each transaction's journal among them (from the second connection, about 0.5 ms
   * each while the round's writes go on) delayed the last lines' `active` by about 0.1 s. The metric can wait.
   */
  quietMs?: number;
  maxWaitMs?: number;
}

/**
 * Feeds `milli_transaction_phase_seconds` from the controller's journal: once transitions that follow a transaction
 * pause, the transactions that have ended since (ids `T-1`, `T-2`, … in order) are read once each and every phase
 * that started and ended is observed. A transaction still open stops the scan until a later transition.
 */
export function watchTransactionPhases(
  controller: ControllerApi,
  store: ControllerStore,
  metrics: ApiMetrics,
  options: TransactionPhaseOptions = {},
): { unsubscribe(): void } {
  const quietMs = options.quietMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 5000;
  let next = 1;
  let scanning: Promise<void> | undefined;
  let again = false;
  const scan = async (): Promise<void> => {
    // Only the ids: a round of moves keeps hundreds open, and their change sets were read after every transition.
    const open = new Set(await store.openTransactionIds());
    for (;;) {
      const id = `T-${next}`;
      if (open.has(id)) return;
      const journal = await store.journal(id);
      if (journal.length === 0) return;
      observe(journal, metrics);
      next++;
    }
  };
  const kick = () => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = scan()
      .catch(() => undefined)
      .finally(() => {
        scanning = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  // The scan waits for a pause in the transitions (quietMs), or maxWaitMs after the first one it waits on.
  let timer: NodeJS.Timeout | undefined;
  let firstWaitAt = 0;
  const later = () => {
    const now = Date.now();
    if (!timer) firstWaitAt = now;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = undefined;
        kick();
      },
      Math.max(0, Math.min(quietMs, firstWaitAt + maxWaitMs - now)),
    );
    timer.unref();
  };
  const subscription = controller.events.subscribe((t) => {
    if (AFTER_TRANSACTION.has(t.to)) later();
  });
  return {
    unsubscribe: () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    },
  };
}

function observe(journal: StoredJournalEntry[], metrics: ApiMetrics): void {
  const started = new Map<string, number>();
  for (const entry of journal) {
    if (entry.state === 'started') started.set(entry.phase, entry.at);
    else if (started.has(entry.phase)) {
      metrics.transactionPhaseSeconds.observe({ phase: entry.phase }, Math.max(0, entry.at - (started.get(entry.phase) as number)) / 1000);
      started.delete(entry.phase);
    }
  }
}
