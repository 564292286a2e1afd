import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../src/assurance/AlarmRecord';
import { type AlarmStore, MemoryAlarmStore, SqliteAlarmStore } from '../../src/assurance/AlarmStore';
import { SqliteStore } from '../../src/store/SqliteStore';

const record = (device: string, id: string, lines: string[], raisedAt: number): AlarmRecord => ({
  key: `${device}/${id}@${raisedAt}`,
  device,
  id,
  resource: 'deg-1',
  type: 'loss-of-signal',
  severity: 'critical',
  text: 'los',
  root: { kind: 'fibre', id: 'F-1' },
  lines,
  raisedAt,
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const stores: [string, () => Promise<AlarmStore>][] = [
  ['memory', async () => new MemoryAlarmStore()],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'milli-alarms-'));
      dirs.push(dir);
      const file = join(dir, 'milli.db');
      await SqliteStore.open(file).close(); // migrates: the alarms table comes with migration 2
      return SqliteAlarmStore.open(file);
    },
  ],
];

describe.each(stores)('%s alarm store', (_name, open) => {
  it('keeps one active alarm per device and id, filters by active, device and line, and records the clear time', async () => {
    const store = await open();
    await store.raise(record('R1', 'los-deg-1', ['L-1', 'L-10'], 1000));
    const again = await store.raise(record('R1', 'los-deg-1', ['L-1'], 2000));
    expect(again.raisedAt).toBe(1000);
    await store.raise(record('R2', 'los-deg-1', ['L-2'], 1500));
    expect((await store.alarms()).map((a) => a.device)).toEqual(['R2', 'R1']);
    expect((await store.alarms({ line: 'L-1' })).map((a) => a.device)).toEqual(['R1']);
    expect(await store.alarms({ line: 'L-' })).toEqual([]);
    expect((await store.alarms({ device: 'R2' })).map((a) => a.lines)).toEqual([['L-2']]);

    const cleared = await store.clear('R1', 'los-deg-1', 3000);
    expect(cleared?.clearedAt).toBe(3000);
    expect(await store.clear('R1', 'los-deg-1', 4000)).toBeUndefined();
    expect((await store.alarms({ active: true })).map((a) => a.device)).toEqual(['R2']);
    expect((await store.alarms({ active: false }))[0]).toMatchObject({ device: 'R1', clearedAt: 3000 });
    // Raised again after its clear: a new record beside the old one.
    await store.raise(record('R1', 'los-deg-1', ['L-1'], 5000));
    expect((await store.alarms({ device: 'R1' })).map((a) => [a.raisedAt, a.clearedAt])).toEqual([
      [5000, undefined],
      [1000, 3000],
    ]);
    await store.close();
  });
});

describe('sqlite alarm store over a file a previous store wrote', () => {
  it('clears what the previous store left standing, keeps one active alarm per device and id, and reads back the clear times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'milli-alarms-'));
    dirs.push(dir);
    const file = join(dir, 'milli.db');
    await SqliteStore.open(file).close();
    const before = SqliteAlarmStore.open(file);
    await before.raise(record('R1', 'los-deg-1', ['L-1', 'L-2'], 1000));
    await before.raise(record('R2', 'los-deg-1', ['L-2'], 1100));
    await before.clear('R2', 'los-deg-1', 1200);
    await before.close();

    const store = SqliteAlarmStore.open(file);
    // Still standing in the file: a raise keeps it as it was.
    expect((await store.raise(record('R1', 'los-deg-1', ['L-9'], 2000))).raisedAt).toBe(1000);
    expect(await store.clear('R2', 'los-deg-1', 2100)).toBeUndefined();
    const cleared = await store.clear('R1', 'los-deg-1', 2200);
    expect(cleared).toMatchObject({ key: 'R1/los-deg-1@1000', lines: ['L-1', 'L-2'], clearedAt: 2200 });
    await store.close();

    // A row as an earlier version wrote it: the whole record as JSON, lines and clear time in it.
    const earlier = { ...record('R3', 'los-deg-1', ['L-3'], 900), clearedAt: 950 };
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO alarms (key, device, alarm_id, lines, raised_at, cleared_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(earlier.key, 'R3', 'los-deg-1', ' L-3 ', 900, 950, JSON.stringify(earlier));
    raw.close();

    const after = SqliteAlarmStore.open(file);
    await after.raise(record('R4', 'los-deg-1', [], 2300));
    expect(await after.alarms({ active: true })).toEqual([record('R4', 'los-deg-1', [], 2300)]);
    expect((await after.alarms()).map((a) => [a.device, a.raisedAt, a.clearedAt, a.lines])).toEqual([
      ['R4', 2300, undefined, []],
      ['R2', 1100, 1200, ['L-2']],
      ['R1', 1000, 2200, ['L-1', 'L-2']],
      ['R3', 900, 950, ['L-3']],
    ]);
    expect((await after.alarms({ line: 'L-2' })).map((a) => a.device)).toEqual(['R2', 'R1']);
    await after.close();
  });
});
