import { isMilliError } from '@milli/core';
import {
  type ConnectionPool,
  type DeviceDriver,
  DeviceDrivers,
  type DiscoveredNetwork,
  YangDeviceSchema,
  defaultDriverRegistry,
  discoverNetwork,
  entryConnectOptions,
  poolFromInventory,
} from '@milli/drivers';
import { NetconfClient } from '@milli/netconf-client';
import { type Topology, fibreLatencyUs, resolveCredentials } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverLab, runningOnlyModel, smallTopology, startDriverLab } from './support/driverLab';

// metro-small in the lab (in-process mock devices on 127.0.0.1), discovered and driven through @milli/drivers.
let lab: DriverLab;
let pool: ConnectionPool;
let network: DiscoveredNetwork;
const schema = YangDeviceSchema.forModules();
const registry = defaultDriverRegistry();
let txCounter = 0;

beforeAll(async () => {
  const { topology } = await smallTopology();
  lab = await startDriverLab(topology);
  pool = poolFromInventory(lab.inventory, lab.inventoryPath, { keepaliveMs: 0 });
  network = await discoverNetwork({ inventory: lab.inventory.devices, pool, schema, topology });
  drivers = new DeviceDrivers(pool, registry, schema);
});

afterAll(async () => {
  await pool?.close();
  await lab?.stop();
  schema.dispose();
});

let drivers: DeviceDrivers;
async function driverFor(device: string): Promise<DeviceDriver> {
  const driver = await drivers.driver(device);
  // one driver per pooled session
  expect(await drivers.driver(device)).toBe(driver);
  return driver;
}

async function commit(driver: DeviceDriver, build: (cs: Awaited<ReturnType<DeviceDriver['beginChangeSet']>>) => void) {
  const cs = await driver.beginChangeSet();
  build(cs);
  const persist = `tx-${++txCounter}`;
  const applier = driver.applier();
  await applier.prepare(cs);
  await applier.commitConfirmed(60, persist);
  await applier.confirm(persist);
  await applier.unlock();
  return cs;
}

async function commitInverse(driver: DeviceDriver, cs: Awaited<ReturnType<DeviceDriver['beginChangeSet']>>) {
  // The inverse is rebased on what the device now holds, as the installer would do.
  const now = await driver.beginChangeSet();
  const persist = `tx-${++txCounter}`;
  // One batch: an ODU and its slot-owner entries are only valid together.
  now.batch(() => {
    for (const edit of cs.inverse().edits) now.add(edit);
  });
  const applier = driver.applier();
  await applier.prepare(now);
  await applier.commitConfirmed(60, persist);
  await applier.confirm(persist);
  await applier.unlock();
}

/** A milli-lab fault RPC, sent on its own session as an operator would (drivers never speak milli-lab). */
async function labRpc(device: string, operation: string): Promise<void> {
  const entry = lab.inventory.devices.find((d) => d.device === device)!;
  const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, lab.inventoryPath)));
  try {
    const reply = await client.rpc(operation, 'lab-fault');
    expect(reply.failed).toBe(false);
  } finally {
    await client.close();
  }
}

async function runningXml(device: string): Promise<string> {
  const pooled = await pool.acquire(device);
  const reply = await pooled.netconf.getConfig('running');
  expect(reply.ok).toBe(true);
  return reply.data ?? '';
}

const sortBy = <T>(items: T[], key: (t: T) => string) => [...items].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
const endsKey = (f: { a: { device: string; port: string }; b: { device: string; port: string } }) =>
  [`${f.a.device}/${f.a.port}`, `${f.b.device}/${f.b.port}`].sort().join(' ~ ');

function projectTopology(t: Pick<Topology, 'devices' | 'fibres'>) {
  return {
    devices: sortBy(t.devices, (d) => d.id).map((d) => ({
      id: d.id,
      site: d.site,
      kind: d.kind,
      model: d.model,
      ports: sortBy(d.ports, (p) => p.id).map((p) => ({ id: p.id, kind: p.kind, rate: p.rate, group: p.group, osu: Boolean(p.osu) })),
    })),
    // Devices report a latency for every fibre (measured, or the length-based estimate): compare the latency in
    // effect, to the 3 decimals the YANG type carries.
    fibres: sortBy(t.fibres, endsKey).map((f) => ({
      ends: endsKey(f),
      id: f.id,
      lengthKm: f.lengthKm,
      latencyUs: Number(fibreLatencyUs(f).toFixed(3)),
    })),
  };
}

