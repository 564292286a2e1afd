import { type InstallerContext, findDifferences, provisionLine } from '@milli/controller';
import {
  type ConnectionPool,
  type DeviceEvent,
  DeviceDrivers,
  YangDeviceSchema,
  defaultDriverRegistry,
  entryConnectOptions,
  poolFromInventory,
} from '@milli/drivers';
import { readIntent } from '@milli/intent';
import type { LabHost } from '@milli/lab';
import { NetconfClient } from '@milli/netconf-client';
import { PceGraph, ledgerForGraph } from '@milli/pce';
import { type Inventory, TopologyIndex, resolveCredentials } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmallLabHost, startSmallLabHost } from './support/driverLab';

// The lab host of metro-small in this process (loopback ports, devices on two threads): a protected OSU park line installed by the real
// installer, then a ROADM-to-ROADM fibre of its working path cut. Light must behave like light: the failure travels
// along the lightpath, up through the ODUs to the OSU service, and the tail ends switch to the protection leg.
let lab: SmallLabHost;
let host: LabHost;
let inventory: Inventory;
let ctx: InstallerContext;
let drivers: DeviceDrivers;
let schema: YangDeviceSchema;
let pool: ConnectionPool;
const heard: { device: string; event: string; fields: Record<string, string> }[] = [];
const clients: NetconfClient[] = [];

beforeAll(async () => {
  // Two device threads: the light crosses from the devices of one to those of the other.
  lab = await startSmallLabHost('milli-light-', { deviceThreads: 2 });
  ({ host, inventory } = lab);
  const { topology, inventoryPath } = lab;
  pool = poolFromInventory(inventory, inventoryPath, { keepaliveMs: 0, backoff: { initialMs: 50, maxMs: 200 } });
  schema = YangDeviceSchema.forModules();
  drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  const graph = PceGraph.build(topology);
  ctx = { index: new TopologyIndex(topology), graph, ledger: ledgerForGraph(graph), drivers, confirmTimeoutS: 60 };
  for (const entry of inventory.devices) {
    const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)));
    clients.push(client);
    (await client.createSubscription()).notifications.subscribe((n) => {
      const event = n.events[0];
      if (!event) return;
      const fields = Object.fromEntries(event.children.map((c) => [c.local, c.text ?? '']));
      heard.push({ device: entry.device, event: event.local, fields });
    });
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await drivers?.close();
  await lab?.stop();
  schema?.dispose();
});

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `never happened: ${what}; heard: ${heard.map((h) => `${h.device} ${h.event} ${h.fields.id ?? h.fields.group} ${h.fields['probable-cause'] ?? ''}`).join(' | ')}`,
  );
}

