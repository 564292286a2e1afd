import { setTimeout as sleep } from 'node:timers/promises';
import { type InstalledLine, findDifferences } from '@milli/controller';
import { type DeviceDrivers, entryConnectOptions } from '@milli/drivers';
import { labPaths, sendControl } from '@milli/lab';
import { NetconfClient, type NetconfNotification } from '@milli/netconf-client';
import { type Inventory, type TopologyIndex, resolveCredentials } from '@milli/topology';
import { fact, heading } from './say';

/**
 * Cuts a fibre under the working path of a protected line: both ends raise loss-of-signal over NETCONF, the working
 * leg goes down and the protection groups at both ends select the protection leg; restoring the fibre heals it.
 */
export async function faultStep(
  line: InstalledLine,
  context: { index: TopologyIndex; inventory: Inventory; inventoryPath: string; stateDir: string; drivers: DeviceDrivers },
): Promise<void> {
  const working = line.reserved.paths.find((p) => p.role === 'working')!.path.fibres;
  const protection = new Set(line.reserved.paths.find((p) => p.role === 'protection')?.path.fibres ?? []);
  const candidates = working.filter((f) => !protection.has(f));
  // The last one: the patch cord into the DC's OTN switch. The lab carries the loss along the lightpath and up the
  // layers, so the groups at both ends lose their working leg's signal and switch.
  const fibreId = candidates.at(-1)!;
  const fibre = context.index.fibre(fibreId);
  heading(`Fault: cut fibre ${fibreId} (${fibre.a.device} ↔ ${fibre.b.device}, ${fibre.lengthKm} km) under ${line.line}'s working path`);
  const heard: string[] = [];
  const clients = await Promise.all(
    [fibre.a.device, fibre.b.device].map((d) => subscribe(d, context.inventory, context.inventoryPath, heard)),
  );
  try {
    await control(context.stateDir, 'cut-fibre', fibreId);
    await until(() => heard.filter((h) => h.includes('alarm-raised')).length >= 2);
    for (const h of heard) fact(h, 2);
    const down = await findDifferences(context.drivers, line.items);
    fact(`${line.line} after the cut: ${down.map((d) => `${d.device} ${d.name} ${d.problem}`).join('; ')}`);
    const groups = await selectedLegs(context.drivers, line);
    fact(`protection groups: ${groups.join(', ')}`);

    heard.length = 0;
    await control(context.stateDir, 'restore-fibre', fibreId);
    await until(() => heard.filter((h) => h.includes('alarm-cleared')).length >= 2);
    for (const h of heard) fact(h, 2);
    // Revertive groups go back to the working leg only after their wait-to-restore (300 s): not part of "up".
    const healed = await findDifferences(
      context.drivers,
      line.items.filter((i) => !i.layer.endsWith('protection-group')),
    );
    fact(
      healed.length === 0
        ? `restored: ${line.line} up on all ${line.devices.length} devices, protection groups on ${(await selectedLegs(context.drivers, line)).join(', ')} (revertive: working again after the wait-to-restore)`
        : `still different: ${healed.map((d) => `${d.device} ${d.name}`).join(', ')}`,
    );
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
  }
}

async function selectedLegs(drivers: DeviceDrivers, line: InstalledLine): Promise<string[]> {
  const groups = line.items.filter((i) => i.layer === 'osu-protection-group');
  return Promise.all(
    groups.map(async (g) => {
      const listed = await (await drivers.driver(g.device)).osu!.listOsu();
      return `${g.device} ${listed.protectionGroups.find((p) => p.name === g.name)?.selectedLeg ?? 'missing'}`;
    }),
  );
}

async function subscribe(device: string, inventory: Inventory, inventoryPath: string, heard: string[]): Promise<NetconfClient> {
  const entry = inventory.devices.find((d) => d.device === device)!;
  const client = await NetconfClient.connect(entryConnectOptions(entry, resolveCredentials(entry, inventoryPath)));
  const subscription = await client.createSubscription();
  subscription.notifications.subscribe((n) => {
    const text = describe(device, n);
    if (text) heard.push(text);
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
