import { join } from 'node:path';
import { type Controller, type IntentRecord, type PlannedItem, findDifferences, itemIdentity, networkController } from '@milli/controller';
import { DeviceDrivers, type DeviceEvent, YangDeviceSchema, defaultDriverRegistry, poolFromInventory } from '@milli/drivers';
import type { LabHost } from '@milli/lab';
import type { Topology } from '@milli/topology';
import Database from 'better-sqlite3';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmallLabHost, startSmallLabHost } from '../support/driverLab';

// metro-small's lab host in this process and a controller watching every device (alarms drive the lines). A cut
// under an unprotected park line re-routes it in one transaction that also takes the groomed lightpath only it rode
// off the ROADMs; a cut under the working leg of a protected park line: the devices switch, the line is degraded,
// then active on a new protection leg installed in one transaction, the surviving leg untouched on the devices.
const PARK = 'connect park P-7 to DC dc-north under 1ms with 100Mbps';
let lab: SmallLabHost;
let dir: string;
let host: LabHost;
let topology: Topology;
let built: ReturnType<typeof networkController>;
let controller: Controller;
let schema: YangDeviceSchema;
let drivers: DeviceDrivers;
let pool: ReturnType<typeof poolFromInventory>;

beforeAll(async () => {
  lab = await startSmallLabHost('milli-reprotect-');
  ({ host, dir, topology } = lab);
  const { inventory, inventoryPath } = lab;
  built = networkController({
    storeFile: join(dir, 'controller.db'),
    topology,
    inventory,
    inventoryPath,
    confirmTimeoutS: 60,
    watchDevices: true,
    // A revertive line goes back once its original path has been whole this long.
    revertAfterMs: 1000,
  });
  controller = built.controller;
  await controller.start();
  pool = poolFromInventory(inventory, inventoryPath, { keepaliveMs: 0 });
  schema = YangDeviceSchema.forModules();
  drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
}, 180_000);

