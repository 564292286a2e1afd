import Database from 'better-sqlite3';
import { StatementCache } from '../store/StatementCache';
import { WriteCoalescer } from '../store/WriteCoalescer';
import { MilliError } from '@milli/core';
import type { AlarmQuery, AlarmRecord } from './AlarmRecord';

/** Where alarms are kept, with their raise and clear times. */
export interface AlarmStore {
  /** Records a raised alarm; an alarm already active under the same device and id is kept as it is. */
  raise(alarm: AlarmRecord): Promise<AlarmRecord>;
  /** Clears the active alarm of that device and id, if any, and returns it. */
  clear(device: string, id: string, at: number): Promise<AlarmRecord | undefined>;
  alarms(query?: AlarmQuery): Promise<AlarmRecord[]>;
  close(): Promise<void>;
}

const matches = (a: AlarmRecord, q: AlarmQuery) =>
  (q.active === undefined || (a.clearedAt === undefined) === q.active) &&
  (q.device === undefined || a.device === q.device) &&
  (q.line === undefined || a.lines.includes(q.line));

/** Alarms in memory (tests, and a controller without a store file). */
export class MemoryAlarmStore implements AlarmStore {
  private readonly records: AlarmRecord[] = [];

  async raise(alarm: AlarmRecord): Promise<AlarmRecord> {
    const active = this.records.find((a) => a.device === alarm.device && a.id === alarm.id && a.clearedAt === undefined);
    if (active) return active;
    this.records.push(structuredClone(alarm));
    return alarm;
  }

  async clear(device: string, id: string, at: number): Promise<AlarmRecord | undefined> {
    const active = this.records.find((a) => a.device === device && a.id === id && a.clearedAt === undefined);
    if (active) active.clearedAt = at;
    return active && structuredClone(active);
  }

  async alarms(query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    const found = this.records.filter((a) => matches(a, query)).sort((a, b) => b.raisedAt - a.raisedAt);
    return structuredClone(found.slice(0, query.limit ?? found.length));
  }

  async close(): Promise<void> {}
}

interface AlarmRow {
  key: string;
  record: string;
  cleared_at: number | null;
}

/**
 * Alarms in the controller's SQLite file (the `alarms` table of migration 2), on a connection of their own: alarms
 * arrive from devices at their own pace and never wait for a lifecycle write.
 */
export class SqliteAlarmStore implements AlarmStore {
  /** Its own connection to the controller's file: its writes share commits as the controller store's do, and take turns with them. */
  private readonly commits: WriteCoalescer;
  /** Statements prepared once: a cut raises and clears over a thousand alarms, each a lookup and a write. */
  private readonly statements: StatementCache;

  private constructor(private readonly db: Database.Database) {
    this.commits = new WriteCoalescer(db);
    this.statements = new StatementCache(db);
  }

  /** `file` must be a store SqliteStore.open has migrated. */
  static open(file: string): SqliteAlarmStore {
    try {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      return new SqliteAlarmStore(db);
    } catch (error) {
      throw new MilliError('STORE_FAILED', `cannot open the alarms of ${file}: ${(error as Error).message}`, { file });
    }
  }

  async raise(alarm: AlarmRecord): Promise<AlarmRecord> {
    const active = this.active(alarm.device, alarm.id);
    if (active) return active;
    return this.commits.write(() => {
      this.sql('INSERT INTO alarms (key, device, alarm_id, lines, raised_at, cleared_at, record) VALUES (?, ?, ?, ?, ?, NULL, ?)').run(
        alarm.key,
        alarm.device,
        alarm.id,
        ` ${alarm.lines.join(' ')} `,
        alarm.raisedAt,
        JSON.stringify(alarm),
      );
      return alarm;
    });
  }

  async clear(device: string, id: string, at: number): Promise<AlarmRecord | undefined> {
    const active = this.active(device, id);
    if (!active) return undefined;
    const cleared = { ...active, clearedAt: at };
    return this.commits.write(() => {
      this.sql('UPDATE alarms SET cleared_at = ?, record = ? WHERE key = ?').run(at, JSON.stringify(cleared), active.key);
      return cleared;
    });
  }

  async alarms(query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.active !== undefined) where.push(query.active ? 'cleared_at IS NULL' : 'cleared_at IS NOT NULL');
    if (query.device !== undefined) {
      where.push('device = ?');
      args.push(query.device);
    }
    if (query.line !== undefined) {
      where.push("instr(lines, ' ' || ? || ' ') > 0");
      args.push(query.line);
    }
    const sql = `SELECT key, record, cleared_at FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, key LIMIT ?`;
    const rows = this.sql(sql).all(...args, query.limit ?? -1) as AlarmRow[];
    return rows.map((r) => JSON.parse(r.record) as AlarmRecord);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commits.close();
    this.db.close();
  }

  private active(device: string, id: string): AlarmRecord | undefined {
    const row = this.sql('SELECT key, record, cleared_at FROM alarms WHERE device = ? AND alarm_id = ? AND cleared_at IS NULL').get(
      device,
      id,
    ) as AlarmRow | undefined;
    return row ? (JSON.parse(row.record) as AlarmRecord) : undefined;
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }
}