describe('light in the lab', () => {
  it('a cut travels along the lightpath and up to the OSU service; the tail ends switch; restoring clears it all', async () => {
    const text = 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected';
    const { compilation } = readIntent(text, { topology: ctx.index, now: Date.parse('2026-12-06T00:00:00Z') });
    const { installed } = await provisionLine(ctx, { line: 'light-1', request: compilation.pathRequests[0]! });
    const working = installed.reserved.paths.find((p) => p.role === 'working')!.path;
    const protection = new Set(installed.reserved.paths.find((p) => p.role === 'protection')!.path.fibres);
    const kind = (d: string) => ctx.index.device(d).kind;
    const roadm = (d: string) => kind(d) === 'roadm' || kind(d) === 'oxc';
    const mediaChannels = installed.items.filter((i) => i.layer === 'media-channel' && i.path === 'working');
    // A fibre between two ROADMs of the working path (metro-small's paths cross one such fibre).
    const cut = working.fibres.find((f) => {
      const fibre = ctx.index.fibre(f);
      return !protection.has(f) && roadm(fibre.a.device) && roadm(fibre.b.device);
    });
    expect(cut, 'a ROADM-to-ROADM fibre on the working path only').toBeDefined();
    const fibre = ctx.index.fibre(cut!);
    expect(await findDifferences(drivers, installed.items)).toEqual([]);
    heard.length = 0;

    await host.handle({ op: 'fault', fault: 'cut-fibre', target: cut! });
    const groups = installed.items.filter((i) => i.layer === 'osu-protection-group');
    expect(groups).toHaveLength(2);
    await until(() => heard.filter((h) => h.event === 'protection-switched').length >= 2, 'both ends switch');

    const down = await findDifferences(drivers, installed.items);
    const downKeys = down.map((d) => `${d.device} ${d.name}`);
    // Every working media channel of the lightpath lost its signal.
    for (const m of mediaChannels) expect(downKeys, `${m.device} ${m.name}`).toContain(`${m.device} ${m.name}`);
    // The working path's OSU cross-connects went down, as did the ODUs riding the broken lightpath at both its ends;
    // what the working path shares with the protection path (the park's access link) kept its signal.
    const workingOsu = installed.items.filter((i) => i.path === 'working' && i.layer === 'osu-cross-connect');
    expect(workingOsu.length).toBeGreaterThan(0);
    for (const i of workingOsu) expect(downKeys).toContain(`${i.device} ${i.name}`);
    const lightpathEnds = down.filter((d) => d.name.startsWith('osu-line-') && ctx.index.device(d.device).kind === 'otn');
    expect(new Set(lightpathEnds.map((d) => d.device)).size).toBe(2);
    for (const i of installed.items.filter((i) => i.path === 'protection' && i.layer !== 'osu-protection-group')) {
      expect(downKeys).not.toContain(`${i.device} ${i.name}`);
    }
    // Consequent alarms name the cut as their probable cause, on devices beyond the fibre's two ends.
    const consequent = heard.filter((h) => h.event === 'alarm-raised' && h.fields['probable-cause'] === `fibre ${cut} cut`);
    const beyond = consequent.filter((h) => h.device !== fibre.a.device && h.device !== fibre.b.device);
    const types = new Set(beyond.map((h) => h.fields.type));
    expect(types.has('loss-of-signal') && types.has('loss-of-frame'), [...types].join(', ')).toBe(true);
    // The devices that lost the signal run on both threads, so the cut crossed from one thread to the other.
    const threadOf = new Map((await host.status()).map((d) => [d.device, d.thread]));
    expect(new Set(consequent.map((h) => threadOf.get(h.device)))).toEqual(new Set([1, 2]));
    // Both ends report the protection leg selected, and said so with protection-switched.
    for (const g of groups) {
      const osu = await (await drivers.driver(g.device)).osu!.listOsu();
      expect(osu.protectionGroups.find((p) => p.name === g.name)?.selectedLeg, g.device).toBe('protection');
    }
    const switched = heard.filter((h) => h.event === 'protection-switched');
    expect(switched.map((h) => [h.device, h.fields['selected-leg'], h.fields.reason]).sort()).toEqual(
      groups.map((g) => [g.device, 'protection', 'signal-fail']).sort(),
    );

    const raised = heard.filter((h) => h.event === 'alarm-raised').map((h) => `${h.device} ${h.fields.id}`);
    heard.length = 0;
    await host.handle({ op: 'fault', fault: 'restore-fibre', target: cut! });
    // Everything up again; the groups stay on protection (revertive, wait-to-restore 300 s), which verification reports.
    const entries = installed.items.filter((i) => i.layer !== 'osu-protection-group');
    await until(async () => (await findDifferences(drivers, entries)).length === 0, 'everything up again');
    expect((await findDifferences(drivers, groups)).map((d) => d.device).sort()).toEqual(groups.map((g) => g.device).sort());
    await until(() => heard.filter((h) => h.event === 'alarm-cleared').length >= raised.length, 'every alarm cleared');
    expect(
      heard
        .filter((h) => h.event === 'alarm-cleared')
        .map((h) => `${h.device} ${h.fields.id}`)
        .sort(),
    ).toEqual(raised.sort());
    // Still on protection right after the repair.
    const osu = await (await drivers.driver(groups[0]!.device)).osu!.listOsu();
    expect(osu.protectionGroups.find((p) => p.name === groups[0]!.name)?.selectedLeg).toBe('protection');
  }, 120_000);

  it('a device that crashes takes the signal of everything through it; its restart clears what its absence raised', async () => {
    const text = 'connect park P-2 to DC dc-north with 10Gbps';
    const { compilation } = readIntent(text, { topology: ctx.index, now: Date.parse('2026-12-06T00:00:00Z') });
    const { installed } = await provisionLine(ctx, { line: 'light-2', request: compilation.pathRequests[0]! });
    const transit = installed.items.find((i) => i.layer === 'media-channel' && ctx.index.device(i.device).kind !== 'otn');
    expect(transit).toBeDefined();
    const others = installed.items.filter((i) => i.device !== transit!.device);
    heard.length = 0;
    await host.handle({ op: 'fault', fault: 'crash', target: transit!.device });
    await until(async () => (await findDifferences(drivers, others)).length > 0, 'the line goes down around the crash');
    const causes = heard.filter((h) => h.event === 'alarm-raised').map((h) => h.fields['probable-cause']);
    expect(causes).toContain(`device ${transit!.device} down`);
    const raisedForCrash = heard.filter(
      (h) => h.event === 'alarm-raised' && h.fields['probable-cause'] === `device ${transit!.device} down`,
    );
    await host.handle({ op: 'fault', fault: 'restart', target: transit!.device });
    // The restarted device comes back with its startup configuration: putting the line back on it is the
    // reconciler's work; what its absence raised elsewhere clears.
    await until(
      () =>
        raisedForCrash.every((r) => heard.some((h) => h.event === 'alarm-cleared' && h.device === r.device && h.fields.id === r.fields.id)),
      'every alarm the crash raised is cleared',
    );
  }, 120_000);
});

