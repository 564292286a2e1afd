import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Group commit for the store's writes. Every write issued in one turn of the event loop runs inside one SQLite
 * transaction, committed (one fsync, under `synchronous = FULL`) on the next turn; each write's promise settles only
 * then, so a caller that awaits it knows it is on disk, while a thousand writes of one turn cost one fsync, not a
 * thousand. A write runs when issued (in a savepoint when it is itself a transaction): one that fails fails alone
 * and at once; a commit that fails fails every write it carried.
 *
 * On a connection in WAL mode with `synchronous = NORMAL` (SqliteStore's), SQLite's COMMIT does not sync the WAL:
 * the coalescer does, with fdatasync on libuv's thread pool, and settles the commit's writes once it returned. The
 * writes are as durable when their promises settle as under FULL, but the event loop is not blocked during the
 * sync (under FULL it was, for about a millisecond per commit: the largest part of the store's time in
 * bench:provision). Commits made while a sync runs share the next one; commits settle in the order they were made.
 */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** The coalescers of this process, by database file. */
const SIBLINGS = new Map<string, Set<WriteCoalescer>>();

export class WriteCoalescer {
  private waiting: Waiter[] | undefined;
  /** The WAL file this coalescer syncs itself, when SQLite's commits do not. */
  private readonly walPath: string | undefined;
  private wal: { fd: number; ino: number } | undefined;
  /** Writes committed and waiting for the next sync of the WAL, and whether one runs now. */
  private unsynced: Waiter[] = [];
  private syncing = false;
  private closed = false;

  constructor(private readonly db: Database.Database) {
    const wal = !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal';
    this.walPath = wal && db.pragma('synchronous', { simple: true }) === 1 ? `${db.name}-wal` : undefined;
    const siblings = SIBLINGS.get(db.name) ?? new Set();
    siblings.add(this);
    SIBLINGS.set(db.name, siblings);
  }

  write<T>(work: () => T): Promise<T> {
    if (!this.waiting) {
      // Another connection of this process to the same file may hold the write lock until its next turn: waiting
      // for it here would block the very event loop that releases it, so its writes are committed first.
      for (const sibling of SIBLINGS.get(this.db.name) ?? []) if (sibling !== this) sibling.flush();
      this.db.exec('BEGIN IMMEDIATE');
      this.waiting = [];
      setImmediate(() => this.flush());
    }
    const waiting = this.waiting;
    let result: T;
    try {
      result = work();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) => waiting.push({ resolve: () => resolve(result), reject }));
  }

  /** Commits what is pending and forgets the connection (before it closes); the WAL's descriptor goes once synced. */
  close(): void {
    this.flush();
    SIBLINGS.get(this.db.name)?.delete(this);
    this.closed = true;
    if (!this.syncing) this.closeWal();
  }

  /** Commits what was written since the last commit. */
  flush(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const w of waiting) w.reject(error);
      return;
    }
    if (this.walPath === undefined) {
      for (const w of waiting) w.resolve();
      return;
    }
    this.unsynced.push(...waiting);
    if (!this.syncing) this.sync(this.walPath);
  }

  /** One fdatasync for every commit made since the last one began; again while commits came meanwhile. */
  private sync(path: string): void {
    const batch = this.unsynced;
    this.unsynced = [];
    this.syncing = true;
    this.syncWal(path).then(
      () => this.synced(path, batch, undefined),
      (error: unknown) => this.synced(path, batch, error),
    );
  }

  private synced(path: string, batch: Waiter[], error: unknown): void {
    this.syncing = false;
    for (const w of batch) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
    if (this.unsynced.length > 0) this.sync(path);
    else if (this.closed) this.closeWal();
  }

  private closeWal(): void {
    if (this.wal) closeSync(this.wal.fd);
    this.wal = undefined;
  }

  /** fdatasync of the WAL file, off the event loop; its descriptor is opened again should SQLite have replaced the file. */
  private syncWal(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        const ino = statSync(path).ino;
        if (this.wal?.ino !== ino) {
          if (this.wal) closeSync(this.wal.fd);
          const fd = openSync(path, 'r+');
          this.wal = { fd, ino: fstatSync(fd).ino };
        }
        fdatasync(this.wal.fd, (error) => (error ? reject(error) : resolve()));
      } catch (error) {
        reject(error);
      }
    });
  }
}