describe('discovery of metro-small', () => {
  it('equals the topology file it was started from (devices, ports, fibres, lengths) with no disagreement', () => {
    expect(network.disagreements).toEqual([]);
    expect(network.stats.answered).toBe(lab.topology.devices.length);
    expect(projectTopology(network)).toEqual(projectTopology(lab.topology));
    expect(network.fibres.every((f) => f.seenFrom.length === 2)).toBe(true);
  });

  it('reports a silent device, a fibre whose length differs and one missing from the topology, as data', async () => {
    const silent = { ...lab.inventory.devices[0]!, device: 'ghost-roadm', port: 1 };
    // A device whose host key is not the pinned one is refused, and says so.
    const impostor = {
      ...lab.inventory.devices[1]!,
      device: 'impostor-otn',
      hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    };
    const changed = structuredClone(lab.topology);
    changed.fibres[0]!.lengthKm += 5;
    const dropped = changed.fibres.splice(1, 1)[0]!;
    const inventory = [...lab.inventory.devices, silent, impostor];
    const ghostPool = poolFromInventory({ version: 1, devices: inventory }, lab.inventoryPath, {
      keepaliveMs: 0,
      backoff: { initialMs: 1, attempts: 1 },
    });
    try {
      const result = await discoverNetwork({ inventory, pool: ghostPool, schema, topology: changed });
      const kinds = result.disagreements.map((d) => `${d.kind}:${'device' in d ? d.device : 'fibre' in d ? d.fibre : ''}`).sort();
      expect(kinds).toEqual(
        [
          'device-unreachable:ghost-roadm',
          'device-unreachable:impostor-otn',
          `fibre-not-in-topology:${dropped.id}`,
          `length-differs-from-topology:${lab.topology.fibres[0]!.id}`,
        ].sort(),
      );
      expect(result.disagreements.find((d) => d.kind === 'device-unreachable' && d.device === 'impostor-otn')).toMatchObject({
        code: 'NETCONF_HOST_KEY',
      });
      expect(result.disagreements.find((d) => d.kind === 'device-unreachable' && d.device === 'ghost-roadm')).toMatchObject({
        code: 'DRIVER_UNREACHABLE',
      });
      expect(result.stats.answered).toBe(lab.topology.devices.length);
    } finally {
      await ghostPool.close();
    }
  });
});

