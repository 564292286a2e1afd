import type { ControllerApi, ControllerStore, StoredJournalEntry } from '@milli/controller';
import type { ApiMetrics } from './ApiMetrics';

/** Transitions after which a network transaction has ended: its journal is complete. */
const AFTER_TRANSACTION = new Set(['active', 'failed', 'deleted', 'degraded']);

/**
 * Feeds `milli_transaction_phase_seconds` from the controller's journal: after each transition that follows a
 * transaction, the transactions that have ended since (ids `T-1`, `T-2`, … in order) are read once each and every
 * phase that started and ended is observed. A transaction still open stops the scan until a later transition.
 */
export function watchTransactionPhases(controller: ControllerApi, store: ControllerStore, metrics: ApiMetrics): { unsubscribe(): void } {
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
  return controller.events.subscribe((t) => {
    if (AFTER_TRANSACTION.has(t.to)) kick();
  });
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
