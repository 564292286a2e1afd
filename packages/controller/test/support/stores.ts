import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, SqliteStore, type ControllerStore } from '../../src/index';

/** Each store the controller can run on, for tests that must hold on every one (the real SQLite file included). */
export const STORE_KINDS = ['memory', 'sqlite'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestStore {
  store: ControllerStore;
  /** The SQLite file (undefined for memory), so a test can reopen it as a restarted controller would. */
  file?: string;
  reopen(): ControllerStore;
  dispose(): Promise<void>;
}

export function openTestStore(kind: StoreKind): TestStore {
  if (kind === 'memory') {
    const store = new MemoryStore();
    return { store, reopen: () => store, dispose: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'milli-store-'));
  const file = join(dir, 'controller.db');
  const opened: ControllerStore[] = [SqliteStore.open(file)];
  return {
    store: opened[0]!,
    file,
    reopen: () => {
      const next = SqliteStore.open(file);
      opened.push(next);
      return next;
    },
    dispose: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
