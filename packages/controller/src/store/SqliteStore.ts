import Database from 'better-sqlite3';
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
import { migrate } from './migrations';
import { StatementCache } from './StatementCache';
import { WriteCoalescer } from './WriteCoalescer';
import {
  fromIntentRow,
  fromLineRow,
  fromOutlineRow,
  fromTransitionRow,
  type IntentRow,
  INTENT_SELECT,
  intentColumns,
  json,
  type LineRow,
  lineColumns,
  numberOf,
  OUTLINE_SELECT,
  type OutlineRow,
  planColumns,
  type TransactionRow,
  type TransitionRow,
  transactionOf,
} from './rows';

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer), migrated at open. better-sqlite3
 * is synchronous, so every method does its work when called; writes of one turn of the event loop are committed
 * together on the next (`WriteCoalescer`), and a write's promise settles once its commit is on disk.
 */
export class SqliteStore implements ControllerStore {
  private readonly db: Database.Database;
  private readonly commits: WriteCoalescer;
  private readonly statements: StatementCache;

  private constructor(db: Database.Database) {
    this.db = db;
    this.commits = new WriteCoalescer(db);
    this.statements = new StatementCache(db);
  }

  static open(file: string): SqliteStore {
    let db: Database.Database;
    try {
      db = new Database(file);
    } catch (error) {
      throw new MilliError('STORE_FAILED', `cannot open the store ${file}: ${(error as Error).message}`, { file });
    }
    try {
      // Every write reaches the disk before its promise settles: a journal entry written before a device step survives
      // a power cut, not only a crash of the process. In WAL mode SQLite's commit leaves the WAL's sync to the
      // WriteCoalescer (NORMAL), which makes it off the event loop; without WAL, every commit syncs (FULL).
      const wal = db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
      db.pragma(wal ? 'synchronous = NORMAL' : 'synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, file);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db);
  }

  async nextId(prefix: 'I' | 'L' | 'T' | 'S' | 'R'): Promise<string> {
    return this.commits.write(() => {
      const row = this.sql(
        'INSERT INTO counters (prefix, value) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET value = value + 1 RETURNING value',
      ).get(prefix) as { value: number };
      return `${prefix}-${row.value}`;
    });
  }

  async createIntent(intent: StoredIntent, line: StoredLine | undefined, first: NewTransition): Promise<Transition> {
    return this.commits.write(
      this.db.transaction(() => {
        this.sql(
          `INSERT INTO intents (id, n, kind, line, state, input, idempotency_key, checked, explain, error, snapshot, created_at, updated_at)
           VALUES (@id, @n, @kind, @line, @state, @input, @key, @checked, @explain, @error, @snapshot, @createdAt, @updatedAt)`,
        ).run({
          id: intent.id,
          n: numberOf(intent.id),
          kind: intent.kind,
          line: intent.line,
          state: intent.state,
          input: JSON.stringify(intent.input),
          key: intent.idempotencyKey ?? null,
          checked: json(intent.checked),
          explain: JSON.stringify(intent.explain),
          error: json(intent.error),
          snapshot: JSON.stringify(intent.snapshot),
          createdAt: intent.createdAt,
          updatedAt: intent.updatedAt,
        });
        this.sql('INSERT INTO intent_plans (id, compilation, path) VALUES (?, ?, ?)').run(
          intent.id,
          json(intent.compilation),
          json(intent.path),
        );
        if (line) {
          this.sql(
            `INSERT INTO lines (id, n, from_site, to_site, bandwidth_kbps, intents, current, installed, path)
             VALUES (@id, @n, @from, @to, @bandwidthKbps, @intents, @current, @installed, @path)`,
          ).run({
            id: line.id,
            n: numberOf(line.id),
            from: line.from,
            to: line.to,
            bandwidthKbps: line.bandwidthKbps,
            intents: JSON.stringify(line.intents),
            current: line.current,
            installed: json(line.installed),
            path: json(line.path),
          });
        }
        return this.insertTransition(first);
      }),
    );
  }

  async writeTransition(change: TransitionChange): Promise<Transition> {
    return this.commits.write(
      this.db.transaction(() => {
        const t = change.transition;
        // One UPDATE per table with the intent's patch: SQLite rewrites the whole row per UPDATE.
        const patch = intentColumns(change.intent ?? {});
        const updated = this.sql(`UPDATE intents SET state = ?, snapshot = ?, updated_at = ?${patch.sets} WHERE id = ?`).run(
          t.to,
          JSON.stringify(change.snapshot),
          t.at,
          ...patch.values,
          t.intent,
        );
        if (updated.changes !== 1)
          throw new MilliError('CONTROLLER_NOT_FOUND', `no intent '${t.intent}' in the store`, { intent: t.intent });
        this.patchPlan(t.intent, change.intent ?? {});
        if (change.line) this.patchLine(change.line.id, change.line.patch);
        for (const owner of change.releaseOwners ?? []) this.sql('DELETE FROM reservations WHERE owner = ?').run(owner);
        for (const r of change.reserve ?? []) this.insertReservation(r);
        for (const intent of change.scheduleDoneFor ?? []) this.sql('DELETE FROM schedule WHERE intent = ?').run(intent);
        for (const id of change.scheduleDone ?? []) this.sql('DELETE FROM schedule WHERE id = ?').run(id);
        for (const e of change.scheduleAdd ?? []) {
          this.sql('INSERT INTO schedule (id, intent, action, at) VALUES (?, ?, ?, ?)').run(e.id, e.intent, e.action, e.at);
        }
        if (change.endTransaction) {
          this.sql('UPDATE transactions SET state = ?, ended_at = ? WHERE id = ?').run(
            change.endTransaction.state,
            t.at,
            change.endTransaction.id,
          );
        }
        return this.insertTransition(t);
      }),
    );
  }

  async updateIntent(id: string, patch: IntentPatch): Promise<void> {
    return this.commits.write(() => this.patchIntent(id, patch));
  }

  async updateLine(id: string, patch: LinePatch): Promise<void> {
    return this.commits.write(() => this.patchLine(id, patch));
  }

  async intent(id: string): Promise<StoredIntent | undefined> {
    const row = this.sql(`${INTENT_SELECT} WHERE i.id = ?`).get(id) as IntentRow | undefined;
    return row && fromIntentRow(row);
  }

  async intentByKey(idempotencyKey: string): Promise<StoredIntent | undefined> {
    const row = this.sql(`${INTENT_SELECT} WHERE idempotency_key = ?`).get(idempotencyKey) as IntentRow | undefined;
    return row && fromIntentRow(row);
  }

  async intents(query: IntentQuery = {}): Promise<StoredIntent[]> {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    const add = (clause: string, name: string, value: unknown) => {
      where.push(clause);
      args[name] = value;
    };
    if (query.state) add('state = @state', 'state', query.state);
    if (query.kind) add('kind = @kind', 'kind', query.kind);
    if (query.line) add('line = @line', 'line', query.line);
    if (query.site) add('checked LIKE @site', 'site', `%"site":${JSON.stringify(query.site)}%`);
    if (query.after) add('n > @after', 'after', numberOf(query.after));
    const limit = query.limit ? ` LIMIT ${Math.max(1, Math.floor(query.limit))}` : '';
    const sql = `${INTENT_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY n${limit}`;
    return (this.db.prepare(sql).all(args) as IntentRow[]).map(fromIntentRow);
  }

  async history(intent: string): Promise<Transition[]> {
    return (this.sql('SELECT * FROM transitions WHERE intent = ? ORDER BY seq').all(intent) as TransitionRow[]).map(fromTransitionRow);
  }

  async transitionsSince(seq: number, limit = 10_000): Promise<Transition[]> {
    const rows = this.sql('SELECT * FROM transitions WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as TransitionRow[];
    return rows.map(fromTransitionRow);
  }

  async line(id: string): Promise<StoredLine | undefined> {
    const row = this.sql('SELECT * FROM lines WHERE id = ?').get(id) as LineRow | undefined;
    return row && fromLineRow(row);
  }

  async lineOutline(id: string): Promise<LineOutline | undefined> {
    const row = this.sql(`${OUTLINE_SELECT} WHERE id = ?`).get(id) as OutlineRow | undefined;
    return row && fromOutlineRow(row);
  }

  async lineOutlines(): Promise<LineOutline[]> {
    return (this.sql(`${OUTLINE_SELECT} ORDER BY n`).all() as OutlineRow[]).map(fromOutlineRow);
  }

  async lineIds(): Promise<string[]> {
    return (this.sql('SELECT id FROM lines').all() as { id: string }[]).map((r) => r.id);
  }

  async linesOnDevice(device: string): Promise<StoredLine[]> {
    // In SQLite: a line's text must hold the device's name as a JSON string (a quick scan) before json_each reads its
    // items; only the lines on the device are parsed into objects.
    const rows = this.sql(
      `SELECT id, from_site, to_site, bandwidth_kbps, intents, current, installed, NULL AS path FROM lines
       WHERE instr(installed, @quoted) > 0 AND EXISTS (
         SELECT 1 FROM json_each(lines.installed, '$.items') AS item WHERE json_extract(item.value, '$.device') = @device
       ) ORDER BY n`,
    ).all({ device, quoted: JSON.stringify(device) }) as LineRow[];
    return rows.map(fromLineRow);
  }

  async intentStates(): Promise<Map<string, IntentState>> {
    const rows = this.sql('SELECT id, state FROM intents').all() as { id: string; state: IntentState }[];
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  async lines(): Promise<StoredLine[]> {
    return (this.sql('SELECT * FROM lines ORDER BY n').all() as LineRow[]).map(fromLineRow);
  }

  async reservations(): Promise<StoredReservation[]> {
    const rows = this.sql('SELECT * FROM reservations ORDER BY rowid').all() as {
      id: string;
      owner: string;
      window_start: number;
      window_end: number | null;
      items: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      owner: r.owner,
      window: { start: r.window_start, end: r.window_end },
      items: JSON.parse(r.items),
    }));
  }

  async beginTransaction(t: StoredTransaction): Promise<void> {
    return this.commits.write(() => {
      this.sql(
        `INSERT INTO transactions (id, intent, line, purpose, state, changes, persist_id, plan, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET changes = excluded.changes, persist_id = excluded.persist_id, plan = excluded.plan`,
      ).run(t.id, t.intent, t.line, t.purpose, t.state, JSON.stringify(t.changes), t.persistId, json(t.plan), t.startedAt);
    });
  }

  async appendJournal(e: StoredJournalEntry): Promise<void> {
    return this.commits.write(() => {
      this.sql('INSERT INTO journal (tx, phase, state, persist_id, devices, at) VALUES (?, ?, ?, ?, ?, ?)').run(
        e.transaction,
        e.phase,
        e.state,
        e.persistId,
        JSON.stringify(e.devices),
        e.at,
      );
    });
  }

  async endTransaction(id: string, state: Exclude<TransactionState, 'open'>, at: number): Promise<void> {
    return this.commits.write(() => {
      this.sql('UPDATE transactions SET state = ?, ended_at = ? WHERE id = ?').run(state, at, id);
    });
  }

  async openTransactions(): Promise<StoredTransaction[]> {
    const rows = this.sql("SELECT * FROM transactions WHERE state = 'open' ORDER BY started_at, rowid").all() as TransactionRow[];
    return rows.map(transactionOf);
  }

  async openTransactionIds(): Promise<string[]> {
    const rows = this.sql("SELECT id FROM transactions WHERE state = 'open' ORDER BY started_at, rowid").all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  async transaction(id: string): Promise<StoredTransaction | undefined> {
    const row = this.sql('SELECT * FROM transactions WHERE id = ?').get(id) as TransactionRow | undefined;
    return row && transactionOf(row);
  }

  async journal(transaction: string): Promise<StoredJournalEntry[]> {
    const rows = this.sql('SELECT * FROM journal WHERE tx = ? ORDER BY seq').all(transaction) as {
      tx: string;
      phase: string;
      state: string;
      persist_id: string;
      devices: string;
      at: number;
    }[];
    return rows.map((r) => ({
      transaction: r.tx,
      phase: r.phase,
      state: r.state,
      persistId: r.persist_id,
      devices: JSON.parse(r.devices),
      at: r.at,
    }));
  }

  async schedule(): Promise<ScheduleEntry[]> {
    return this.sql('SELECT id, intent, action, at FROM schedule ORDER BY at, id').all() as ScheduleEntry[];
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commits.close();
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  private insertTransition(t: NewTransition): Transition {
    const info = this.sql('INSERT INTO transitions (intent, line, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      t.intent,
      t.line,
      t.from,
      t.to,
      t.reason,
      t.at,
    );
    return { seq: Number(info.lastInsertRowid), ...t };
  }

  private insertReservation(r: StoredReservation): void {
    this.sql('INSERT INTO reservations (id, owner, window_start, window_end, items) VALUES (?, ?, ?, ?, ?)').run(
      r.id,
      r.owner,
      r.window.start,
      r.window.end,
      JSON.stringify(r.items),
    );
    const item = this.sql(
      'INSERT INTO reservation_items (reservation, kind, fibre, channel, device, port, link, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const i of r.items) {
      if (i.kind === 'channel') item.run(r.id, i.kind, i.fibre, i.channel, null, null, null, null);
      else if (i.kind === 'port') item.run(r.id, i.kind, null, null, i.device, i.port, null, null);
      else if (i.kind === 'slots') item.run(r.id, i.kind, null, null, null, null, i.link, i.slots);
      else if (i.kind === 'osu') item.run(r.id, i.kind, null, null, null, null, i.link, i.kbps);
      else item.run(r.id, i.kind, null, i.link.channel, null, null, i.link.id, i.link.slots);
    }
  }

  /** One UPDATE per table for the whole patch (none for an empty one): SQLite rewrites the whole row per UPDATE. */
  private patchIntent(id: string, patch: IntentPatch): void {
    const { sets, values } = intentColumns(patch);
    if (values.length > 0) this.sql(`UPDATE intents SET ${sets.slice(2)} WHERE id = ?`).run(...values, id);
    this.patchPlan(id, patch);
  }

  private patchPlan(id: string, patch: IntentPatch): void {
    const { sets, values } = planColumns(patch);
    if (values.length > 0) this.sql(`UPDATE intent_plans SET ${sets.slice(2)} WHERE id = ?`).run(...values, id);
  }

  private patchLine(id: string, patch: LinePatch): void {
    const { sets, values } = lineColumns(patch);
    if (values.length > 0) this.sql(`UPDATE lines SET ${sets.slice(2)} WHERE id = ?`).run(...values, id);
  }
}
