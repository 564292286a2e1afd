import { ledgerForGraph, PceGraph } from '@milli/pce';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Controller } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { metroSmall, startController } from '../support/controllerHarness';
import { openTestStore, type TestStore } from '../support/stores';

// 1,000 intents submitted at once against metro-small, which has room for far fewer: on the real SQLite file, with
// a network in memory (FakeInstaller) standing in for the devices, so the test is about booking, not NETCONF.
const COUNT = 1000;
let opened: TestStore | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  if (controller?.ready) await controller.stop();
  await opened?.dispose();
});

function inputFor(i: number): string {
  if (i % 2 === 0) return 'connect dc-north to dc-south under 1 ms at 400G';
  return `connect P-${(i % 10) + 1} to dc-${i % 4 === 1 ? 'north' : 'south'} with 900Mbps`;
}

describe('1,000 intents at once', () => {
  it('never books a resource twice: every loser fails for want of spectrum or capacity, every winner is active', async () => {
    opened = openTestStore('sqlite');
    const installer = new FakeInstaller();
    controller = await startController(opened.store, installer, undefined, { maxTransactions: 8 });
    const submitted = await Promise.all(Array.from({ length: COUNT }, (_, i) => controller!.submit(inputFor(i))));
    expect(new Set(submitted.map((s) => s.id)).size).toBe(COUNT);
    expect(new Set(submitted.map((s) => s.line)).size).toBe(COUNT);
    await controller.idle();

    const all = [];
    for (let page = await controller.list({ limit: 1000 }); ; ) {
      all.push(...page.items);
      if (!page.next) break;
      page = await controller.list({ limit: 1000, after: page.next });
    }
    expect(all.length).toBe(COUNT);
    const winners = all.filter((i) => i.state === 'active');
    const losers = all.filter((i) => i.state !== 'active');
    console.log(`${winners.length} active, ${losers.length} failed (${COUNT} submitted)`);
    expect(winners.length).toBeGreaterThan(0);
    expect(losers.length).toBeGreaterThan(0);
    for (const loser of losers) {
      expect(loser.state).toBe('failed');
      // Spectrum and OTN capacity run out on the way; transponders, add/drop and client ports at the ends.
      expect(['PCE_NO_SPECTRUM', 'PCE_NO_CAPACITY', 'INSTALL_NO_PORT'], `${loser.id}: ${loser.error?.message}`).toContain(
        loser.error?.code,
      );
    }
    expect(installer.installs.length).toBe(winners.length);
    expect(installer.doubleHeld).toEqual([]);

    // What the store holds: one reservation per winner's line (and one per lightpath a winner groomed), no channel twice, and the whole set books without conflict.
    await controller.stop();
    const db = new Database(opened.file!, { readonly: true });
    const owners = (db.prepare('SELECT owner FROM reservations').all() as { owner: string }[]).map((r) => r.owner).sort();
    const twice = db
      .prepare("SELECT fibre, channel, count(*) AS n FROM reservation_items WHERE kind = 'channel' GROUP BY fibre, channel HAVING n > 1")
      .all();
    db.close();
    const lines = owners.filter((o) => !o.startsWith('lightpath:'));
    expect(lines).toEqual(winners.map((w) => w.line!).sort());
    expect(twice).toEqual([]);
    const ledger = ledgerForGraph(PceGraph.build(await metroSmall()));
    const stored = await opened.reopen().reservations();
    const byLightpathsFirst = [...stored].sort(
      (a, b) => Number(b.owner.startsWith('lightpath:')) - Number(a.owner.startsWith('lightpath:')),
    );
    for (const r of byLightpathsFirst) ledger.reserve(r.owner, r.window, r.items);
    expect(ledger.reservations().length).toBe(owners.length);
  }, 300_000);
});
