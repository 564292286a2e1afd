import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@milli/core';
import { type Controller, type IntentState, networkController } from '@milli/controller';
import { type ConnectionPool, poolFromInventory } from '@milli/drivers';
import type { Topology } from '@milli/topology';
import { type DriverLab, smallTopology, startDriverLab } from './driverLab';

/** The optical devices of metro-small: a wavelength line touches only these. */
export const isOptical = (topology: Topology) => (id: string) => {
  const kind = topology.devices.find((d) => d.id === id)?.kind;
  return kind === 'roadm' || kind === 'oxc';
};

export interface ControllerLab {
  lab: DriverLab;
  topology: Topology;
  dir: string;
  storeFile: string;
  /** The test's own sessions, to read what the devices hold. */
  pool: ConnectionPool;
  open(clock?: Clock): Promise<{ controller: Controller; close(): Promise<void> }>;
  runningConfigs(): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/**
 * metro-small's ROADMs and OXCs as in-process mock devices on loopback, and a controller store beside them; with
 * `everyDevice`, its OTN and OSU devices too (access lines need them).
 */
export async function startControllerLab(options: { everyDevice?: boolean } = {}): Promise<ControllerLab> {
  const { topology } = await smallTopology();
  const lab = await startDriverLab(topology, options.everyDevice ? {} : { only: isOptical(topology) });
  const dir = mkdtempSync(join(tmpdir(), 'milli-controller-lab-'));
  const storeFile = join(dir, 'controller.db');
  const pool = poolFromInventory(lab.inventory, lab.inventoryPath, { keepaliveMs: 0 });
  const opened: { close(): Promise<void> }[] = [];
  return {
    lab,
    topology,
    dir,
    storeFile,
    pool,
    async open(clock?: Clock) {
      const built = networkController({
        storeFile,
        topology,
        inventory: lab.inventory,
        inventoryPath: lab.inventoryPath,
        ...(clock ? { clock } : {}),
      });
      opened.push(built);
      await built.controller.start();
      return built;
    },
    async runningConfigs() {
      const configs = new Map<string, string>();
      for (const entry of lab.inventory.devices) {
        const reply = await (await pool.acquire(entry.device)).netconf.getConfig('running');
        configs.set(entry.device, reply.data ?? '');
      }
      return configs;
    },
    async stop() {
      for (const o of opened) await o.close().catch(() => undefined);
      await pool.close();
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const reach = (controller: Controller, id: string, states: IntentState[]) => controller.until(id, states);
