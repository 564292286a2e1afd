import type { DeviceDriver, OsuConnection } from '@milli/drivers';
import { describe, expect, it } from 'vitest';
import { type PlannedItem, settledDifferences } from '../../src/index';
import { connection } from '../line/fakeGroupNetwork';

/**
 * Devices whose OSU connections are configured as planned; each connection's signal comes up after `upAfterReads`
 * reads of its device. Counts the reads per device.
 */
function devicesComingUp(upAfterReads: Record<string, number>) {
  const reads = new Map<string, number>();
  const drivers = {
    driver: async (device: string) =>
      ({
        device,
        osu: {
          listOsu: async (filter: { connections?: string[] }) => {
            const n = (reads.get(device) ?? 0) + 1;
            reads.set(device, n);
            const operStatus = n > (upAfterReads[device] ?? 0) ? 'up' : 'down';
            const connections: OsuConnection[] = (filter.connections ?? []).map((name) => {
              const planned = connection(device, name) as Extract<PlannedItem, { layer: 'osu-connection' }>;
              return { name, clientPort: planned.clientPort, bandwidthKbps: planned.bandwidthKbps, odu: planned.odu, osuId: 1, operStatus };
            });
            return { connections, crossConnects: [], protectionGroups: [] };
          },
        },
      }) as unknown as DeviceDriver,
  };
  return { drivers, reads };
}

describe('settledDifferences', () => {
  it('reads again only the devices whose entries still wait for their signal, until they are up', async () => {
    const { drivers, reads } = devicesComingUp({ 'osu-dc': 2 });
    const present = [connection('osu-dc', 'a'), connection('osu-dc', 'b'), connection('cpe-a', 'a'), connection('cpe-b', 'b')];

    expect(await settledDifferences(drivers, present, [], 5_000)).toEqual([]);
    // Down on its first two reads, up on the third; the parks were up on their first and not read again.
    expect(Object.fromEntries(reads)).toEqual({ 'osu-dc': 3, 'cpe-a': 1, 'cpe-b': 1 });
  });

  it('still returns what has not come up by the deadline, naming the device and entry', async () => {
    const { drivers } = devicesComingUp({ 'osu-dc': Number.POSITIVE_INFINITY });
    const present = [connection('osu-dc', 'a'), connection('cpe-a', 'a')];

    expect(await settledDifferences(drivers, present, [], 150)).toEqual([
      { device: 'osu-dc', name: 'a', layer: 'osu-connection', problem: 'oper-status down' },
    ]);
  });
});
