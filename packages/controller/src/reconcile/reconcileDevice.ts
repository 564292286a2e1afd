import { MilliError } from '@milli/core';
import type { ChangeSet, DeviceDriver } from '@milli/drivers';
import { runNetworkTransaction } from '../installer/NetworkTransaction';
import { inCreateOrder, type PlannedItem } from '../installer/plan/PlannedItem';
import { addEdit, createEditOf, type DriverSource } from '../installer/plan/renderChanges';
import { type Difference, findDifferences } from '../installer/verifyItems';
import type { DesiredDevice } from './desiredState';
import { type ForeignItem, findForeign } from './findForeign';

/** What one pass over one device found and did. */
export interface DeviceReconciliation {
  device: string;
  /** Planned items missing or changed on the device (configuration, not operational state). */
  drift: Difference[];
  foreign: ForeignItem[];
  /** Whether a transaction ran, and how it ended. */
  repair: 'none' | 'repaired' | 'failed';
  /** Foreign items the repair removed (only when asked to). */
  removed: ForeignItem[];
  /** Drifted items not written because a foreign item that stays holds their resource (the device would refuse). */
  blocked: string[];
  error?: string;
}

export interface ReconcileDeviceOptions {
  drivers: DriverSource;
  /** The repair transaction's id (also its confirmed-commit persist id). */
  transactionId: () => string;
  confirmTimeoutS: number;
  removeForeign: boolean;
}

/**
 * Level-based: whatever happened to the device, its running configuration is compared with what the store wants on
 * it, and the difference is put right in one confirmed-commit transaction: missing items are created and changed
 * ones replaced whole, colliding foreign items go first when
 * asked to. An item down for want of light is not drift (assurance follows alarms); only configuration is repaired.
 */
export async function reconcileDevice(desired: DesiredDevice, options: ReconcileDeviceOptions): Promise<DeviceReconciliation> {
  const driver = await options.drivers.driver(desired.device);
  const [differences, foreign] = await Promise.all([
    findDifferences(options.drivers, desired.items),
    findForeign(driver, desired.items, desired.known),
  ]);
  const drift = differences.filter(isConfigDrift);
  const removed = options.removeForeign ? foreign : [];
  const held = new Set(options.removeForeign ? [] : foreign.map((f) => f.collidesWith.name));
  const blocked = drift.filter((d) => held.has(d.name)).map((d) => d.name);
  const result: DeviceReconciliation = { device: desired.device, drift, foreign, repair: 'none', removed: [], blocked };
  const byName = new Map(desired.items.map((i) => [`${i.layer}:${i.name}`, i]));
  const toWrite = inCreateOrder(drift.filter((d) => !held.has(d.name)).flatMap((d) => byName.get(`${d.layer}:${d.name}`) ?? []));
  if (toWrite.length === 0 && removed.length === 0) return result;
  const missing = new Set(drift.filter((d) => d.problem === 'missing').map((d) => `${d.layer}:${d.name}`));

  const changeSet = await driver.beginChangeSet();
  changeSet.batch(() => {
    for (const f of inRemovalOrder(removed)) remove(driver, changeSet, f);
    for (const item of toWrite) writeWhole(changeSet, item, missing.has(`${item.layer}:${item.name}`));
  });
  const outcome = await runNetworkTransaction([{ device: desired.device, changeSet, applier: driver.applier() }], {
    id: options.transactionId(),
    confirmTimeoutS: options.confirmTimeoutS,
    verify: async () => {
      const left = (await findDifferences(options.drivers, toWrite)).filter(isConfigDrift);
      if (left.length > 0) {
        throw new MilliError(
          'INSTALL_FAILED',
          `${desired.device} still differs after its repair: ${left.map((d) => `${d.name} ${d.problem}`).join('; ')}`,
          {
            device: desired.device,
            differences: left,
          },
        );
      }
    },
  });
  if (outcome.ok) return { ...result, repair: 'repaired', removed };
  return { ...result, repair: 'failed', error: outcome.failures.map((f) => f.error.message).join('; ') };
}

/** Missing or configured otherwise; oper-status and the selected leg are the network's state, not its configuration. */
function isConfigDrift(d: Difference): boolean {
  return d.problem === 'missing' || d.problem.startsWith('is ');
}

/**
 * A missing item is created as the installer creates it; one configured otherwise is replaced whole. Either way with
 * its index entries (an ODU's slot owners, an ODU cross-connect's or protection group's odu-use entries, a media
 * channel's channel-use entries, an OSU cross-connect's or protection group's shared-osu entries, written where they
 * lack).
 */
function writeWhole(changeSet: ChangeSet, item: PlannedItem, missing: boolean): void {
  const created = createEditOf(changeSet.device, item);
  addEdit(changeSet, item, missing ? created : { ...created, op: 'replace' as const });
}

const REMOVAL_ORDER: readonly ForeignItem['layer'][] = ['osu-cross-connect', 'osu-connection', 'odu-cross-connect', 'odu', 'media-channel'];

function inRemovalOrder(items: readonly ForeignItem[]): ForeignItem[] {
  return [...items].sort((a, b) => REMOVAL_ORDER.indexOf(a.layer) - REMOVAL_ORDER.indexOf(b.layer));
}

function remove(driver: DeviceDriver, changeSet: ChangeSet, f: ForeignItem): void {
  switch (f.layer) {
    case 'media-channel':
      driver.roadm?.releaseMediaChannel(changeSet, f.name);
      return;
    case 'odu':
      driver.otn?.deleteOduContainer(changeSet, f.name);
      return;
    case 'odu-cross-connect':
      driver.otn?.deleteOduCrossConnect(changeSet, f.name);
      return;
    case 'osu-connection':
      driver.osu?.deleteOsuConnection(changeSet, f.name);
      return;
    case 'osu-cross-connect':
      driver.osu?.deleteOsuCrossConnect(changeSet, f.name);
      return;
  }
}
