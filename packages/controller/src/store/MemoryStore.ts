import { MilliError } from '@milli/core';
import type { IntentState, Transition } from '../facade/types';
import type {
  ControllerStore,
  IntentPatch,
  IntentQuery,
  LineOutline,
  LinePatch,
  NewTransition,
  ScheduleEntry,
  StoredIntent,
  StoredJournalEntry,
  StoredLine,
  StoredReservation,
  StoredTransaction,
  TransactionState,
  TransitionChange,
} from './ControllerStore';
import { numberOf } from './rows';

/**
 * The store in memory, for unit tests: the same contract as SqliteStore (tests run both against it), nothing kept.
 * Records are cloned on the way in and out, as a database would, so callers cannot change what is stored.
 */
export class MemoryStore implements ControllerStore {
  private readonly counters = new Map<string, number>();
  private readonly intentsById = new Map<string, StoredIntent>();
  private readonly linesById = new Map<string, StoredLine>();
  private readonly transitions: Transition[] = [];
  private readonly reservationsById = new Map<string, StoredReservation>();
  private readonly transactions = new Map<string, StoredTransaction>();
  private readonly journalEntries: StoredJournalEntry[] = [];
  private readonly entries = new Map<string, ScheduleEntry>();

  async nextId(prefix: 'I' | 'L' | 'T' | 'S' | 'R'): Promise<string> {
    const value = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, value);
    return `${prefix}-${value}`;
  }

  async createIntent(intent: StoredIntent, line: StoredLine | undefined, first: NewTransition): Promise<Transition> {
    if (this.intentsById.has(intent.id)) throw new MilliError('INTERNAL', `intent '${intent.id}' exists`, { intent: intent.id });
    if (intent.idempotencyKey && [...this.intentsById.values()].some((i) => i.idempotencyKey === intent.idempotencyKey)) {
      throw new MilliError('STORE_FAILED', `idempotency key '${intent.idempotencyKey}' is taken`, { key: intent.idempotencyKey });
    }
    this.intentsById.set(intent.id, structuredClone(intent));
    if (line) this.linesById.set(line.id, structuredClone(line));
    return this.insertTransition(first);
  }

  async writeTransition(change: TransitionChange): Promise<Transition> {
    const t = change.transition;
    const intent = this.intentsById.get(t.intent);
    if (!intent) throw new MilliError('CONTROLLER_NOT_FOUND', `no intent '${t.intent}' in the store`, { intent: t.intent });
    intent.state = t.to;
    intent.snapshot = structuredClone(change.snapshot);
    intent.updatedAt = t.at;
    if (change.intent) Object.assign(intent, structuredClone(change.intent));
    if (change.line) await this.updateLine(change.line.id, change.line.patch);
    for (const owner of change.releaseOwners ?? []) {
      for (const r of [...this.reservationsById.values()]) if (r.owner === owner) this.reservationsById.delete(r.id);
    }
    for (const r of change.reserve ?? []) this.reservationsById.set(r.id, structuredClone(r));
    for (const id of change.scheduleDoneFor ?? []) {
      for (const e of [...this.entries.values()]) if (e.intent === id) this.entries.delete(e.id);
    }
    for (const id of change.scheduleDone ?? []) this.entries.delete(id);
    for (const e of change.scheduleAdd ?? []) this.entries.set(e.id, { ...e });
    if (change.endTransaction) await this.endTransaction(change.endTransaction.id, change.endTransaction.state, t.at);
    return this.insertTransition(t);
  }

  async updateIntent(id: string, patch: IntentPatch): Promise<void> {
    const intent = this.intentsById.get(id);
    if (intent) Object.assign(intent, structuredClone(patch));
  }

  async updateLine(id: string, patch: LinePatch): Promise<void> {
    const line = this.linesById.get(id);
    if (!line) return;
    const { installed, ...rest } = patch;
    Object.assign(line, structuredClone(rest));
    if ('installed' in patch) {
      if (installed === null || installed === undefined) delete line.installed;
      else line.installed = structuredClone(installed);
    }
  }

  async intent(id: string): Promise<StoredIntent | undefined> {
    const found = this.intentsById.get(id);
    return found && structuredClone(found);
  }

  async intentByKey(key: string): Promise<StoredIntent | undefined> {
    const found = [...this.intentsById.values()].find((i) => i.idempotencyKey === key);
    return found && structuredClone(found);
  }

  async intents(query: IntentQuery = {}): Promise<StoredIntent[]> {
    const after = query.after ? numberOf(query.after) : 0;
    const site = query.site ? `"site":${JSON.stringify(query.site)}` : undefined;
    const found = [...this.intentsById.values()]
      .filter((i) => numberOf(i.id) > after)
      .filter((i) => (query.state ? i.state === query.state : true))
      .filter((i) => (query.kind ? i.kind === query.kind : true))
      .filter((i) => (query.line ? i.line === query.line : true))
      .filter((i) => (site ? JSON.stringify(i.checked ?? {}).includes(site) : true))
      .sort((a, b) => numberOf(a.id) - numberOf(b.id));
    return structuredClone(query.limit ? found.slice(0, query.limit) : found);
  }

  async history(intent: string): Promise<Transition[]> {
    return this.transitions.filter((t) => t.intent === intent).map((t) => ({ ...t }));
  }

  async transitionsSince(seq: number, limit = 10_000): Promise<Transition[]> {
    return this.transitions
      .filter((t) => t.seq > seq)
      .slice(0, limit)
      .map((t) => ({ ...t }));
  }

  async line(id: string): Promise<StoredLine | undefined> {
    const found = this.linesById.get(id);
    return found && structuredClone(found);
  }

  async lineOutline(id: string): Promise<LineOutline | undefined> {
    const found = this.linesById.get(id);
    return found && outlineOf(found);
  }

  async lineOutlines(): Promise<LineOutline[]> {
    return [...this.linesById.values()].sort((a, b) => numberOf(a.id) - numberOf(b.id)).map(outlineOf);
  }

  async lineIds(): Promise<string[]> {
    return [...this.linesById.keys()];
  }

  async linesOnDevice(device: string): Promise<StoredLine[]> {
    const on = (line: StoredLine) => {
      const items = (line.installed as { items?: unknown } | undefined)?.items;
      return Array.isArray(items) && items.some((i) => (i as { device?: unknown }).device === device);
    };
    return (await this.lines()).filter(on).map(({ path: _path, ...line }) => line);
  }

  async intentStates(): Promise<Map<string, IntentState>> {
    return new Map([...this.intentsById.values()].map((i) => [i.id, i.state]));
  }

  async lines(): Promise<StoredLine[]> {
    return structuredClone([...this.linesById.values()].sort((a, b) => numberOf(a.id) - numberOf(b.id)));
  }

  async reservations(): Promise<StoredReservation[]> {
    return structuredClone([...this.reservationsById.values()]);
  }

  async beginTransaction(t: StoredTransaction): Promise<void> {
    this.transactions.set(t.id, structuredClone(t));
  }

  async appendJournal(e: StoredJournalEntry): Promise<void> {
    this.journalEntries.push(structuredClone(e));
  }

  async endTransaction(id: string, state: Exclude<TransactionState, 'open'>, at: number): Promise<void> {
    const t = this.transactions.get(id);
    if (t) Object.assign(t, { state, endedAt: at });
  }

  async transaction(id: string): Promise<StoredTransaction | undefined> {
    const t = this.transactions.get(id);
    return t && structuredClone(t);
  }

  async openTransactions(): Promise<StoredTransaction[]> {
    return structuredClone([...this.transactions.values()].filter((t) => t.state === 'open'));
  }

  async openTransactionIds(): Promise<string[]> {
    return [...this.transactions.values()].filter((t) => t.state === 'open').map((t) => t.id);
  }

  async journal(transaction: string): Promise<StoredJournalEntry[]> {
    return structuredClone(this.journalEntries.filter((e) => e.transaction === transaction));
  }

  async schedule(): Promise<ScheduleEntry[]> {
    return [...this.entries.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((e) => ({ ...e }));
  }

  async close(): Promise<void> {}

  private insertTransition(t: NewTransition): Transition {
    const stored = { seq: this.transitions.length + 1, ...t };
    this.transitions.push(stored);
    return { ...stored };
  }
}

function outlineOf(line: StoredLine): LineOutline {
  const { installed, ...rest } = line;
  return { ...structuredClone(rest), installed: installed !== undefined && installed !== null };
}