afterAll(async () => {
  await built?.close();
  await drivers?.close();
  schema?.dispose();
  await lab?.stop();
});

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(join(dir, 'controller.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

const installedItems = (line: string): PlannedItem[] =>
  (JSON.parse(query<{ installed: string }>('SELECT installed FROM lines WHERE id = ?', line)[0]!.installed) as { items: PlannedItem[] })
    .items;
const purposes = (intent: string) =>
  query<{ purpose: string; state: string }>('SELECT purpose, state FROM transactions WHERE intent = ? ORDER BY started_at, id', intent);

/** Polls the intent (bounded: 60 s) until `ok` holds. */
async function until(id: string, ok: (r: IntentRecord) => boolean, what: string): Promise<IntentRecord> {
  let last: IntentRecord | undefined;
  for (let i = 0; i < 600; i++) {
    last = await controller.get(id);
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}; last: ${JSON.stringify(last?.history.slice(-4))}`);
}

const restored = (r: IntentRecord) => r.state === 'active' && r.history.some((t) => t.from === 'restoring' && t.to === 'active');
const isSpan = (fibre: string) => topology.fibres.find((f) => f.id === fibre)?.a.port.startsWith('deg-') === true;
const isPatch = (fibre: string) => {
  const f = topology.fibres.find((x) => x.id === fibre);
  return f !== undefined && [f.a.port, f.b.port].some((p) => p.startsWith('ad-'));
};

async function release(id: string): Promise<void> {
  const { id: releasing } = await controller.release(id);
  expect(await controller.until(releasing, ['deleted', 'failed'])).toBe('deleted');
}

/**
 * After a re-protection, read back over NETCONF: every entry of both legs present and up (each group selecting its
 * working leg), a group at both ends, the surviving leg's entries the same entries (names and configuration) as
 * before, and the cut leg's entries the new plan does not hold again gone from the devices.
 */
async function expectOnlyTheCutLegChanged(before: PlannedItem[], surviving: PlannedItem[], after: PlannedItem[], ends: string[]) {
  expect(await findDifferences(drivers, after)).toEqual([]);
  const groups = after.filter((i) => i.layer === 'osu-protection-group');
  expect(groups.map((g) => g.device).sort()).toEqual([...ends].sort());
  const now = new Map(after.map((i) => [itemIdentity(i), i]));
  for (const item of surviving) {
    const { line: _l, path: _p, shared: _s, ...config } = item;
    expect(now.get(itemIdentity(item)), itemIdentity(item)).toMatchObject(config);
  }
  const gone = before.filter((i) => !now.has(itemIdentity(i)));
  expect(gone.length).toBeGreaterThan(0);
  expect(await findDifferences(drivers, [], gone)).toEqual([]);
  // The store books every owner once (a restart loads these rows into the ledger).
  expect(query('SELECT owner FROM reservations GROUP BY owner HAVING COUNT(*) > 1')).toEqual([]);
}

describe('re-routing and re-protection on the lab', () => {
  it('an unprotected park line cut under its groomed lightpath: restored in one transaction, the lightpath off the ROADMs', async () => {
    const { id, line } = await controller.submit(PARK);
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const before = installedItems(line!);
    const lightpath = before.filter((i) => i.shared?.kind === 'lightpath');
    expect(
      lightpath.some((i) => i.layer === 'media-channel'),
      'the line grooms its own lightpath',
    ).toBe(true);
    const active = (await controller.get(id))!;
    const fibre = active.path!.working.fibres.find(isSpan)!;

    await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
    const back = await until(id, restored, 'the line restored');
    await controller.idle();
    expect(back.path!.working.fibres).not.toContain(fibre);
    // One network-wide transaction moved the line: no separate release and install.
    expect(purposes(id).filter((t) => t.purpose.startsWith('restore'))).toEqual([{ purpose: 'restore', state: 'done' }]);
    const after = installedItems(line!);
    expect(await findDifferences(drivers, after)).toEqual([]);
    // The lightpath only this line rode: every entry of it the new plan does not hold again is gone from its device.
    const now = new Set(after.map(itemIdentity));
    const gone = lightpath.filter((i) => !now.has(itemIdentity(i)));
    expect(
      gone.some((i) => i.layer === 'media-channel'),
      'media channels of the old lightpath are to go',
    ).toBe(true);
    expect(await findDifferences(drivers, [], gone)).toEqual([]);

    await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    await release(id);
  }, 120_000);

  it('a revertive park line goes back to its original path when the fibre returns; a line that does not ask stays', async () => {
    const reverting = await controller.submit(`${PARK} revertive`);
    const staying = await controller.submit(PARK);
    expect(await controller.until(reverting.id, ['active', 'failed'])).toBe('active');
    expect(await controller.until(staying.id, ['active', 'failed'])).toBe('active');
    const before = installedItems(reverting.line!);
    const original = (await controller.get(reverting.id))!.path!.working;
    const plainFibres = (await controller.get(staying.id))!.path!.working.fibres;
    const fibre = original.fibres.find((f) => isSpan(f) && plainFibres.includes(f))!;
    expect(fibre, 'both lines cross one span').toBeDefined();
    try {
      await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
      await until(reverting.id, restored, 'the revertive line restored');
      const plainRestored = await until(staying.id, restored, 'the other line restored');
      await controller.idle();
      expect((await controller.get(reverting.id))!.path!.working.fibres).not.toContain(fibre);

      await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
      const back = await until(reverting.id, (r) => r.history.some((t) => t.reason.startsWith('reverted by')), 'the line reverted');
      await controller.idle();
      expect(back.state).toBe('active');
      expect(back.path!.working.fibres).toEqual(original.fibres);
      expect(purposes(reverting.id).filter((t) => t.purpose === 'revert')).toEqual([{ purpose: 'revert', state: 'done' }]);
      // Read over NETCONF: the line holds exactly the entries it held before the cut, all up as planned.
      const after = installedItems(reverting.line!);
      expect(after.map(itemIdentity).sort()).toEqual(before.map(itemIdentity).sort());
      expect(await findDifferences(drivers, after)).toEqual([]);
      // The line that does not ask stays where restoration put it.
      const plain = (await controller.get(staying.id))!;
      expect(plain.state).toBe('active');
      expect(plain.path!.working.fibres).toEqual(plainRestored.path!.working.fibres);
      expect(purposes(staying.id).filter((t) => t.purpose === 'revert')).toEqual([]);
      expect(await findDifferences(drivers, installedItems(staying.line!))).toEqual([]);
    } finally {
      await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    }
    await release(reverting.id);
    await release(staying.id);
  }, 120_000);

  it('a protected park line with both legs cut: a new disjoint pair, both legs moved in one transaction', async () => {
    const { id, line } = await controller.submit(`${PARK} protected`);
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const first = (await controller.get(id))!;
    const working = first.path!.working.fibres;
    const protection = first.path!.protection!.fibres;
    // A patch cord of each leg's lightpath, away from the DC: the aggregation sites have other patch cords, so a new pair
    // exists (cutting the park's AP-7 links, or both of dc-north's ROADM degrees, would leave none).
    const atDc = (f: string) => {
      const fibre = topology.fibres.find((x) => x.id === f);
      return [fibre?.a.device, fibre?.b.device].some((d) => d?.startsWith('dc-north'));
    };
    const own = (leg: string[], other: string[]) => leg.find((f) => isPatch(f) && !atDc(f) && !other.includes(f))!;
    const cut = [own(working, protection), own(protection, working)];
    expect(cut.every(Boolean), `spans to cut on ${working} and ${protection}`).toBe(true);
    try {
      for (const fibre of cut) await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
      const back = await until(id, restored, 'the line on a new pair');
      await controller.idle();
      // Re-protection found both legs cut (the second cut may reach it after the first): a restoration of the pair.
      expect(back.history.at(-1)!.reason).toMatch(/^restored around .* by T-\d+/);
      for (const fibre of cut) {
        expect(back.path!.working.fibres).not.toContain(fibre);
        expect(back.path!.protection!.fibres).not.toContain(fibre);
      }
      expect(back.path!.working.latencyUs).toBeLessThanOrEqual(1000);
      expect(back.path!.protection!.latencyUs).toBeLessThanOrEqual(1000);
      expect(purposes(id).filter((t) => t.purpose === 'restore')).toEqual([{ purpose: 'restore', state: 'done' }]);
      // Read over NETCONF: both legs' entries present and up, a group at each end selecting its working leg.
      const after = installedItems(line!);
      expect(after.filter((i) => i.layer === 'osu-protection-group')).toHaveLength(2);
      expect(await findDifferences(drivers, after)).toEqual([]);
    } finally {
      for (const fibre of cut) await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    }
    await release(id);
  }, 120_000);

  it('a restoration whose transaction a device refuses rolls back: degraded with the transaction reason, then restored', async () => {
    const { id, line } = await controller.submit(PARK);
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const active = (await controller.get(id))!;
    const fibre = active.path!.working.fibres.find(isSpan)!;
    // The ROADM at the DC end of the cut span: any way around the cut changes its media channels.
    const roadm = topology.fibres.find((f) => f.id === fibre)!.a.device;
    await host.handle({ op: 'fault', fault: 'reject-next-commit', target: roadm, message: 'refused by the test' });

    await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
    const refused = await until(
      id,
      (r) => r.history.some((t) => t.from === 'restoring' && t.to === 'degraded'),
      'the restoration refused and rolled back',
    );
    const failedTurn = refused.history.find((t) => t.from === 'restoring' && t.to === 'degraded')!;
    expect(failedTurn.reason).toContain('refused by the test');
    expect(purposes(id).filter((t) => t.purpose.startsWith('restore'))[0]).toEqual({ purpose: 'restore', state: 'failed' });
    // Retried on the next change of the line's alarms (or healed in place when the fibre returns): active either way,
    // with what the line holds on the devices read back as planned.
    await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    await until(id, (r) => r.state === 'active', 'the line active again');
    await controller.idle();
    expect(await findDifferences(drivers, installedItems(line!))).toEqual([]);
    await release(id);
  }, 120_000);

  it('a cut under the protection leg of a protected park line: degraded, then active on a new protection leg, working untouched', async () => {
    const { id, line } = await controller.submit(`${PARK} protected`);
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const first = (await controller.get(id))!;
    const before = installedItems(line!);
    const surviving = before.filter((i) => i.path === 'working');
    const working = first.path!.working.fibres;
    const protection = first.path!.protection!.fibres;
    const fibre = protection.find((f) => isPatch(f) && !working.includes(f))!;
    try {
      await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
      const back = await until(id, restored, 'the line re-protected');
      // The store's connection shows a transition before its commit: the test's own connection sees it once committed.
      await controller.idle();
      // Which leg carries the traffic is read from the groups at both ends, which kept the working leg.
      const ends = before.filter((i) => i.layer === 'osu-protection-group').map((i) => i.device);
      const recorded = back.history.find((t) => t.to === 'restoring')!.reason;
      expect(recorded).toContain('working carries traffic, protection cut (selected leg read from the devices: ');
      for (const device of ends) expect(recorded).toContain(`${device} working`);
      expect(back.path!.working.fibres).toEqual(working);
      expect(back.path!.protection!.fibres).not.toContain(fibre);
      expect(purposes(id).filter((t) => t.purpose === 'reprotect')).toEqual([{ purpose: 'reprotect', state: 'done' }]);
      const after = installedItems(line!);
      // The groups keep their name and their selection (working all along); only their protection leg changed.
      expect(after.filter((i) => i.layer === 'osu-protection-group').map((g) => g.name)).toEqual([`${line}-pg`, `${line}-pg`]);
      expect(after.filter((i) => i.layer === 'osu-protection-group').map((i) => i.device)).toEqual(ends);
      await expectOnlyTheCutLegChanged(before, surviving, after, ends);
    } finally {
      await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    }
    await release(id);
  }, 120_000);

  it('a cut under the working leg of a protected park line: the devices switch, degraded, then active on a new protection leg', async () => {
    const { id, line } = await controller.submit(`${PARK} protected`);
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const first = (await controller.get(id))!;
    const before = installedItems(line!);
    const surviving = before.filter((i) => i.path === 'protection' && i.layer !== 'osu-protection-group');
    const working = first.path!.working.fibres;
    const protection = first.path!.protection!.fibres;
    // A patch cord of the working leg's lightpath: the network still offers a leg disjoint from the protection one.
    const fibre = working.find((f) => isPatch(f) && !protection.includes(f))!;
    const ends = before.filter((i) => i.layer === 'osu-protection-group').map((i) => i.device);
    const switched: DeviceEvent[] = [];
    const connected = new Set<string>();
    const watching: Subscription[] = ends.map((device) =>
      pool.watch(device).subscribe((e) => {
        if (e.type === 'connected') connected.add(e.device);
        if (e.type === 'protection-switched') switched.push(e);
      }),
    );

    try {
      for (let i = 0; i < 300 && connected.size < ends.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(connected.size, 'watching both ends before the cut').toBe(ends.length);
      await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre });
      const back = await until(id, restored, 'the line re-protected');
      // The store's connection shows a transition before its commit: the test's own connection sees it once committed.
      await controller.idle();
      const moves = back.history.map((t) => t.to);
      expect(moves.slice(moves.lastIndexOf('degraded'))).toEqual(['degraded', 'restoring', 'active']);
      // The devices switched to the protection leg on their own, and the controller recorded the leg they selected.
      const selected = new Map(switched.flatMap((e) => (e.type === 'protection-switched' ? [[e.device, e.selectedLeg]] : [])));
      expect(selected.size, JSON.stringify(switched)).toBe(ends.length);
      const recorded = back.history.find((t) => t.to === 'restoring')!.reason;
      expect(recorded).toContain('working cut, protection carries traffic (selected leg read from the devices: ');
      for (const device of ends) {
        expect(selected.get(device)).toBe('protection');
        expect(recorded).toContain(`${device} protection`);
      }
      // The surviving leg is the working path now; the new protection leg avoids it (but the park's access tail) and the cut.
      expect(back.path!.working.fibres).toEqual(protection);
      const fresh = back.path!.protection!.fibres;
      expect(fresh).not.toContain(fibre);
      expect(fresh.filter((f) => protection.includes(f))).toEqual(working.filter((f) => protection.includes(f)));
      expect(back.path!.protection!.latencyUs).toBeLessThanOrEqual(1000);
      const reasons = JSON.stringify(back.history.slice(-6).map((t) => t.reason));
      expect(
        purposes(id).filter((t) => t.purpose === 'reprotect'),
        reasons,
      ).toEqual([{ purpose: 'reprotect', state: 'done' }]);

      const after = installedItems(line!);
      expect(after.filter((i) => i.layer === 'osu-protection-group').map((g) => g.name)).toEqual([`${line}-pg-w`, `${line}-pg-w`]);
      await expectOnlyTheCutLegChanged(before, surviving, after, ends);
    } finally {
      for (const w of watching) w.unsubscribe();
      await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre });
    }
    await release(id);
  }, 120_000);
});
