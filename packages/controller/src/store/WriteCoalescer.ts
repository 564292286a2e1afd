import type Database from 'better-sqlite3';

/**
 * Group commit for the store's writes. Every write issued in one turn of the event loop runs inside one SQLite
 * transaction, committed (one fsync, under `synchronous = FULL`) on the next turn; each write's promise settles only
 * then, so a caller that awaits it knows it is on disk, while a thousand writes of one turn cost one fsync, not a
 * thousand. A write runs when issued (in a savepoint when it is itself a transaction): one that fails fails alone
 * and at once; a commit that fails fails every write it carried.
 */
/** The coalescers of this process, by database file. */
const SIBLINGS = new Map<string, Set<WriteCoalescer>>();

export class WriteCoalescer {
  private waiting: { resolve(): void; reject(error: unknown): void }[] | undefined;

  constructor(private readonly db: Database.Database) {
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

  /** Commits what is pending and forgets the connection (before it closes). */
  close(): void {
    this.flush();
    SIBLINGS.get(this.db.name)?.delete(this);
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
    for (const w of waiting) w.resolve();
  }
}
