import { type Observable, firstValueFrom } from 'rxjs';
import { filter, take, timeout, toArray } from 'rxjs/operators';
import { childText, type NetconfClient, type NetconfNotification } from '@milli/netconf-client';
import { type Inventory, loadInventory, loadTopology } from '@milli/topology';
import { expect } from 'vitest';
import { connectEntry } from '../../lab/test/support/labHarness';
import { milliLab } from './labCli';

const DEVICE_NS = 'urn:milli:yang:milli-device';

/** The alarm events (`alarm-raised` / `alarm-cleared`) in a notification, as plain data. */
function alarms(n: NetconfNotification): { event: string; resource: string; type: string }[] {
  return n.events
    .filter((e) => e.ns === DEVICE_NS && (e.local === 'alarm-raised' || e.local === 'alarm-cleared'))
    .map((e) => ({ event: e.local, resource: childText(e, 'resource', DEVICE_NS) ?? '', type: childText(e, 'type', DEVICE_NS) ?? '' }));
}

/**
 * Cuts a degree-to-degree fibre with `milli lab fault cut-fibre`, expects a loss-of-signal alarm-raised on the
 * subscriptions of both ends (each naming its own port), then restores it and expects alarm-cleared on both.
 */
export async function fibreCutReachesSubscriptions(stateDir: string, topologyPath: string): Promise<void> {
  const inventoryPath = `${stateDir}/inventory.json`;
  const inventory: Inventory = loadInventory(inventoryPath);
  const topology = await loadTopology(topologyPath);
  const fibre = topology.fibres.find((f) => f.a.device !== f.b.device && f.a.port.startsWith('deg') && f.b.port.startsWith('deg'));
  expect(fibre, 'the topology has a degree-to-degree span').toBeDefined();
  const ends = [fibre!.a, fibre!.b];
  const clients: NetconfClient[] = [];
  try {
    const streams: Observable<NetconfNotification>[] = [];
    for (const end of ends) {
      const entry = inventory.devices.find((d) => d.device === end.device)!;
      const client = await connectEntry(inventoryPath, entry);
      clients.push(client);
      const subscription = await client.createSubscription();
      expect(subscription.reply.ok).toBe(true);
      streams.push(subscription.notifications);
    }
    const next = (i: number, event: string) =>
      firstValueFrom(
        streams[i]!.pipe(
          filter((n) => alarms(n).some((a) => a.event === event)),
          take(1),
          toArray(),
          timeout(10_000),
        ),
      ).then((list) => alarms(list[0]!));

    const raised = [next(0, 'alarm-raised'), next(1, 'alarm-raised')];
    const cut = await milliLab('fault', 'cut-fibre', fibre!.id, '--state-dir', stateDir);
    expect(cut.exitCode, cut.err).toBe(0);
    expect(cut.out).toContain(`cut-fibre ${fibre!.id}: done (${ends[0]!.device}, ${ends[1]!.device})`);
    const raisedAt = await Promise.all(raised);
    raisedAt.forEach((events, i) => {
      expect(events).toContainEqual({ event: 'alarm-raised', resource: ends[i]!.port, type: 'loss-of-signal' });
    });

    const status = await milliLab('status', '--state-dir', stateDir);
    expect(status.out).toContain(`cut fibres: ${fibre!.id}`);

    const cleared = [next(0, 'alarm-cleared'), next(1, 'alarm-cleared')];
    const restore = await milliLab('fault', 'restore-fibre', fibre!.id, '--state-dir', stateDir);
    expect(restore.exitCode, restore.err).toBe(0);
    (await Promise.all(cleared)).forEach((events, i) => {
      expect(events).toContainEqual({ event: 'alarm-cleared', resource: ends[i]!.port, type: 'loss-of-signal' });
    });
    expect((await milliLab('status', '--state-dir', stateDir)).out).not.toContain('cut fibres');
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
  }
}
