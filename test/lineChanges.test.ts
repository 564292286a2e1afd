import { findDifferences, installReserved, releaseLine, reserveLine, resizeLine } from '@milli/controller';
import { readIntent } from '@milli/intent';
import { computePath } from '@milli/pce';
import { isMilliError } from '@milli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesOn, type LineLab, provisionText, runningConfigs, startLineLab } from './support/lineLab';

// A line's bandwidth in place, a refused resize, and a read-back that fails the transaction, on metro-small.
let l: LineLab;
beforeAll(async () => {
  l = await startLineLab();
}, 120_000);
afterAll(async () => {
  await l?.stop();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isMilliError(error) ? error.code : String(error);
  }
  return undefined;
}

describe('resizeLine', () => {
  it('takes a protected park line from 100 to 500 Mbit/s and back in place: same entries, same names, new bandwidth', async () => {
    const start = await runningConfigs(l);
    const installed = await provisionText(l, 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected', 'park-1');
    const names = new Map(await Promise.all(installed.devices.map(async (d) => [d, await entriesOn(l, d)] as const)));
    const up = await resizeLine(l.ctx, installed, 500_000);
    const osuEntries = up.installed.items.filter((i) => i.layer === 'osu-connection' || i.layer === 'osu-cross-connect');
    expect(osuEntries.length).toBeGreaterThan(4);
    for (const item of osuEntries) expect(item).toMatchObject({ bandwidthKbps: 500_000 });
    expect(await findDifferences(l.ctx.drivers, up.installed.items)).toEqual([]);
    for (const device of installed.devices) expect(await entriesOn(l, device)).toEqual(names.get(device));
    const connection = (await (await l.ctx.drivers.driver('P-7-osu')).osu!.listOsu()).connections.find((c) => c.name === 'park-1-w');
    expect(connection).toMatchObject({ bandwidthKbps: 500_000, operStatus: 'up' });

    const down = await resizeLine(l.ctx, up.installed, 100_000);
    expect(await findDifferences(l.ctx.drivers, down.installed.items)).toEqual([]);
    expect(down.installed.items).toEqual(installed.items);
    await releaseLine(l.ctx, down.installed);
    expect(await runningConfigs(l)).toEqual(start);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 60_000);

  it("refuses with INSTALL_NO_CAPACITY when the line's ODU0 cannot hold the new rate, and touches nothing", async () => {
    const a = await provisionText(l, 'connect park P-1 to DC dc-north with 600Mbps', 'park-a');
    const b = await provisionText(l, 'connect park P-1 to DC dc-north with 600Mbps', 'park-b');
    // Both ride one ODU0 (1.25 Gbit/s) on the park's link: 600 + 700 does not fit.
    const slotA = a.reserved.paths[0]!.hops[0]!.osu;
    expect(b.reserved.paths[0]!.hops[0]!.osu).toEqual({ slot: slotA!.slot, osuId: slotA!.osuId + 1 });
    const before = await runningConfigs(l);
    const held = () =>
      l.ctx.ledger
        .reservations()
        .map((r) => ({ owner: r.owner, items: r.items }))
        .sort((x, y) => x.owner.localeCompare(y.owner));
    const reservations = held();
    expect(await codeOf(resizeLine(l.ctx, a, 700_000))).toBe('INSTALL_NO_CAPACITY');
    expect(await runningConfigs(l)).toEqual(before);
    expect(held()).toEqual(reservations);
    expect(await codeOf(resizeLine(l.ctx, a, 650_000))).toBeUndefined();
    await releaseLine(l.ctx, b);
    await releaseLine(l.ctx, a);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 60_000);
});

describe('resizeLine on an ODUflex line', () => {
  it('grows a 2.5G ODUflex to 5G and back in place: its ODUs keep their names and slots, the rate and slot count follow', async () => {
    const start = await runningConfigs(l);
    const installed = await provisionText(l, 'move 50TB from dc-north to dc-south by 2026-12-08T06:00Z', 'flex-1');
    const odus = () => installed.items.filter((i) => i.layer === 'odu').map((i) => `${i.device}/${i.name}`);
    const lineOdu = (items: typeof installed.items) => items.find((i) => i.layer === 'odu' && i.tributarySlots.length > 0);
    expect(lineOdu(installed.items)).toMatchObject({ type: 'ODUflex', rateKbps: 2_500_000, tributarySlots: [1, 2] });
    const grown = await resizeLine(l.ctx, installed, 5_000_000);
    expect(lineOdu(grown.installed.items)).toMatchObject({ type: 'ODUflex', rateKbps: 5_000_000, tributarySlots: [1, 2, 3, 4] });
    expect(grown.installed.items.filter((i) => i.layer === 'odu').map((i) => `${i.device}/${i.name}`)).toEqual(odus());
    expect(await findDifferences(l.ctx.drivers, grown.installed.items)).toEqual([]);
    const back = await resizeLine(l.ctx, grown.installed, 2_500_000);
    expect(back.installed.items).toEqual(installed.items);
    expect(await findDifferences(l.ctx.drivers, back.installed.items)).toEqual([]);
    await releaseLine(l.ctx, back.installed);
    expect(await runningConfigs(l)).toEqual(start);
  }, 60_000);

  it('refuses a change of ODU type in place (INSTALL_UNSUPPORTED) and touches nothing', async () => {
    const installed = await provisionText(l, 'connect park P-2 to DC dc-north with 10Gbps', 'odu2-1');
    const before = await runningConfigs(l);
    expect(await codeOf(resizeLine(l.ctx, installed, 5_000_000))).toBe('INSTALL_UNSUPPORTED');
    expect(await runningConfigs(l)).toEqual(before);
    await releaseLine(l.ctx, installed);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 60_000);
});

describe('built-in verify', () => {
  it('fails the transaction when a device reports an entry down, and rolls every device and the ledger back', async () => {
    const before = await runningConfigs(l);
    // F-76 joins AP-7-otn and AGG-3-otn: dark at both ends, the path still takes it (the PCE does not know), the read-back sees it.
    for (const device of ['AP-7-otn', 'AGG-3-otn']) l.lab.devices.get(device)!.applyFault({ kind: 'cut-fibre', fibre: 'F-76' });
    try {
      let error: unknown;
      await provisionText(l, 'connect park P-7 to DC dc-north under 1ms with 100Mbps', 'dark-1').catch((e) => {
        error = e;
      });
      expect(isMilliError(error) && error.code).toBe('INSTALL_FAILED');
      expect((error as { context: { failedAt: string } }).context.failedAt).toBe('verify');
      expect((error as Error).message).toMatch(/oper-status down/);
      expect(await runningConfigs(l)).toEqual(before);
      expect(l.ctx.ledger.reservations()).toEqual([]);
    } finally {
      for (const device of ['AP-7-otn', 'AGG-3-otn']) l.lab.devices.get(device)!.applyFault({ kind: 'restore-fibre', fibre: 'F-76' });
    }
  }, 60_000);
});

describe('installReserved', () => {
  it('installs a line reserved earlier; a failed install keeps the reservation for a retry', async () => {
    const before = await runningConfigs(l);
    const { compilation } = readIntent('connect park P-7 to DC dc-north under 1ms with 100Mbps', { topology: l.ctx.index, now: l.now });
    const result = computePath(l.ctx.graph, l.ctx.ledger, compilation.pathRequests[0]!);
    if (!result.ok) throw new Error(result.failure.message);
    const reserved = reserveLine(l.ctx.index, l.ctx.ledger, { line: 'later-1', result, window: result.request.window });
    const fibre = result.working.fibres[1]!;
    const ends = [l.ctx.index.fibre(fibre).a.device, l.ctx.index.fibre(fibre).b.device];
    for (const device of ends) l.lab.devices.get(device)!.applyFault({ kind: 'cut-fibre', fibre });
    expect(await codeOf(installReserved(l.ctx, reserved))).toBe('INSTALL_FAILED');
    for (const device of ends) l.lab.devices.get(device)!.applyFault({ kind: 'restore-fibre', fibre });
    expect(await runningConfigs(l)).toEqual(before);
    expect(l.ctx.ledger.reservations('later-1')).toHaveLength(1);
    const { installed } = await installReserved(l.ctx, reserved);
    expect(await findDifferences(l.ctx.drivers, installed.items)).toEqual([]);
    await releaseLine(l.ctx, installed);
    expect(await runningConfigs(l)).toEqual(before);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 60_000);
});
