import {
  type ChangeSet,
  type DeviceDriver,
  type Edit,
  type EntryValue,
  addMediaChannelEdit,
  addOduEdit,
  addOsuEdit,
  connectMediaChannelEdit,
  createOduContainerEdit,
  createOduCrossConnectEdit,
  createOduProtectionGroupEdit,
  createOsuConnectionEdit,
  createOsuCrossConnectEdit,
  createOsuProtectionGroupEdit,
  findEntry,
  tuneLinePortEdit,
} from '@milli/drivers';
import { MilliError } from '@milli/core';
import type { DeviceChange } from '../NetworkTransaction';
import { type PlannedItem, PROTECTION_SWITCHING } from './PlannedItem';

/** Where the installer gets a device's driver (the drivers' `DeviceDrivers` is one). */
export interface DriverSource {
  driver(device: string): Promise<DeviceDriver>;
}

/** What rendering did per device, beside the change sets: items it left out because they were already there or still used. */
export interface RenderResult {
  changes: DeviceChange[];
  /** Shared items found on the device already (install) or still used by other lines (teardown). */
  kept: PlannedItem[];
  /**
   * Milliseconds spent adding edits to change sets: the verbs building them, applying them to the config they
   * meet, and their local YANG validation (`localValidationMs`, part of it).
   */
  editsMs: number;
  /** Milliseconds of local YANG validation alone: what the change sets spent in their schema. */
  localValidationMs: number;
}

/**
 * Items → one change set per device through the drivers' verbs, in the order given. Install creates each item; a
 * shared one (an OSU-carrying ODU0, a lightpath) that the device already holds is kept as it is. Every edit is
 * validated locally against the device's modules as it is added.
 */
export async function renderInstall(drivers: DriverSource, items: readonly PlannedItem[]): Promise<RenderResult> {
  return render(drivers, items, installStep);
}

/**
 * Teardown: deletes each item, in the reverse of creation order (pass the install plan as it was). An OSU-carrying
 * ODU0 stays while any OSU, cross-connect or group on the device still refers to it; an entry already gone is left.
 */
export async function renderTeardown(drivers: DriverSource, items: readonly PlannedItem[]): Promise<RenderResult> {
  return render(drivers, [...items].reverse(), teardownStep);
}

/**
 * A line moved from one plan to another (diffItems): on each device one change set that first tears down what goes
 * (`removed`, in the order given: the reverse of creation) and then creates what comes (`added`, in creation
 * order), with the same rules as teardown and install. An entry in both (configured otherwise) is deleted and
 * created again, which the device receives as one replace. `kept` lists removed entries still used by others and
 * added shared entries the device holds already.
 */
export async function renderSwap(
  drivers: DriverSource,
  removed: readonly PlannedItem[],
  added: readonly PlannedItem[],
): Promise<RenderResult> {
  const off = new Set(removed);
  return render(drivers, [...removed, ...added], (driver, cs, item) =>
    off.has(item) ? teardownStep(driver, cs, item) : installStep(driver, cs, item),
  );
}

/** Install: an OSU-carrying ODU0 another OSU line made is there already; a lightpath is made only by the line that grooms it. */
function installStep(driver: DeviceDriver, cs: ChangeSet, item: PlannedItem): boolean {
  if (item.shared?.kind === 'osu-odu' && findEntry(cs.result(), createEditOf(driver.device, item)) !== undefined) return false;
  create(driver, cs, item);
  return true;
}

/** Teardown: an entry already gone is left, and an OSU-carrying ODU0 still ridden stays. */
function teardownStep(driver: DeviceDriver, cs: ChangeSet, item: PlannedItem): boolean {
  const edit = createEditOf(driver.device, item);
  if (findEntry(cs.result(), edit) === undefined) return false;
  if (item.shared?.kind === 'osu-odu' && oduReferenced(cs.result(), item.name)) return false;
  // A line port's entry belongs to the device: only the channel goes.
  if (item.layer === 'line-port') need(driver, driver.otn, 'milli-otn', item).untuneLinePort(cs, item.name);
  else addEdit(cs, item, { op: 'delete', path: edit.path, key: edit.key });
  return true;
}

/** Changes in place: a merge of `fields` into each item's entry (the entry keeps its name). */
export async function renderMerge(
  drivers: DriverSource,
  changes: readonly { item: PlannedItem; fields: EntryValue }[],
): Promise<RenderResult> {
  const byItem = new Map(changes.map((c) => [c.item, c.fields]));
  return render(
    drivers,
    changes.map((c) => c.item),
    (driver, cs, item) => {
      const edit = createEditOf(driver.device, item);
      addEdit(cs, item, { op: 'merge', path: edit.path, key: edit.key, value: { ...edit.key, ...byItem.get(item)! } });
      return true;
    },
  );
}

/** Changes in place that a merge cannot make (a leaf-list that shrinks): each item's entry replaced whole, keeping its name. */
export async function renderReplace(drivers: DriverSource, items: readonly PlannedItem[]): Promise<RenderResult> {
  return render(drivers, items, (driver, cs, item) => {
    const edit = createEditOf(driver.device, item);
    addEdit(cs, item, { ...edit, op: 'replace' });
    return true;
  });
}