describe('watching a device through the connection pool', () => {
  it('one subscription per device, its notifications as events, re-established after a crash with the standing alarms read again', async () => {
    const fibre = ctx.index.fibre(
      ctx.index.topology.fibres.find((f) => f.a.device.endsWith('-roadm') && f.b.device.endsWith('-roadm'))!.id,
    );
    const device = fibre.a.device;
    const events: DeviceEvent[] = [];
    const first = pool.watch(device).subscribe((e) => events.push(e));
    const second: DeviceEvent[] = [];
    const again = pool.watch(device).subscribe((e) => second.push(e));
    expect(pool.watch(device)).toBe(pool.watch(device));
    await until(() => events.some((e) => e.type === 'connected'), 'the watch connects');
    const sessionsWatching = (await host.status()).find((d) => d.device === device)!.sessions;

    await host.handle({ op: 'fault', fault: 'cut-fibre', target: fibre.id });
    await until(() => events.some((e) => e.type === 'alarm-raised' && !e.standing), 'the cut is heard');
    const raised = events.find((e) => e.type === 'alarm-raised' && !e.standing)!;
    expect(raised).toMatchObject({ device, alarm: { type: 'loss-of-signal', probableCause: `fibre ${fibre.id} cut` } });
    expect(second.filter((e) => e.type === 'alarm-raised')).toEqual(events.filter((e) => e.type === 'alarm-raised'));

    // Down, then back: the cut raised nothing new while the session was gone, but the alarm still stands and is read.
    await host.handle({ op: 'fault', fault: 'crash', target: device });
    await until(() => events.some((e) => e.type === 'disconnected'), 'the drop is seen');
    events.length = 0;
    await host.handle({ op: 'fault', fault: 'restart', target: device });
    await until(() => events.some((e) => e.type === 'alarm-raised' && e.standing), 'the standing alarm is read on reconnect');
    expect(events[0]?.type).toBe('connected');
    expect(events.filter((e) => e.type === 'alarm-raised' && e.standing).map((e) => e.type === 'alarm-raised' && e.alarm.id)).toContain(
      raised.type === 'alarm-raised' && raised.alarm.id,
    );
    // Still one session for the two listeners.
    expect((await host.status()).find((d) => d.device === device)!.sessions).toBeLessThanOrEqual(sessionsWatching);

    await host.handle({ op: 'fault', fault: 'restore-fibre', target: fibre.id });
    await until(() => events.some((e) => e.type === 'alarm-cleared'), 'the clear is heard');
    first.unsubscribe();
    again.unsubscribe();
  }, 60_000);
});
