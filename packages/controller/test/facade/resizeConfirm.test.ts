import { ManualClock } from '@milli/core';
import type { ResourceLedger } from '@milli/pce';
import { describe, expect, it } from 'vitest';
import {
  CONTROLLER_TYPES,
  type Controller,
  type ControllerStore,
  controllerContainer,
  type InstallOutcome,
  type TransactionContext,
} from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, metroSmall, reach } from '../support/controllerHarness';
import { STORE_KINDS, type StoreKind } from '../support/stores';

// An elastic change whose resize confirm fails on one device after the others confirmed the new rate: the controller
// finishes it at once, as it finishes a failed install's or move's confirm. Held everywhere: the row closes done and
// the line is active at the new bandwidth, the store's reservation rows at the new rate. Not held everywhere: the row
// closes failed, the change fails at confirm, the line keeps its bandwidth, and the ledger holds the old rate again.
const PARK = 'connect park P-7 to DC dc-north under 1ms with 100Mbps';
const T0 = Date.parse('2026-12-01T00:00:00Z');
const fixture = controllerFixture();

/**
 * Resizes as the multi-layer installer does: the line's reservation re-booked at the new rate before the devices
 * are touched, the new numbers kept booked when the confirm fails on a device (others hold them), the old ones
 * booked back on any earlier failure.
 */
class ConfirmFailingResizer extends FakeInstaller {
  ledger!: ResourceLedger;
  failConfirmOn: string | undefined = 'P-7-osu';

  override async resize(
    request: { line: string; installed: unknown; bandwidthKbps: number },
    tx: TransactionContext,
  ): Promise<InstallOutcome> {
    const [old] = this.ledger.reservations(request.line);
    this.ledger.release(old!.id);
    const items = old!.items.map((i) => (i.kind === 'osu' ? { ...i, kbps: request.bandwidthKbps } : i));
    this.ledger.reserve(request.line, old!.window, items);
    const devices = ['P-7-osu', 'dc-north-osu'];
    const after = { ...(request.installed as object), kbps: request.bandwidthKbps };
    await tx.begin(
      devices.map((device) => ({ device, datastore: 'candidate', edits: [], inverse: [] })),
      after,
    );
    tx.step('confirm', 'started', devices);
    const failing = this.failConfirmOn;
    this.failConfirmOn = undefined;
    if (failing) {
      tx.step('confirm', 'failed', [failing]);
      return { ok: false, phase: 'confirm', devices: [failing], message: 'session lost during confirm', rolledBack: [] };
    }
    tx.step('confirm', 'done', devices);
    return { ok: true, installed: after, devices };
  }
}

async function started(
  kind: (typeof STORE_KINDS)[number],
  installer: ConfirmFailingResizer,
): Promise<{ c: Controller; store: ControllerStore }> {
  const { store } = fixture.open(kind);
  const container = controllerContainer({ store, topology: await metroSmall(), installer, clock: new ManualClock(T0) });
  installer.ledger = container.get<ResourceLedger>(CONTROLLER_TYPES.Ledger);
  const c = fixture.track(container.get<Controller>(CONTROLLER_TYPES.Controller));
  await c.start();
  return { c, store };
}

/** The OSU rates of a line's reservation: as the store's rows hold it, and as the ledger does. */
const osuRates = (items: { kind: string; kbps?: number }[]) => items.flatMap((i) => (i.kind === 'osu' ? [i.kbps] : []));
async function rates(store: ControllerStore, ledger: ResourceLedger, line: string) {
  const rows = (await store.reservations()).filter((r) => r.owner === line);
  return { stored: osuRates(rows.flatMap((r) => r.items)), booked: osuRates(ledger.reservations(line).flatMap((r) => r.items)) };
}

/** A park line made active, then resized to 500 Mbit/s, the change ending `expected`; the controller idle after. */
async function resizedTo500(kind: StoreKind, installer: ConfirmFailingResizer, expected: 'active' | 'failed') {
  const { c, store } = await started(kind, installer);
  const base = await c.submit(PARK);
  expect(await reach(c, base.id, ['active', 'failed'])).toBe('active');
  const scale = await c.modify(base.id, { bandwidth: '500Mbps' });
  expect(await reach(c, scale.id, ['active', 'failed'])).toBe(expected);
  await c.idle();
  return { c, store, base, scale };
}

describe.each(STORE_KINDS)('a resize whose confirm failed, on the %s store', (kind) => {
  it('finished on every device: the row closes done, the line is active at the new bandwidth, stored at the new rate', async () => {
    const installer = new ConfirmFailingResizer();
    const { c, store, base } = await resizedTo500(kind, installer, 'active');

    expect(installer.recovered).toEqual([{ id: expect.any(String), direction: 'finished' }]);
    expect(await store.transaction(installer.recovered[0]!.id)).toMatchObject({ state: 'done', purpose: 'resize' });
    expect(await store.openTransactions()).toEqual([]);
    expect((await c.get(base.id))!.state).toBe('active');
    expect((await c.line(base.line!))!.bandwidthKbps).toBe(500_000);
    const { stored, booked } = await rates(store, installer.ledger, base.line!);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((k) => k === 500_000)).toBe(true);
    expect(booked).toEqual(stored);
  });

  it('not held everywhere: the row closes failed, the change fails at confirm, the line keeps its rate in store and ledger', async () => {
    const installer = new ConfirmFailingResizer();
    installer.recoverySettles = false;
    const { c, store, base, scale } = await resizedTo500(kind, installer, 'failed');

    expect(await store.transaction(installer.recovered[0]!.id)).toMatchObject({ state: 'failed', purpose: 'resize' });
    expect(await store.openTransactions()).toEqual([]);
    expect((await c.get(scale.id))!.error).toMatchObject({ kind: 'transaction', phase: 'confirm', devices: ['P-7-osu'] });
    expect((await c.get(base.id))!.state).toBe('active');
    expect((await c.line(base.line!))!.bandwidthKbps).toBe(100_000);
    const { stored, booked } = await rates(store, installer.ledger, base.line!);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((k) => k === 100_000)).toBe(true);
    expect(booked).toEqual(stored);
  });
});