async function render(
  drivers: DriverSource,
  items: readonly PlannedItem[],
  apply: (driver: DeviceDriver, cs: ChangeSet, item: PlannedItem) => boolean,
): Promise<RenderResult> {
  const byDevice = new Map<string, PlannedItem[]>();
  for (const item of items) {
    const list = byDevice.get(item.device);
    if (list === undefined) byDevice.set(item.device, [item]);
    else list.push(item);
  }
  const kept: PlannedItem[] = [];
  let editsMs = 0;
  let localValidationMs = 0;
  const changes = await Promise.all(
    [...byDevice].map(async ([device, list]) => {
      const driver = await drivers.driver(device);
      const changeSet = await driver.beginChangeSet();
      const started = performance.now();
      const validatedBefore = changeSet.validationMs;
      // One YANG validation of the device's whole datastore per change set, not one per entry.
      changeSet.batch(() => {
        for (const item of list) if (!apply(driver, changeSet, item)) kept.push(item);
      });
      editsMs += performance.now() - started;
      localValidationMs += changeSet.validationMs - validatedBefore;
      return { device, changeSet, applier: driver.applier() };
    }),
  );
  return { changes: changes.filter((c) => !c.changeSet.isEmpty), kept, editsMs, localValidationMs };
}

/**
 * An ODU's edit carries the slot-owner entries (milli-otn's slot index) that follow from it, an ODU cross-connect's or
 * protection group's its entries in milli-otn's index of ODU uses (the cross-connect's two ODUs, the group's
 * protection ODU), a media channel's the entries of its two ends in milli-roadm's index of channel uses, an OSU
 * cross-connect's or protection group's its entries in milli-osu's index of shared OSUs (the cross-connect's two
 * ends, the group's protection leg); other edits go alone.
 */
export function addEdit(cs: ChangeSet, item: PlannedItem, edit: Edit): void {
  if (item.layer === 'odu' || item.layer === 'odu-cross-connect' || item.layer === 'odu-protection-group') addOduEdit(cs, edit);
  else if (item.layer === 'media-channel') addMediaChannelEdit(cs, edit);
  else addOsuEdit(cs, edit);
}

function need<T>(driver: DeviceDriver, verbs: T | undefined, layer: string, item: PlannedItem): T {
  if (verbs === undefined) {
    throw new MilliError('INSTALL_UNSUPPORTED', `${driver.device} does not speak ${layer}, which ${item.name} needs`, {
      device: driver.device,
      layer,
    });
  }
  return verbs;
}

function create(driver: DeviceDriver, cs: ChangeSet, item: PlannedItem): void {
  const roadm = () => need(driver, driver.roadm, 'milli-roadm', item);
  const otn = () => need(driver, driver.otn, 'milli-otn', item);
  const osu = () => need(driver, driver.osu, 'milli-osu', item);
  switch (item.layer) {
    case 'line-port':
      otn().tuneLinePort(cs, item.name, item.channel);
      return;
    case 'media-channel':
      roadm().connectMediaChannel(cs, item);
      return;
    case 'odu':
      otn().createOduContainer(cs, item);
      return;
    case 'odu-cross-connect':
      otn().createOduCrossConnect(cs, item);
      return;
    case 'odu-protection-group':
      otn().createOduProtectionGroup(cs, { ...item, ...PROTECTION_SWITCHING });
      return;
    case 'osu-connection':
      osu().createOsuConnection(cs, item);
      return;
    case 'osu-cross-connect':
      osu().createOsuCrossConnect(cs, item);
      return;
    case 'osu-protection-group':
      osu().createOsuProtectionGroup(cs, { ...item, ...PROTECTION_SWITCHING });
  }
}

/** The create edit an item stands for (pure): its list path and key, for lookups and deletes. */
export function createEditOf(device: string, item: PlannedItem): Edit {
  switch (item.layer) {
    case 'line-port':
      return tuneLinePortEdit(device, item.name, item.channel);
    case 'media-channel':
      return connectMediaChannelEdit(device, item);
    case 'odu':
      return createOduContainerEdit(device, item);
    case 'odu-cross-connect':
      return createOduCrossConnectEdit(device, item);
    case 'odu-protection-group':
      return createOduProtectionGroupEdit(device, item);
    case 'osu-connection':
      return createOsuConnectionEdit(device, item);
    case 'osu-cross-connect':
      return createOsuCrossConnectEdit(device, item);
    case 'osu-protection-group':
      return createOsuProtectionGroupEdit(device, item);
  }
}

/** Whether any OSU connection, OSU cross-connect or OSU protection group of a config rides the ODU `name`. */
function oduReferenced(config: EntryValue, name: string): boolean {
  const osu = (config['milli-osu:osu'] ?? {}) as EntryValue;
  const list = (container: string, entry: string) => (((osu[container] ?? {}) as EntryValue)[entry] ?? []) as EntryValue[];
  const odu = (end: unknown) => (end as EntryValue | undefined)?.odu;
  return (
    list('connections', 'connection').some((c) => c.odu === name) ||
    list('cross-connects', 'cross-connect').some((x) => odu(x.from) === name || odu(x.to) === name) ||
    list('protection-groups', 'protection-group').some((g) => odu(g.protection) === name)
  );
}
