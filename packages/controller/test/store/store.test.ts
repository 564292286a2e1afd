import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/index';
import type { StoredIntent } from '../../src/store/ControllerStore';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores';

const intent = (id: string, extra: Partial<StoredIntent> = {}): StoredIntent => ({
  id,
  kind: 'access-line',
  line: 'L-1',
  state: 'accepted',
  input: 'connect P-1 to dc-north with 100Mbps',
  explain: [],
  snapshot: { value: 'accepted' },
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});
/** A stand-in for a path view: the store keeps it as JSON whatever its shape. */
const viewOf = (working: string) => ({ working }) as unknown as StoredIntent['path'];
/** The first transition of an intent: accepted, as submitted. */
const submitted = (intent: string, line: string, at = 1) => ({
  intent,
  line,
  from: null,
  to: 'accepted' as const,
  reason: 'submitted',
  at,
});
const line = { id: 'L-1', from: 'P-1', to: 'dc-north', bandwidthKbps: 100_000, intents: ['I-1'], current: 'I-1' };

let opened: TestStore | undefined;
afterEach(async () => {
  await opened?.dispose();
  opened = undefined;
});

describe.each(STORE_KINDS)('the %s store', (kind) => {
  it('hands out ids that never repeat, per prefix', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    expect([await store.nextId('L'), await store.nextId('L'), await store.nextId('I')]).toEqual(['L-1', 'L-2', 'I-1']);
    expect(await opened.reopen().nextId('L')).toBe('L-3');
  });

  it('stores a transition with its intent and line patches, and a patch of its own, each column as given', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    await store.createIntent(intent('I-1', { compilation: { plan: 1 }, path: viewOf('a') }), line, submitted('I-1', 'L-1'));
    expect(await store.intent('I-1')).toMatchObject({ compilation: { plan: 1 }, path: { working: 'a' } });
    await store.writeTransition({
      transition: { intent: 'I-1', line: 'L-1', from: 'accepted', to: 'compiling', reason: 'compiling', at: 2 },
      snapshot: { value: 'compiling' },
      intent: {
        compilation: { plan: 2 },
        path: viewOf('b'),
        error: { kind: 'no-path', code: 'PCE_NO_ROUTE', message: 'none', evidence: {} },
      },
      line: { id: 'L-1', patch: { installed: { items: [1] }, path: viewOf('b') } },
    });
    await store.updateIntent('I-1', { checked: { site: 'P-1' }, error: undefined });
    const read = async (s: typeof store) => ({ intent: await s.intent('I-1'), line: await s.line('L-1') });
    for (const s of [store, opened.reopen()]) {
      const { intent: stored, line: storedLine } = await read(s);
      expect(stored).toMatchObject({
        state: 'compiling',
        snapshot: { value: 'compiling' },
        compilation: { plan: 2 },
        path: { working: 'b' },
        checked: { site: 'P-1' },
        updatedAt: 2,
      });
      expect(stored?.error).toBeUndefined();
      expect(storedLine).toMatchObject({ installed: { items: [1] }, path: { working: 'b' } });
      expect((await s.intents({ state: 'compiling' })).map((i) => [i.id, i.compilation])).toEqual([['I-1', { plan: 2 }]]);
    }
  });

  it('lists line ids without reading the lines', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    expect(await store.lineIds()).toEqual([]);
    await store.createIntent(intent('I-1'), line, submitted('I-1', 'L-1'));
    expect(await store.lineIds()).toEqual(['L-1']);
    expect(await opened.reopen().lineIds()).toEqual(['L-1']);
  });

  it("finds the lines installed on a device and every intent's state without reading the intents", async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    const item = (device: string) => ({ device, layer: 'osu-connection', name: `x-${device}` });
    await store.createIntent(intent('I-1'), line, submitted('I-1', 'L-1'));
    await store.createIntent(
      intent('I-2', { line: 'L-2', state: 'active' }),
      { ...line, id: 'L-2', intents: ['I-2'], current: 'I-2' },
      submitted('I-2', 'L-2'),
    );
    await store.updateLine('L-1', { installed: { line: 'L-1', items: [item('P-1-osu'), item('dc-north-otn')] } });
    // A device named only in another field (the line's device list) does not make it a line on that device.
    await store.updateLine('L-2', { installed: { line: 'L-2', items: [item('P-2-osu')], devices: ['P-1-osu'] } });
    expect((await store.linesOnDevice('P-1-osu')).map((l) => l.id)).toEqual(['L-1']);
    expect((await store.linesOnDevice('dc-north-otn')).map((l) => l.id)).toEqual(['L-1']);
    expect((await store.linesOnDevice('P-2-osu')).map((l) => l.id)).toEqual(['L-2']);
    expect(await store.linesOnDevice('P-9-osu')).toEqual([]);
    expect(await store.intentStates()).toEqual(
      new Map([
        ['I-1', 'accepted'],
        ['I-2', 'active'],
      ]),
    );
  });

  it('writes a transition with its reservation and schedule entry together, and releases them together', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    const first = await store.createIntent(intent('I-1'), line, submitted('I-1', 'L-1'));
    expect(first.seq).toBe(1);
    const items = [{ kind: 'channel' as const, fibre: 'F-1', channel: 7 }];
    await store.writeTransition({
      transition: { intent: 'I-1', line: 'L-1', from: 'accepted', to: 'reserved', reason: 'path', at: 2 },
      snapshot: { value: 'reserved' },
      reserve: [{ id: 'R-1', owner: 'I-1', window: { start: 10, end: 20 }, items }],
      scheduleAdd: [{ id: 'S-1', intent: 'I-1', action: 'start', at: 10 }],
    });
    const reread = opened.reopen();
    expect(await reread.reservations()).toEqual([{ id: 'R-1', owner: 'I-1', window: { start: 10, end: 20 }, items }]);
    expect(await reread.schedule()).toEqual([{ id: 'S-1', intent: 'I-1', action: 'start', at: 10 }]);
    expect((await reread.intent('I-1'))?.state).toBe('reserved');
    await reread.writeTransition({
      transition: { intent: 'I-1', line: 'L-1', from: 'reserved', to: 'deleting', reason: 'release', at: 3 },
      snapshot: {},
      releaseOwners: ['I-1'],
      scheduleDoneFor: ['I-1'],
    });
    expect(await reread.reservations()).toEqual([]);
    expect(await reread.schedule()).toEqual([]);
    expect((await reread.transitionsSince(1)).map((t) => t.to)).toEqual(['reserved', 'deleting']);
  });

  it('keeps nothing of a transition whose intent is unknown', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    await expect(
      store.writeTransition({
        transition: { intent: 'I-9', line: null, from: 'accepted', to: 'reserved', reason: 'x', at: 1 },
        snapshot: {},
        reserve: [{ id: 'R-1', owner: 'I-9', window: { start: 0, end: null }, items: [] }],
      }),
    ).rejects.toMatchObject({ code: 'CONTROLLER_NOT_FOUND' });
    expect(await store.reservations()).toEqual([]);
    expect(await store.transitionsSince(0)).toEqual([]);
  });

  it('lists intents by filter, in creation order, after a cursor', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    for (const n of [1, 2, 3]) {
      await store.createIntent(
        intent(`I-${n}`, { kind: n === 2 ? 'release' : 'access-line', checked: { from: { site: n === 3 ? 'P-10' : 'P-1' } } }),
        undefined,
        submitted(`I-${n}`, 'L-1', n),
      );
    }
    expect((await store.intents()).map((i) => i.id)).toEqual(['I-1', 'I-2', 'I-3']);
    expect((await store.intents({ kind: 'access-line', after: 'I-1' })).map((i) => i.id)).toEqual(['I-3']);
    expect((await store.intents({ limit: 2 })).map((i) => i.id)).toEqual(['I-1', 'I-2']);
    expect((await store.intents({ site: 'P-1' })).map((i) => i.id)).toEqual(['I-1', 'I-2']);
  });

  it('keeps a transaction open with its change sets until it ends, with its journal', async () => {
    opened = openTestStore(kind);
    const { store } = opened;
    const changes = [{ device: 'd1', datastore: 'candidate' as const, edits: [{ op: 'create' }], inverse: [{ op: 'delete' }] }];
    await store.beginTransaction({
      id: 'T-1',
      intent: 'I-1',
      line: 'L-1',
      purpose: 'install',
      state: 'open',
      changes,
      persistId: 'T-1',
      startedAt: 5,
    });
    await store.appendJournal({ transaction: 'T-1', phase: 'commit', state: 'started', persistId: 'T-1', devices: ['d1'], at: 6 });
    const reread = opened.reopen();
    expect((await reread.openTransactions()).map((t) => [t.id, t.changes])).toEqual([['T-1', changes]]);
    expect(await reread.openTransactionIds()).toEqual(['T-1']);
    expect((await reread.journal('T-1')).map((e) => `${e.phase}:${e.state}`)).toEqual(['commit:started']);
    await reread.endTransaction('T-1', 'done', 7);
    expect(await reread.openTransactions()).toEqual([]);
    expect(await reread.openTransactionIds()).toEqual([]);
  });
});

