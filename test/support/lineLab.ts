import { type InstalledLine, type InstallerContext, type PlannedItem, provisionLine } from '@milli/controller';
import { type ConnectionPool, DeviceDrivers, YangDeviceSchema, defaultDriverRegistry, poolFromInventory } from '@milli/drivers';
import { readIntent } from '@milli/intent';
import { PceGraph, ledgerForGraph } from '@milli/pce';
import { TopologyIndex } from '@milli/topology';
import { type DriverLab, smallTopology, startDriverLab } from './driverLab';

/** The whole of metro-small as in-process mock devices, with an installer context on top (for the installer's lab tests). */
export interface LineLab {
  lab: DriverLab;
  pool: ConnectionPool;
  ctx: InstallerContext;
  now: number;
  stop(): Promise<void>;
}

export async function startLineLab(): Promise<LineLab> {
  const { topology } = await smallTopology();
  const lab = await startDriverLab(topology);
  const pool = poolFromInventory(lab.inventory, lab.inventoryPath, { keepaliveMs: 0 });
  const schema = YangDeviceSchema.forModules();
  const drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  const graph = PceGraph.build(topology);
  const ctx: InstallerContext = { index: new TopologyIndex(topology), graph, ledger: ledgerForGraph(graph), drivers, confirmTimeoutS: 60 };
  return {
    lab,
    pool,
    ctx,
    now: Date.parse('2026-12-06T00:00:00Z'),
    stop: async () => {
      await drivers.close();
      await lab.stop();
      schema.dispose();
    },
  };
}

/** An intent text compiled and provisioned as line `line`. */
export async function provisionText(l: LineLab, text: string, line: string): Promise<InstalledLine> {
  const { compilation } = readIntent(text, { topology: l.ctx.index, now: l.now });
  return (await provisionLine(l.ctx, { line, request: compilation.pathRequests[0]! })).installed;
}

/** Every device's running configuration, as the device prints it for get-config. */
export async function runningConfigs(l: LineLab): Promise<Map<string, string>> {
  const devices = l.lab.inventory.devices.map((d) => d.device);
  const configs = await Promise.all(
    devices.map(async (device) => {
      const reply = await (await l.pool.acquire(device)).netconf.getConfig('running');
      if (!reply.ok) throw new Error(`get-config on ${device}: ${JSON.stringify(reply.errors)}`);
      return [device, reply.data ?? ''] as const;
    }),
  );
  return new Map(configs);
}

/** The entries of one device on every layer, as `layer:name`. */
export async function entriesOn(l: LineLab, device: string): Promise<string[]> {
  const driver = await l.ctx.drivers.driver(device);
  const out: string[] = [];
  for (const m of (await driver.roadm?.listMediaChannels()) ?? []) out.push(`media-channel:${m.name}`);
  const odu = await driver.otn?.listOdu();
  for (const p of odu?.linePorts ?? []) if (p.channel !== undefined) out.push(`line-port:${p.port}`);
  for (const c of odu?.containers ?? []) out.push(`odu:${c.name}`);
  for (const x of odu?.crossConnects ?? []) out.push(`odu-cross-connect:${x.name}`);
  for (const g of odu?.protectionGroups ?? []) out.push(`odu-protection-group:${g.name}`);
  const osu = await driver.osu?.listOsu();
  for (const c of osu?.connections ?? []) out.push(`osu-connection:${c.name}`);
  for (const x of osu?.crossConnects ?? []) out.push(`osu-cross-connect:${x.name}`);
  for (const g of osu?.protectionGroups ?? []) out.push(`osu-protection-group:${g.name}`);
  return out.sort();
}

export const itemKey = (i: PlannedItem) => `${i.layer}:${i.name}`;
