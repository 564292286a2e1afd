import { join } from 'node:path';
import {
  type Controller,
  type DeviceReconciliation,
  findDifferences,
  type PlannedItem,
  Reconciler,
  SqliteStore,
  networkController,
} from '@milli/controller';
import { DeviceDrivers, YangDeviceSchema, defaultDriverRegistry, entryConnectOptions, poolFromInventory } from '@milli/drivers';
import type { LabHost } from '@milli/lab';
import { NetconfClient, throwIfRpcError } from '@milli/netconf-client';
import { type Inventory, resolveCredentials } from '@milli/topology';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmallLabHost, startSmallLabHost } from '../support/driverLab';

// metro-small's lab host in this process, a controller over it with the reconciler on (events only: no period, so
// every repair below was set off by the device's own notification or reconnect), and the test's own NETCONF
// sessions playing the person who edits a device by hand.
const LINE = 'connect park P-7 to DC dc-north with 100Mbps';
const OSU_NS = 'urn:milli:yang:milli-osu';
const ROADM_NS = 'urn:milli:yang:milli-roadm';
const OTN_NS = 'urn:milli:yang:milli-otn';
let lab: SmallLabHost;
let dir: string;
let host: LabHost;
let inventory: Inventory;
let inventoryPath: string;
let built: ReturnType<typeof networkController>;
let controller: Controller;
let reconciler: Reconciler;
let schema: YangDeviceSchema;
let drivers: DeviceDrivers;
let items: PlannedItem[];
const reports: DeviceReconciliation[] = [];

beforeAll(async () => {
  lab = await startSmallLabHost('milli-reconcile-');
  ({ host, dir, inventory, inventoryPath } = lab);
  const { topology } = lab;
  built = networkController({
    storeFile: join(dir, 'controller.db'),
    topology,
    inventory,
    inventoryPath,
    confirmTimeoutS: 60,
    reconcile: { periodMs: 0, onReport: (r) => reports.push(r) },
  });
  controller = built.controller;
  reconciler = built.reconciler!;
  await controller.start();
  const pool = poolFromInventory(inventory, inventoryPath, { keepaliveMs: 0 });
  schema = YangDeviceSchema.forModules();
  drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  const { id, line } = await controller.submit(LINE);
  expect(await controller.until(id, ['active', 'failed'])).toBe('active');
  items = installedItems(line!);
}, 180_000);

afterAll(async () => {
  await built?.close();
  await drivers?.close();
  schema?.dispose();
  await lab?.stop();
});

function installedItems(line: string): PlannedItem[] {
  const db = new Database(join(dir, 'controller.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT installed FROM lines WHERE id = ?').get(line) as { installed: string };
    return (JSON.parse(row.installed) as { items: PlannedItem[] }).items;
  } finally {
    db.close();
  }
}

/**
 * One edit to a device's running configuration, as a person at its CLI would make it: candidate, then commit. A refusal
 * throws, the candidate's changes discarded.
 */
async function byHand(device: string, config: string): Promise<void> {
  const entry = inventory.devices.find((d) => d.device === device)!;
  const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)));
  try {
    throwIfRpcError(await client.editConfig({ target: 'candidate', config }));
    throwIfRpcError(await client.commit());
  } catch (error) {
    await client.discardChanges();
    throw error;
  } finally {
    await client.close();
  }
}

