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
  lines: string;
  record: string;
  cleared_at: number | null;
}

/**
 * Alarms in the controller's SQLite file (the `alarms` table of migration 2), on a connection of their own: alarms
 * arrive from devices at their own pace and never wait for a lifecycle write.
 *
 * The active alarms are also kept in memory (read once, then from this store's own raises and clears: nothing else
 * writes the table), so a raise or clear does not read and parse its alarm's row first, and a clear writes its time
 * alone: the row's `cleared_at` is the clear time, which reads put into the record (a record of a previous version
 * may hold it too, equal). A cut raises and clears over a thousand alarms, each naming hundreds of lines: the
 * record keeps them once, in the `lines` column.
 */
export class SqliteAlarmStore implements AlarmStore {
  /** Its own connection to the controller's file: its writes share commits as the controller store's do, and take turns with them. */
  private readonly commits: WriteCoalescer;
  /** Statements prepared once: a cut raises and clears over a thousand alarms, each a lookup and a write. */
  private readonly statements: StatementCache;
  /** The active alarms by `device/alarm id`, once read. */
  private standing: Map<string, AlarmRecord> | undefined;

  private constructor(private readonly db: Database.Database) {
    this.commits = new WriteCoalescer(db);
    this.statements = new StatementCache(db);
  }

  /** `file` must be a store SqliteStore.open has migrated. */
  static open(file: string): SqliteAlarmStore {
    try {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      // As the controller store's connection: in WAL mode SQLite's commits do not sync, the coalescer syncs the WAL
      // off the event loop before the writes settle. (At the default, FULL, every commit of a cut's alarm bursts
      // synced the file on the event loop.)
      if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('synchronous = NORMAL');
      return new SqliteAlarmStore(db);
    } catch (error) {
      throw new MilliError('STORE_FAILED', `cannot open the alarms of ${file}: ${(error as Error).message}`, { file });
    }
  }

  async raise(alarm: AlarmRecord): Promise<AlarmRecord> {
    const standing = this.active();
    const at = activeKey(alarm.device, alarm.id);
    const active = standing.get(at);
    if (active) return active;
    const written = this.commits.write(() => {
      this.sql('INSERT INTO alarms (key, device, alarm_id, lines, raised_at, cleared_at, record) VALUES (?, ?, ?, ?, ?, NULL, ?)').run(
        alarm.key,
        alarm.device,
        alarm.id,
        ` ${alarm.lines.join(' ')} `,
        alarm.raisedAt,
        recordJson(alarm),
      );
      standing.set(at, alarm);
      return alarm;
    });
    // A commit that fails takes the raise back: it is not in the file.
    written.catch(() => {
      if (standing.get(at) === alarm) standing.delete(at);
    });
    return written;
  }

  async clear(device: string, id: string, at: number): Promise<AlarmRecord | undefined> {
    const standing = this.active();
    const key = activeKey(device, id);
    const active = standing.get(key);
    if (!active) return undefined;
    const cleared = { ...active, clearedAt: at };
    const written = this.commits.write(() => {
      this.sql('UPDATE alarms SET cleared_at = ? WHERE key = ?').run(at, active.key);
      standing.delete(key);
      return cleared;
    });
    // A commit that fails leaves the alarm standing in the file, and so here.
    written.catch(() => {
      if (!standing.has(key)) standing.set(key, active);
    });
    return written;
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
    const sql = `SELECT key, lines, record, cleared_at FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, key LIMIT ?`;
    const rows = this.sql(sql).all(...args, query.limit ?? -1) as AlarmRow[];
    return rows.map(fromAlarmRow);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commits.close();
    this.db.close();
  }

  /** The active alarms, read from the file on first use. */
  private active(): Map<string, AlarmRecord> {
    if (!this.standing) {
      const rows = this.sql('SELECT key, lines, record, cleared_at FROM alarms WHERE cleared_at IS NULL').all() as AlarmRow[];
      this.standing = new Map(
        rows.map((row) => {
          const alarm = fromAlarmRow(row);
          return [activeKey(alarm.device, alarm.id), alarm];
        }),
      );
    }
    return this.standing;
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }
}

const activeKey = (device: string, id: string) => `${device}\n${id}`;

/**
 * The record as its row keeps it: without its lines, which the row's `lines` column holds (` L-1 L-2 `, for the
 * line filter) and which are most of an alarm of a fibre (every line on it).
 */
function recordJson(alarm: AlarmRecord): string {
  const { lines: _inTheColumn, ...record } = alarm;
  return JSON.stringify(record);
}

/** The record, with the lines and the clear time of its row (a record of a previous version may hold both, equal). */
function fromAlarmRow(row: AlarmRow): AlarmRecord {
  const alarm = JSON.parse(row.record) as AlarmRecord;
  if (!alarm.lines) {
    const lines = row.lines.trim();
    alarm.lines = lines === '' ? [] : lines.split(' ');
  }
  if (row.cleared_at !== null) alarm.clearedAt = row.cleared_at;
  return alarm;
}
