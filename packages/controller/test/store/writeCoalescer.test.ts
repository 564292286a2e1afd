import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type ControllerStore, SqliteAlarmStore } from '../../src/index';
import { openTestStore, type TestStore } from '../support/stores';

let opened: TestStore | undefined;
afterEach(async () => {
  await opened?.dispose();
  opened = undefined;
});

const journalEntry = (transaction: string, phase: string) => ({
  transaction,
  phase,
  state: 'started',
  persistId: transaction,
  devices: ['d1'],
  at: 1,
});

/** An open install transaction with no change sets, for journal entries to belong to. */
const openTransaction = (store: ControllerStore, id: string) =>
  store.beginTransaction({ id, intent: 'I-1', line: 'L-1', purpose: 'install', state: 'open', changes: [], persistId: id, startedAt: 1 });

describe('the store commits the writes of one turn together', () => {
  it('writes of one turn are one commit: another connection sees none of them before their promises settle, all after', async () => {
    opened = openTestStore('sqlite');
    const { store, file } = opened;
    await openTransaction(store, 'T-1');
    const reader = new Database(file!, { readonly: true });
    const count = () => (reader.prepare("SELECT count(*) AS n FROM journal WHERE tx = 'T-1'").get() as { n: number }).n;
    const writes = ['prepare', 'commit', 'verify', 'confirm'].map((phase) => store.appendJournal(journalEntry('T-1', phase)));
    // Issued at once (the writing connection reads them back), on disk only with the turn's commit.
    expect((await store.journal('T-1')).length).toBe(4);
    expect(count()).toBe(0);
    await Promise.all(writes);
    expect(count()).toBe(4);
    reader.close();
  });

  it('syncs the WAL itself off the event loop, and settles commits in the order they were made', async () => {
    opened = openTestStore('sqlite');
    const { store, file } = opened;
    const probe = new Database(file!, { readonly: true });
    // WAL mode: SQLite's commit leaves the sync to the coalescer (which syncs before settling), so it is NORMAL.
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    const settled: string[] = [];
    const ids: Promise<string>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      ids.push(
        store.nextId('I').then((id) => {
          settled.push(id);
          return id;
        }),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(ids)).toEqual(['I-1', 'I-2', 'I-3', 'I-4', 'I-5']);
    expect(settled).toEqual(['I-1', 'I-2', 'I-3', 'I-4', 'I-5']);
    expect(await opened.reopen().nextId('I')).toBe('I-6');
  });

  it('a write that fails fails alone; the others of its turn are committed', async () => {
    opened = openTestStore('sqlite');
    const { store } = opened;
    await openTransaction(store, 'T-1');
    const good = store.appendJournal(journalEntry('T-1', 'prepare'));
    // No transaction T-9: the journal's foreign key refuses it.
    const bad = store.appendJournal(journalEntry('T-9', 'prepare'));
    const results = await Promise.allSettled([good, bad]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await opened.reopen().journal('T-1')).map((e) => e.phase)).toEqual(['prepare']);
  });

  it('two connections of one process to the file take turns within one turn of the event loop instead of waiting on each other', async () => {
    opened = openTestStore('sqlite');
    const { store, file } = opened;
    const alarms = SqliteAlarmStore.open(file!);
    // Had either waited for the other's lock, the busy timeout would have run out and the write failed (SQLITE_BUSY).
    const [id, alarm] = await Promise.all([
      store.nextId('I'),
      alarms.raise({
        key: 'd1/a1',
        device: 'd1',
        id: 'a1',
        resource: 'p1',
        type: 'los',
        severity: 'major',
        text: 'x',
        raisedAt: 1,
        lines: [],
      } as never),
      store.nextId('I'),
    ]);
    expect(id).toBe('I-1');
    expect(alarm).toMatchObject({ key: 'd1/a1' });
    expect((await alarms.alarms({ active: true })).length).toBe(1);
    await alarms.close();
  });
});