describe('verbs through committed change sets (candidate devices)', () => {
  it('a media channel shows up in running config and operational state; its inverse removes it', async () => {
    const driver = await driverFor('AGG-1-roadm');
    expect(driver.plugin).toBe('milli-candidate');
    const cs = await commit(driver, (c) =>
      driver.roadm!.connectMediaChannel(c, { name: 'mc-e2e', channel: 17, from: 'ad-1', to: 'deg-2', targetPowerDbm: -3 }),
    );
    expect(await runningXml('AGG-1-roadm')).toContain('<name>mc-e2e</name>');
    const listed = (await driver.roadm!.listMediaChannels()).find((m) => m.name === 'mc-e2e');
    expect(listed).toMatchObject({ channel: 17, from: 'ad-1', to: 'deg-2', targetPowerDbm: -3 });
    expect(listed?.operStatus).toMatch(/^(up|down|degraded|unknown)$/);
    expect((await driver.inventory.crossConnects()).map((x) => `${x.layer}:${x.name}`)).toContain('media-channel:mc-e2e');
    await commitInverse(driver, cs);
    expect(await runningXml('AGG-1-roadm')).not.toContain('mc-e2e');
    expect((await driver.roadm!.listMediaChannels()).map((m) => m.name)).not.toContain('mc-e2e');
  });

  it('ODU containers and an ODU cross-connect show up with oper-status; the inverse removes all three', async () => {
    const driver = await driverFor('AGG-1-otn');
    const cs = await commit(driver, (c) => {
      driver.otn!.createOduContainer(c, { name: 'odu-e2e-client', type: 'ODU4', port: 'client-1' });
      driver.otn!.createOduContainer(c, {
        name: 'odu-e2e-line',
        type: 'ODU4',
        port: 'line-1',
        tributarySlots: Array.from({ length: 80 }, (_, i) => i + 1),
      });
      driver.otn!.createOduCrossConnect(c, { name: 'oxc-e2e', from: 'odu-e2e-client', to: 'odu-e2e-line' });
    });
    const listing = await driver.otn!.listOdu();
    expect(listing.containers.find((o) => o.name === 'odu-e2e-line')?.tributarySlots).toHaveLength(80);
    const xc = listing.crossConnects.find((x) => x.name === 'oxc-e2e');
    expect(xc).toMatchObject({ from: 'odu-e2e-client', to: 'odu-e2e-line' });
    expect(xc?.operStatus).toBeDefined();
    // A selection reads the named entries only, state included, and of the lists it names only.
    const selected = await driver.otn!.listOdu({
      containers: ['odu-e2e-line', 'no-such-odu'],
      crossConnects: ['oxc-e2e'],
      linePorts: ['line-1'],
    });
    expect(selected.containers.map((o) => o.name)).toEqual(['odu-e2e-line']);
    expect(selected.crossConnects.map((x) => [x.name, x.operStatus])).toEqual([['oxc-e2e', xc?.operStatus]]);
    expect(selected.linePorts.map((p) => p.port)).toEqual(['line-1']);
    expect(selected.protectionGroups).toEqual([]);
    expect(await driver.otn!.listOdu({})).toEqual({ containers: [], crossConnects: [], protectionGroups: [], linePorts: [] });
    expect(await runningXml('AGG-1-otn')).toContain('oxc-e2e');
    await commitInverse(driver, cs);
    const after = await driver.otn!.listOdu();
    expect([...after.containers, ...after.crossConnects].map((x) => x.name).filter((n) => n.includes('e2e'))).toEqual([]);
  });

  it('an OSU connection at the client edge and an OSU cross-connect show up; the inverse removes them', async () => {
    const driver = await driverFor('AP-1-otn');
    const cs = await commit(driver, (c) => {
      driver.otn!.createOduContainer(c, { name: 'odu-osu-a', type: 'ODU0', port: 'line-1', tributarySlots: [1] });
      driver.otn!.createOduContainer(c, { name: 'odu-osu-b', type: 'ODU0', port: 'line-2', tributarySlots: [1] });
      driver.osu!.createOsuConnection(c, {
        name: 'osu-e2e',
        clientPort: 'client-1',
        vlan: 100,
        bandwidthKbps: 100_000,
        odu: 'odu-osu-a',
        osuId: 1,
      });
      driver.osu!.createOsuCrossConnect(c, {
        name: 'osux-e2e',
        from: { odu: 'odu-osu-a', osuId: 2 },
        to: { odu: 'odu-osu-b', osuId: 2 },
        bandwidthKbps: 50_000,
      });
    });
    const listing = await driver.osu!.listOsu();
    expect(listing.connections.find((x) => x.name === 'osu-e2e')).toMatchObject({
      clientPort: 'client-1',
      vlan: 100,
      bandwidthKbps: 100_000,
      odu: 'odu-osu-a',
      osuId: 1,
    });
    expect(listing.crossConnects.find((x) => x.name === 'osux-e2e')).toMatchObject({
      from: { odu: 'odu-osu-a', osuId: 2 },
      to: { odu: 'odu-osu-b', osuId: 2 },
    });
    expect(listing.connections.find((x) => x.name === 'osu-e2e')?.operStatus).toBeDefined();
    await commitInverse(driver, cs);
    const after = await driver.osu!.listOsu();
    expect([...after.connections, ...after.crossConnects].map((x) => x.name)).toEqual([]);
    expect(await runningXml('AP-1-otn')).not.toContain('odu-osu-a');
  });

  it('a device that rejects the commit yields DRIVER_COMMIT_REJECTED with device, rpc, message-id and error-tag; rollback leaves running as it was', async () => {
    const driver = await driverFor('AGG-2-roadm');
    const before = await runningXml('AGG-2-roadm');
    await labRpc(
      'AGG-2-roadm',
      '<reject-next-commit xmlns="urn:milli:yang:milli-lab"><error-message>lab says no</error-message></reject-next-commit>',
    );
    const cs = await driver.beginChangeSet();
    driver.roadm!.connectMediaChannel(cs, { name: 'mc-rejected', channel: 5, from: 'ad-2', to: 'deg-1' });
    const applier = driver.applier();
    await applier.prepare(cs);
    const error = await applier.commitConfirmed(60, 'tx-reject').catch((e: unknown) => e);
    expect(isMilliError(error, 'DRIVER_COMMIT_REJECTED')).toBe(true);
    const context = (error as { context: Record<string, unknown> }).context;
    expect(context).toMatchObject({ device: 'AGG-2-roadm', rpc: 'commit' });
    expect(context.messageId).toMatch(/^\d+$/);
    expect(typeof context.errorTag).toBe('string');
    expect((error as Error).message).toContain('lab says no');
    await applier.rollback('tx-reject');
    await applier.unlock();
    expect(await runningXml('AGG-2-roadm')).toBe(before);
  });
});

describe('the running-only device model', () => {
  let small: DriverLab;
  let smallPool: ConnectionPool;
  beforeAll(async () => {
    small = await startDriverLab(lab.topology, { only: (id) => id === 'AGG-3-roadm', modelOf: () => runningOnlyModel('generic-roadm') });
    smallPool = poolFromInventory(small.inventory, small.inventoryPath, { keepaliveMs: 0 });
  });
  afterAll(async () => {
    await smallPool?.close();
    await small?.stop();
  });

  it('gets the running-only driver; its change set applies to running and its computed inverse rolls it back', async () => {
    const pooled = await smallPool.acquire('AGG-3-roadm');
    expect(pooled.hello.capabilities.some((c) => c.includes(':candidate'))).toBe(false);
    const driver = registry.create({ device: 'AGG-3-roadm', kind: 'roadm', hello: pooled.hello, netconf: pooled.netconf, schema });
    expect(driver.plugin).toBe('milli-running-only');
    const cs = await driver.beginChangeSet();
    driver.roadm!.connectMediaChannel(cs, { name: 'mc-running', channel: 9, from: 'ad-1', to: 'deg-1' });
    const applier = driver.applier();
    await applier.prepare(cs);
    await applier.commitConfirmed(60, 'tx-running');
    const live = await pooled.netconf.getConfig('running');
    expect(live.data).toContain('mc-running');
    expect((await driver.roadm!.listMediaChannels()).map((m) => m.name)).toContain('mc-running');
    await applier.rollback('tx-running');
    await applier.unlock();
    expect((await pooled.netconf.getConfig('running')).data).not.toContain('mc-running');
  });
});
