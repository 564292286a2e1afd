import type Database from 'better-sqlite3';
import { MilliError } from '@milli/core';

/**
 * The SQLite schema as numbered migrations. A database records the last migration applied (PRAGMA user_version);
 * at open, every later migration runs in one transaction each. Never edit a published migration: add the next one.
 */
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE counters (prefix TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE intents (
        id TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE, kind TEXT NOT NULL, line TEXT, state TEXT NOT NULL,
        input TEXT NOT NULL, idempotency_key TEXT UNIQUE, checked TEXT, compilation TEXT, explain TEXT NOT NULL,
        path TEXT, error TEXT, snapshot TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX intents_line ON intents(line);
      CREATE TABLE lines (
        id TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE, from_site TEXT NOT NULL, to_site TEXT NOT NULL,
        bandwidth_kbps INTEGER NOT NULL, intents TEXT NOT NULL, current TEXT NOT NULL, installed TEXT, path TEXT);
      CREATE TABLE transitions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, intent TEXT NOT NULL REFERENCES intents(id), line TEXT,
        from_state TEXT, to_state TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX transitions_intent ON transitions(intent);
      CREATE TABLE reservations (
        id TEXT PRIMARY KEY, owner TEXT NOT NULL REFERENCES intents(id), window_start INTEGER NOT NULL,
        window_end INTEGER, items TEXT NOT NULL);
      CREATE INDEX reservations_owner ON reservations(owner);
      -- The concrete numbers each reservation holds, one row per item, so what is held where can be queried.
      CREATE TABLE reservation_items (
        reservation TEXT NOT NULL REFERENCES reservations(id) ON DELETE CASCADE, kind TEXT NOT NULL,
        fibre TEXT, channel INTEGER, device TEXT, port TEXT, link TEXT, amount REAL);
      CREATE TABLE transactions (
        id TEXT PRIMARY KEY, intent TEXT NOT NULL, line TEXT NOT NULL, purpose TEXT NOT NULL, state TEXT NOT NULL,
        changes TEXT NOT NULL, persist_id TEXT NOT NULL, plan TEXT, started_at INTEGER NOT NULL, ended_at INTEGER);
      CREATE INDEX transactions_open ON transactions(state);
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, tx TEXT NOT NULL REFERENCES transactions(id), phase TEXT NOT NULL,
        state TEXT NOT NULL, persist_id TEXT NOT NULL, devices TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE schedule (id TEXT PRIMARY KEY, intent TEXT NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL);
    `,
  },
  {
    version: 2,
    sql: `
      -- Alarms as devices report them, with raise and clear times, root cause and lines (the record as JSON).
      CREATE TABLE alarms (
        key TEXT PRIMARY KEY, device TEXT NOT NULL, alarm_id TEXT NOT NULL, lines TEXT NOT NULL,
        raised_at INTEGER NOT NULL, cleared_at INTEGER, record TEXT NOT NULL);
      CREATE INDEX alarms_active ON alarms(device, alarm_id, cleared_at);
    `,
  },
  {
    // Reservations belong to what holds the resources on the network, a line or a lightpath (`lightpath:<link>`),
    // not to the intent that asked: the owner no longer references intents.
    version: 3,
    sql: `
      CREATE TABLE reservations_by_holder (
        id TEXT PRIMARY KEY, owner TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER, items TEXT NOT NULL);
      INSERT INTO reservations_by_holder SELECT id, owner, window_start, window_end, items FROM reservations;
      CREATE TABLE reservation_items_by_holder (
        reservation TEXT NOT NULL REFERENCES reservations_by_holder(id) ON DELETE CASCADE, kind TEXT NOT NULL,
        fibre TEXT, channel INTEGER, device TEXT, port TEXT, link TEXT, amount REAL);
      INSERT INTO reservation_items_by_holder SELECT * FROM reservation_items;
      DROP TABLE reservation_items;
      DROP TABLE reservations;
      ALTER TABLE reservations_by_holder RENAME TO reservations;
      ALTER TABLE reservation_items_by_holder RENAME TO reservation_items;
      CREATE INDEX reservations_owner ON reservations(owner);
    `,
  },
  {
    // A transaction's journal is read by its id (recovery, the phase metrics after every transaction), and deleting a
    // reservation deletes its items (ON DELETE CASCADE): without these indexes each read scanned every journal row
    // ever written, and each reservation released (a line moved releases its own and its lightpaths') every item.
    version: 4,
    sql: `
      CREATE INDEX journal_tx ON journal(tx, seq);
      CREATE INDEX reservation_items_reservation ON reservation_items(reservation);
    `,
  },
  {
    // An intent's plan (its compilation, kilobytes of paths and numbered resources) and its path view in a table of
    // their own: SQLite rewrites a whole row per UPDATE, and every transition updates the intent's state and snapshot.
    // Under a cut, the FAULT and RESTORE transitions of 200 lines each rewrote 15 kB rows (3 MB per wave of commits)
    // to change a few bytes.
    version: 5,
    sql: `
      CREATE TABLE intent_plans (id TEXT PRIMARY KEY REFERENCES intents(id), compilation TEXT, path TEXT);
      INSERT INTO intent_plans (id, compilation, path) SELECT id, compilation, path FROM intents;
      ALTER TABLE intents DROP COLUMN compilation;
      ALTER TABLE intents DROP COLUMN path;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings a store file to SCHEMA_VERSION, one migration per transaction; a file from a newer milli is refused untouched. */
export function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new MilliError(
      'STORE_SCHEMA_NEWER',
      `the store ${file} has schema version ${current}, written by a newer milli; this one knows up to ${SCHEMA_VERSION}: upgrade milli or use another file`,
      { file, storeVersion: current, knownVersion: SCHEMA_VERSION },
    );
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