describe('the SQLite file', () => {
  it('refuses a database written by a newer version, naming both versions', async () => {
    opened = openTestStore('sqlite');
    await opened.store.close();
    const raw = new Database(opened.file!);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => SqliteStore.open(opened!.file!)).toThrow(
      expect.objectContaining({ code: 'STORE_SCHEMA_NEWER', context: expect.objectContaining({ storeVersion: SCHEMA_VERSION + 1 }) }),
    );
  });

  it('migrates a version-1 file: its reservations and their items stay, and a line or lightpath may own one', async () => {
    opened = openTestStore('sqlite');
    await opened.store.close();
    rmSync(opened.file!, { force: true });
    const raw = new Database(opened.file!);
    raw.exec(MIGRATIONS[0]!.sql);
    raw.pragma('user_version = 1');
    raw
      .prepare(
        "INSERT INTO intents (id, n, kind, line, state, input, compilation, explain, path, snapshot, created_at, updated_at) VALUES ('I-1', 1, 'access-line', 'L-1', 'active', '\"x\"', '{\"reserved\":1}', '[]', '{\"working\":2}', '{}', 1, 1)",
      )
      .run();
    raw.prepare("INSERT INTO reservations VALUES ('R-1', 'I-1', 0, NULL, '[]')").run();
    raw.prepare("INSERT INTO reservation_items (reservation, kind, fibre, channel) VALUES ('R-1', 'channel', 'F-1', 3)").run();
    raw.close();

    const store = SqliteStore.open(opened.file!);
    expect((await store.reservations()).map((r) => [r.id, r.owner])).toEqual([['R-1', 'I-1']]);
    // The intent's plan and path moved to a table of their own (migration 5) and read back with it.
    expect(await store.intent('I-1')).toMatchObject({ state: 'active', compilation: { reserved: 1 }, path: { working: 2 } });
    await store.writeTransition({
      transition: { intent: 'I-1', line: 'L-1', from: 'active', to: 'modifying', reason: 'x', at: 2 },
      snapshot: {},
      reserve: [
        { id: 'R-2', owner: 'lightpath:otu:a~b', window: { start: 0, end: null }, items: [] },
        { id: 'R-3', owner: 'L-1', window: { start: 0, end: null }, items: [] },
      ],
    });
    expect((await store.reservations()).map((r) => r.owner)).toEqual(['I-1', 'lightpath:otu:a~b', 'L-1']);
    await store.close();
    const check = new Database(opened.file!, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare('SELECT reservation, fibre, channel FROM reservation_items').all()).toEqual([
      { reservation: 'R-1', fibre: 'F-1', channel: 3 },
    ]);
    check.close();
  });

  it('reads a transaction’s journal and a reservation’s items by their indexes, not by scanning every row', async () => {
    opened = openTestStore('sqlite');
    await opened.store.close();
    const raw = new Database(opened.file!, { readonly: true });
    const plan = raw.prepare('EXPLAIN QUERY PLAN SELECT * FROM journal WHERE tx = ? ORDER BY seq').all('T-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX journal_tx/);
    // Deleting a reservation deletes its items: found by their reservation, not by a scan of every item.
    const items = raw.prepare('EXPLAIN QUERY PLAN DELETE FROM reservation_items WHERE reservation = ?').all('R-1') as { detail: string }[];
    expect(items.map((p) => p.detail).join('; ')).toMatch(/USING (COVERING )?INDEX reservation_items_reservation/);
    raw.close();
  });

  it('runs in WAL mode at the current schema version', async () => {
    opened = openTestStore('sqlite');
    await opened.store.close();
    const raw = new Database(opened.file!);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });
});
