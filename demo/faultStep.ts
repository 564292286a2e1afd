import { setTimeout as sleep } from 'node:timers/promises';
import { type DeviceDrivers, entryConnectOptions } from '@milli/drivers';
import { labPaths, sendControl } from '@milli/lab';
import { NetconfClient, type NetconfNotification } from '@milli/netconf-client';
import { type Inventory, type TopologyIndex, resolveCredentials } from '@milli/topology';
import { mediaChannelsNamed } from './mediaChannels';
import { fact, heading } from './say';

/** Cuts a fibre under the line: both ends raise loss-of-signal over NETCONF, the line goes down; restoring heals it. */
/** A line as the API shows it: its id (the media channels' name), devices and fibres. */
export interface ProvisionedLine {
  id: string;
  devices: string[];
  fibres: string[];
}

export async function faultStep(
  line: ProvisionedLine,
  context: { index: TopologyIndex; inventory: Inventory; inventoryPath: string; stateDir: string; drivers: DeviceDrivers },
): Promise<void> {
  const fibreId = line.fibres[Math.floor(line.fibres.length / 2)]!;
  const fibre = context.index.fibre(fibreId);
  heading(`Fault: cut fibre ${fibreId} (${fibre.a.device} ↔ ${fibre.b.device}, ${fibre.lengthKm} km) under ${line.id}`);
  const ends = [fibre.a.device, fibre.b.device];
  const heard: string[] = [];
  const clients = await Promise.all(ends.map((device) => subscribe(device, context.inventory, context.inventoryPath, heard)));
  try {
    await control(context.stateDir, 'cut-fibre', fibreId);
    await until(() => heard.filter((h) => h.includes('alarm-raised')).length >= 2);
    for (const h of heard) fact(h, 2);
    const states = await operStatus(context.drivers, line);
    fact(`${line.id} oper-status: ${states.map((s) => `${s.device} ${s.status}`).join(', ')}`);

    heard.length = 0;
    await control(context.stateDir, 'restore-fibre', fibreId);
    await until(() => heard.filter((h) => h.includes('alarm-cleared')).length >= 2);
    for (const h of heard) fact(h, 2);
    const healed = await operStatus(context.drivers, line);
    fact(`restored: ${line.id} oper-status ${[...new Set(healed.map((s) => s.status))].join('/')} on all ${healed.length} devices`);
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
  }
}

async function subscribe(device: string, inventory: Inventory, inventoryPath: string, heard: string[]): Promise<NetconfClient> {
  const entry = inventory.devices.find((d) => d.device === device)!;
  const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)));
  const subscription = await client.createSubscription();
  subscription.notifications.subscribe((n) => {
    const line = describe(device, n);
    if (line) heard.push(line);
  });
  return client;
}

function describe(device: string, notification: NetconfNotification): string | undefined {
  const event = notification.events[0];
  if (!event?.local.startsWith('alarm-')) return undefined;
  const field = (name: string) => event.children.find((c) => c.local === name)?.text ?? '';
  return `${device}: ${event.local} ${field('type')} on ${field('resource')} at ${notification.eventTime}`;
}

async function control(stateDir: string, fault: 'cut-fibre' | 'restore-fibre', fibre: string): Promise<void> {
  const reply = await sendControl(labPaths(stateDir).control, { op: 'fault', fault, target: fibre });
  if (!reply.ok) throw new Error(`${fault} ${fibre}: ${reply.error}`);
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) if (condition()) return;
  throw new Error(`no alarm notification within ${timeoutMs} ms`);
}

async function operStatus(drivers: DeviceDrivers, line: ProvisionedLine): Promise<{ device: string; status: string }[]> {
  return (await mediaChannelsNamed(drivers, line.devices, line.id)).map(({ device, channel }) => ({
    device,
    status: channel ? (channel.operStatus ?? 'unknown') : 'missing',
  }));
}
