import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labDown, labPaths, labUp, readLabRecord, sendControl } from '@milli/lab';
import { throwIfRpcError } from '@milli/netconf-client';
import { loadInventory, loadTopology } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectEntry, tempDir, tinyMetro } from '../../lab/test/support/labHarness';
import { destroyAll, openIdleSockets, stillOpen } from '../../lab/test/support/hostileClients';

// A whole lab (one host process, process isolation) against a client that floods one device: the other devices
// and the control socket keep answering, the host's memory stays bounded, and what a device's own fault RPC
// does shows in `lab status`. Caps are lowered by options so that hundreds of connections show them.
const stateDir = join(tempDir('lab-hostile'), 'state');
const inventoryPath = join(stateDir, 'inventory.json');
const LIMITS = { device: { maxUnauthenticated: 8, maxConnections: 16, loginGraceMs: 1500 } };

beforeAll(async () => {
  await labUp({ topologyPath: await tinyMetro(), stateDir, isolation: 'process', limits: LIMITS });
}, 60_000);
afterAll(async () => {
  await labDown(stateDir);
});

const status = () => sendControl(labPaths(stateDir).control, { op: 'status' }, 5000);
/** The host's peak resident memory so far (VmHWM), in bytes. */
function hostPeakRss(): number {
  const pid = readLabRecord(stateDir)!.hostPid;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

describe('a lab under a hostile client', () => {
  it('caps a flood of 400 idle connections to one device; the control socket and the other devices keep answering', async () => {
    const [flooded, other] = loadInventory(inventoryPath).devices;
    const flood = await openIdleSockets(flooded!.port, 400);
    try {
      await vi.waitFor(() => expect(stillOpen(flood)).toBeLessThanOrEqual(LIMITS.device.maxUnauthenticated));
      const reply = await status();
      expect(reply.ok).toBe(true);
      const devices = reply.ok ? (reply.devices ?? []) : [];
      expect(devices.find((d) => d.device === flooded!.device)!.connections).toBeLessThanOrEqual(LIMITS.device.maxUnauthenticated);
      const client = await connectEntry(inventoryPath, other!);
      throwIfRpcError(await client.getConfig('running'));
      await client.close();
      // Nobody authenticates: the grace time closes what the device held.
      await vi.waitFor(() => expect(stillOpen(flood)).toBe(0), { timeout: 10_000 });
      const after = await status();
      expect(after.ok && after.devices?.find((d) => d.device === flooded!.device)?.connections).toBe(0);
      // Stated bound: the host (~150 MiB for a small lab) never passed 512 MiB.
      expect(hostPeakRss()).toBeLessThan(512 * 1024 * 1024);
    } finally {
      destroyAll(flood);
    }
  });

  it('shows in lab status a fibre cut (and restored) through one device’s own fault RPC', async () => {
    const topology = await loadTopology(readLabRecord(stateDir)!.topology);
    const fibre = topology.fibres[0]!;
    const entry = loadInventory(inventoryPath).devices.find((d) => d.device === fibre.a.device)!;
    const client = await connectEntry(inventoryPath, entry);
    try {
      throwIfRpcError(
        await client.rpc(`<cut-fibre xmlns="urn:milli:yang:milli-lab"><fibre-id>${fibre.id}</fibre-id></cut-fibre>`, 'cut-fibre'),
      );
      const cut = await status();
      expect(cut.ok && cut.fibres?.find((f) => f.fibre === fibre.id)).toEqual({ fibre: fibre.id, cut: true, cutAt: [fibre.a.device] });
      throwIfRpcError(
        await client.rpc(
          `<restore-fibre xmlns="urn:milli:yang:milli-lab"><fibre-id>${fibre.id}</fibre-id></restore-fibre>`,
          'restore-fibre',
        ),
      );
      const restored = await status();
      expect(restored.ok && restored.fibres?.find((f) => f.fibre === fibre.id)).toEqual({ fibre: fibre.id, cut: false });
    } finally {
      await client.close();
    }
  });
});