/** A device's running configuration of one module (its top container `top` in namespace `ns`), as XML text. */
async function running(device: string, top = 'osu', ns = OSU_NS): Promise<string> {
  const entry = inventory.devices.find((d) => d.device === device)!;
  const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)));
  try {
    return (await client.getConfig('running', { filter: { type: 'subtree', content: `<${top} xmlns="${ns}"/>` } })).dataXml;
  } finally {
    await client.close();
  }
}
const runningOsu = (device: string) => running(device);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}; reports: ${JSON.stringify(reports)}`);
}

const clean = async (of: PlannedItem[]) => (await findDifferences(drivers, of)).length === 0;
const connection = () => items.find((i) => i.layer === 'osu-connection')! as Extract<PlannedItem, { layer: 'osu-connection' }>;

describe('reconciliation on the lab', () => {
  it('an OSU connection of an active line deleted by hand over NETCONF comes back, reported as drift and repaired', async () => {
    const c = connection();
    expect(await clean(items)).toBe(true);
    reports.length = 0;
    await byHand(
      c.device,
      `<osu xmlns="${OSU_NS}"><connections><connection nc:operation="delete"><name>${c.name}</name></connection></connections></osu>`,
    );
    await until(() => reports.some((r) => r.device === c.device && r.repair === 'repaired'), 'the reconciler repairs the device');
    const report = reports.find((r) => r.device === c.device && r.repair === 'repaired')!;
    expect(report.drift).toEqual([{ device: c.device, name: c.name, layer: 'osu-connection', problem: 'missing' }]);
    expect(report.foreign).toEqual([]);
    expect(await clean(items)).toBe(true);
  }, 60_000);

  it('a device that crashes and restarts with its startup configuration is brought back to what its lines need', async () => {
    const transit = items.find((i) => i.layer === 'media-channel')!.device;
    const mine = items.filter((i) => i.device === transit);
    reports.length = 0;
    const before = reconciler.counters.repaired;
    await host.handle({ op: 'fault', fault: 'crash', target: transit });
    await host.handle({ op: 'fault', fault: 'restart', target: transit });
    await until(() => reports.some((r) => r.device === transit && r.repair === 'repaired'), 'the restarted device is reconciled');
    const report = reports.find((r) => r.device === transit && r.repair === 'repaired')!;
    // Everything the line had on it was gone after the restart, and all of it was written back.
    expect(report.drift.map((d) => d.name).sort()).toEqual(mine.map((i) => i.name).sort());
    expect(report.drift.every((d) => d.problem === 'missing')).toBe(true);
    expect(reconciler.counters.repaired).toBeGreaterThan(before);
    await until(() => clean(items), 'the whole line is up again');
  }, 90_000);

  it('a foreign connection holding the line client port and VLAN is reported and left alone by default', async () => {
    const c = connection();
    const vlan = c.vlan === undefined ? '' : `<vlan>${c.vlan}</vlan>`;
    reports.length = 0;
    await byHand(
      c.device,
      `<osu xmlns="${OSU_NS}"><connections><connection nc:operation="delete"><name>${c.name}</name></connection>` +
        `<connection><name>hand-made</name><client-port>${c.clientPort}</client-port>${vlan}<bandwidth-kbps>2000</bandwidth-kbps><odu>${c.odu}</odu><osu-id>65000</osu-id></connection></connections></osu>`,
    );
    await until(() => reports.some((r) => r.device === c.device && r.foreign.length > 0), 'the foreign item is reported');
    await reconciler.idle();
    const report = reports.find((r) => r.device === c.device && r.foreign.length > 0)!;
    expect(report.foreign).toEqual([
      {
        device: c.device,
        layer: 'osu-connection',
        name: 'hand-made',
        collidesWith: { line: c.line, name: c.name, resource: `client ${c.clientPort}${c.vlan === undefined ? '' : ` VLAN ${c.vlan}`}` },
      },
    ]);
    expect(report.repair).toBe('none');
    expect(report.blocked).toEqual([c.name]);
    const osu = await (await drivers.driver(c.device)).osu!.listOsu();
    expect(osu.connections.map((x) => x.name)).toContain('hand-made');
    expect(osu.connections.map((x) => x.name)).not.toContain(c.name);

    // Once the person takes it away, the line's own connection comes back.
    reports.length = 0;
    await byHand(
      c.device,
      `<osu xmlns="${OSU_NS}"><connections><connection nc:operation="delete"><name>hand-made</name></connection></connections></osu>`,
    );
    await until(() => reports.some((r) => r.device === c.device && r.repair === 'repaired'), 'the line connection returns');
    expect(await clean(items)).toBe(true);
  }, 60_000);

  it('configured to remove foreign items, a reconciler on a period removes the colliding one and puts the line back, in one transaction', async () => {
    const c = connection();
    const vlan = c.vlan === undefined ? '' : `<vlan>${c.vlan}</vlan>`;
    const store = SqliteStore.open(join(dir, 'controller.db'));
    const found: DeviceReconciliation[] = [];
    // Its own period only (no watch): a pass every 100 ms over this one device.
    const strict = new Reconciler({
      store,
      drivers,
      devices: [c.device],
      periodMs: 100,
      removeForeign: true,
      onReport: (r) => found.push(r),
    });
    try {
      await byHand(
        c.device,
        `<osu xmlns="${OSU_NS}"><connections><connection nc:operation="delete"><name>${c.name}</name></connection>` +
          `<connection><name>hand-made</name><client-port>${c.clientPort}</client-port>${vlan}<bandwidth-kbps>2000</bandwidth-kbps><odu>${c.odu}</odu><osu-id>65000</osu-id></connection></connections></osu>`,
      );
      strict.start();
      await until(() => found.some((r) => r.repair === 'repaired'), 'the strict reconciler repairs the device');
      const report = found.find((r) => r.repair === 'repaired')!;
      expect(report.removed.map((f) => f.name)).toEqual(['hand-made']);
      expect(report.drift.map((d) => d.name)).toEqual([c.name]);
      const osu = await (await drivers.driver(c.device)).osu!.listOsu();
      expect(osu.connections.map((x) => x.name)).not.toContain('hand-made');
      await until(() => clean(items), 'the line is whole again');
      expect(strict.counters.foreignRemoved).toBeGreaterThanOrEqual(1);
    } finally {
      await strict.stop();
      await store.close();
    }
  }, 60_000);

  it('an OSU protection group deleted by hand with its shared-osus entry comes back with the entry; without it the device refuses', async () => {
    const { id, line } = await controller.submit('connect park P-3 to DC dc-north with 10Mbps protected');
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const group = installedItems(line!).find((i) => i.layer === 'osu-protection-group')! as Extract<
      PlannedItem,
      { layer: 'osu-protection-group' }
    >;
    const entry = `<shared-osu><odu>${group.protection.odu}</odu><osu-id>${group.protection.osuId}</osu-id><group>${group.name}</group></shared-osu>`;
    const deleteGroup = `<protection-groups><protection-group nc:operation="delete"><name>${group.name}</name></protection-group></protection-groups>`;
    expect(await runningOsu(group.device)).toContain(entry);
    // The module holds a leg and its entry together: the group alone cannot go (its entry would name no group).
    await expect(byHand(group.device, `<osu xmlns="${OSU_NS}">${deleteGroup}</osu>`)).rejects.toThrow(/shared-osus entry names a group/);
    reports.length = 0;
    await byHand(
      group.device,
      `<osu xmlns="${OSU_NS}">${deleteGroup}<shared-osus><shared-osu nc:operation="delete"><odu>${group.protection.odu}</odu>` +
        `<osu-id>${group.protection.osuId}</osu-id></shared-osu></shared-osus></osu>`,
    );
    await until(() => reports.some((r) => r.device === group.device && r.repair === 'repaired'), 'the reconciler repairs the group');
    const report = reports.find((r) => r.device === group.device && r.repair === 'repaired')!;
    expect(report.drift).toEqual([{ device: group.device, name: group.name, layer: 'osu-protection-group', problem: 'missing' }]);
    expect(await runningOsu(group.device)).toContain(entry);
  }, 120_000);

  it("an OSU cross-connect deleted by hand with its two ends' shared-osus entries comes back with them; without them the device refuses", async () => {
    const x = items.find((i) => i.layer === 'osu-cross-connect')! as Extract<PlannedItem, { layer: 'osu-cross-connect' }>;
    expect(x, 'the line crosses a transit OSU device').toBeDefined();
    const entryOf = (end: 'from' | 'to') =>
      `<shared-osu><odu>${x[end].odu}</odu><osu-id>${x[end].osuId}</osu-id><cross-connect-${end}>${x.name}</cross-connect-${end}></shared-osu>`;
    const deleteXc = `<cross-connects><cross-connect nc:operation="delete"><name>${x.name}</name></cross-connect></cross-connects>`;
    await until(() => clean(items), 'the line is whole');
    const before = await runningOsu(x.device);
    expect(before).toContain(entryOf('from'));
    expect(before).toContain(entryOf('to'));
    // The cross-connect alone cannot go: its ends' entries would name no cross-connect.
    await expect(byHand(x.device, `<osu xmlns="${OSU_NS}">${deleteXc}</osu>`)).rejects.toThrow(/shared-osus entry names a cross-connect/);
    reports.length = 0;
    const deleteEntry = (end: 'from' | 'to') =>
      `<shared-osu nc:operation="delete"><odu>${x[end].odu}</odu><osu-id>${x[end].osuId}</osu-id></shared-osu>`;
    await byHand(x.device, `<osu xmlns="${OSU_NS}">${deleteXc}<shared-osus>${deleteEntry('from')}${deleteEntry('to')}</shared-osus></osu>`);
    await until(() => reports.some((r) => r.device === x.device && r.repair === 'repaired'), 'the reconciler repairs the cross-connect');
    const report = reports.find((r) => r.device === x.device && r.repair === 'repaired')!;
    expect(report.drift).toEqual([{ device: x.device, name: x.name, layer: 'osu-cross-connect', problem: 'missing' }]);
    const after = await runningOsu(x.device);
    expect(after).toContain(entryOf('from'));
    expect(after).toContain(entryOf('to'));
    await until(() => clean(items), 'the line is whole again');
  }, 120_000);

  it("a media channel deleted by hand with its two ends' channel-uses entries comes back with them; without them the device refuses", async () => {
    const mc = items.find((i) => i.layer === 'media-channel')! as Extract<PlannedItem, { layer: 'media-channel' }>;
    const entryOf = (port: string) =>
      `<channel-use><port>${port}</port><channel>${mc.channel}</channel><media-channel>${mc.name}</media-channel></channel-use>`;
    const deleteMc = `<media-channels><media-channel nc:operation="delete"><name>${mc.name}</name></media-channel></media-channels>`;
    await until(() => clean(items), 'the line is whole');
    const before = await running(mc.device, 'roadm', ROADM_NS);
    expect(before).toContain(entryOf(mc.from));
    expect(before).toContain(entryOf(mc.to));
    // The media channel alone cannot go: its ends' entries would name no media channel.
    await expect(byHand(mc.device, `<roadm xmlns="${ROADM_NS}">${deleteMc}</roadm>`)).rejects.toThrow(
      /channel-uses entry names a media channel/,
    );
    reports.length = 0;
    const deleteEntry = (port: string) =>
      `<channel-use nc:operation="delete"><port>${port}</port><channel>${mc.channel}</channel></channel-use>`;
    await byHand(
      mc.device,
      `<roadm xmlns="${ROADM_NS}">${deleteMc}<channel-uses>${deleteEntry(mc.from)}${deleteEntry(mc.to)}</channel-uses></roadm>`,
    );
    await until(() => reports.some((r) => r.device === mc.device && r.repair === 'repaired'), 'the reconciler repairs the media channel');
    const report = reports.find((r) => r.device === mc.device && r.repair === 'repaired')!;
    expect(report.drift).toEqual([{ device: mc.device, name: mc.name, layer: 'media-channel', problem: 'missing' }]);
    const after = await running(mc.device, 'roadm', ROADM_NS);
    expect(after).toContain(entryOf(mc.from));
    expect(after).toContain(entryOf(mc.to));
    await until(() => clean(items), 'the line is whole again');
  }, 120_000);
  it("an ODU cross-connect deleted by hand with its two ODUs' odu-uses entries comes back with them; without them the device refuses", async () => {
    const { id, line } = await controller.submit('connect park P-2 to DC dc-north with 10Gbps');
    expect(await controller.until(id, ['active', 'failed'])).toBe('active');
    const lineItems = installedItems(line!);
    const x = lineItems.find((i) => i.layer === 'odu-cross-connect')! as Extract<PlannedItem, { layer: 'odu-cross-connect' }>;
    expect(x, 'a 10 Gbit/s line has an ODU cross-connect').toBeDefined();
    const entryOf = (odu: string) => `<odu-use><odu>${odu}</odu><cross-connect>${x.name}</cross-connect></odu-use>`;
    const deleteXc = `<odu-cross-connects><odu-cross-connect nc:operation="delete"><name>${x.name}</name></odu-cross-connect></odu-cross-connects>`;
    await until(() => clean(lineItems), 'the line is whole');
    const before = await running(x.device, 'otn', OTN_NS);
    expect(before).toContain(entryOf(x.from));
    expect(before).toContain(entryOf(x.to));
    // The cross-connect alone cannot go: its ODUs' entries would name no cross-connect.
    await expect(byHand(x.device, `<otn xmlns="${OTN_NS}">${deleteXc}</otn>`)).rejects.toThrow(/odu-uses entry names a cross-connect/);
    reports.length = 0;
    const deleteEntry = (odu: string) => `<odu-use nc:operation="delete"><odu>${odu}</odu></odu-use>`;
    await byHand(x.device, `<otn xmlns="${OTN_NS}">${deleteXc}<odu-uses>${deleteEntry(x.from)}${deleteEntry(x.to)}</odu-uses></otn>`);
    await until(() => reports.some((r) => r.device === x.device && r.repair === 'repaired'), 'the reconciler repairs the cross-connect');
    const report = reports.find((r) => r.device === x.device && r.repair === 'repaired')!;
    expect(report.drift).toEqual([{ device: x.device, name: x.name, layer: 'odu-cross-connect', problem: 'missing' }]);
    const after = await running(x.device, 'otn', OTN_NS);
    expect(after).toContain(entryOf(x.from));
    expect(after).toContain(entryOf(x.to));
    await until(() => clean(lineItems), 'the line is whole again');
  }, 120_000);
});
