import { MilliError, silentLogger } from '@milli/core';
import { ChangeSet, type ChangeSetApplier, type DeviceDriver, type DeviceSchema, type EntryValue, findEntry } from '@milli/drivers';
import type { Difference, GroupJob, PlannedItem, RoundParts, TransactionContext } from '../../src/index';

const PATH = ['milli-osu:osu', 'connections', 'connection'];

/** A device in memory: its running config, and what it was asked to do. */
export interface FakeDevice {
  config: EntryValue;
  /** Entry names per edit-config (prepare) it received, in order. */
  prepared: string[][];
  /** Names it refuses in an edit-config (a device-side validation error). */
  refuse: Set<string>;
  /** Fails its confirm. */
  failConfirm?: boolean;
  /** When set, prepare waits for it (to hold a round open). */
  gate?: Promise<void>;
  /** Rounds on this device at this moment (never more than one). */
  inRound: number;
  maxInRound: number;
  /** Times its running config was read (a change set begun from it). */
  reads: number;
}

/** A network of fake devices behind a DriverSource; appliers that stage, commit and roll back in memory. */
export class FakeGroupNetwork {
  readonly devices = new Map<string, FakeDevice>();
  /** Items the read-back reports as wrong (by name), whatever the device holds. */
  readonly misread = new Set<string>();
  /** The devices' YANG modules, faked: every change set is validated against it. */
  readonly schema = new CountingSchema();

  device(name: string): FakeDevice {
    let d = this.devices.get(name);
    if (!d) {
      d = { config: {}, prepared: [], refuse: new Set(), inRound: 0, maxInRound: 0, reads: 0 };
      this.devices.set(name, d);
    }
    return d;
  }

  names(device: string): string[] {
    return ((findList(this.device(device).config) ?? []) as EntryValue[]).map((e) => String(e.name)).sort();
  }

  readonly drivers = {
    driver: async (name: string): Promise<DeviceDriver> => {
      const device = this.device(name);
      return {
        device: name,
        kind: 'osu',
        plugin: 'fake',
        inventory: {} as DeviceDriver['inventory'],
        beginChangeSet: async () => {
          device.reads++;
          return new ChangeSet({ device: name, base: device.config, namespaces: this.schema.namespaces, schema: this.schema });
        },
        applier: () => fakeApplier(name, device),
      } as DeviceDriver;
    },
  };

  parts(): RoundParts {
    return {
      drivers: this.drivers,
      confirmTimeoutS: 60,
      log: silentLogger(),
      readBack: async (present, absent) => {
        const differences: Difference[] = [];
        for (const item of present) {
          const there = this.names(item.device).includes(item.name);
          if (!there || this.misread.has(item.name))
            differences.push({ device: item.device, name: item.name, layer: item.layer, problem: there ? 'oper-status down' : 'missing' });
        }
        for (const item of absent) {
          if (this.names(item.device).includes(item.name))
            differences.push({ device: item.device, name: item.name, layer: item.layer, problem: 'still present' });
        }
        return differences;
      },
    };
  }
}

/** A schema that counts whole-config validations per device and refuses a config holding a connection it is told is invalid. */
export class CountingSchema implements DeviceSchema {
  readonly namespaces = { 'milli-osu': 'urn:milli:osu' };
  /** `device:connection` pairs whose presence makes that device's config invalid (as a broken must rule would). */
  readonly invalid = new Set<string>();
  readonly validations = new Map<string, number>();

  readConfig(): EntryValue {
    throw new MilliError('INTERNAL', 'the fake network never reads a config', {});
  }

  validateConfig(config: EntryValue, device = '?'): void {
    this.validations.set(device, (this.validations.get(device) ?? 0) + 1);
    const bad = ((findList(config) ?? []) as EntryValue[]).map((e) => String(e.name)).filter((n) => this.invalid.has(`${device}:${n}`));
    if (bad.length > 0)
      throw new MilliError('DRIVER_VALIDATION', `${device}: connection ${bad.join(', ')} breaks must "odu has room"`, { device });
  }

  validateEdit(): void {}
}

function findList(config: EntryValue): EntryValue[] | undefined {
  const osu = config['milli-osu:osu'] as EntryValue | undefined;
  return ((osu?.connections as EntryValue | undefined)?.connection as EntryValue[] | undefined) ?? undefined;
}

function fakeApplier(name: string, device: FakeDevice): ChangeSetApplier {
  let before: EntryValue | undefined;
  let staged: ChangeSet | undefined;
  return {
    prepare: async (cs) => {
      device.inRound++;
      device.maxInRound = Math.max(device.maxInRound, device.inRound);
      await device.gate;
      const names = cs.edits.map((e) => String(e.key.name));
      device.prepared.push(names);
      staged = cs;
      const refused = names.filter((n) => device.refuse.has(n));
      if (refused.length > 0) throw new MilliError('DRIVER_VALIDATION', `${name} refuses ${refused.join(', ')}`, { device: name });
    },
    commitConfirmed: async () => {
      before = device.config;
      device.config = staged!.result();
    },
    confirm: async () => {
      if (device.failConfirm) throw new MilliError('DRIVER_COMMIT_REJECTED', `${name} lost the confirm`, { device: name });
    },
    rollback: async () => {
      if (before) device.config = before;
      before = undefined;
    },
    unlock: async () => {
      device.inRound--;
    },
  };
}

/** A line's OSU connection on a device (the only field a fake read-back looks at is the name). */
export function connection(device: string, name: string): PlannedItem {
  return {
    layer: 'osu-connection',
    device,
    name,
    line: name,
    path: 'working',
    clientPort: 'c1',
    bandwidthKbps: 10_000,
    odu: 'odu0-1',
    osuId: 1,
  };
}

/** What a line's transaction context saw: its begins (persist id and its own edits) and journal steps. */
export interface RecordedTx extends TransactionContext {
  begins: { persistId: string; edits: string[] }[];
  steps: string[];
}

export function recordedTx(id: string): RecordedTx {
  const tx: RecordedTx = {
    id,
    begins: [],
    steps: [],
    begin: async (changes, _plan, persistId = id) => {
      tx.begins.push({
        persistId,
        edits: changes.flatMap((c) => c.edits.map((e) => `${c.device}:${String((e as { key: { name: string } }).key.name)}`)),
      });
    },
    step: (phase, state) => {
      tx.steps.push(`${phase} ${state}`);
    },
  };
  return tx;
}

/** A line creating one connection named after it on each of `devices`. */
export function installJob(line: string, devices: string[], options: { failRender?: boolean } = {}): GroupJob & { tx: RecordedTx } {
  const items = devices.map((d) => connection(d, line));
  return {
    line,
    tx: recordedTx(`T-${line}`),
    devices,
    installed: { line },
    render: async (drivers) => {
      if (options.failRender) throw new MilliError('INSTALL_NO_PORT', `no port for ${line}`, { line });
      const changes = await Promise.all(
        items.map(async (item) => {
          const driver = await drivers.driver(item.device);
          const changeSet = await driver.beginChangeSet();
          const edit = { op: 'create' as const, path: PATH, key: { name: item.name }, value: { name: item.name } };
          if (findEntry(changeSet.result(), edit) === undefined) changeSet.add(edit);
          return { device: item.device, changeSet, applier: driver.applier() };
        }),
      );
      return { changes: changes.filter((c) => !c.changeSet.isEmpty), check: { present: items, absent: [] } };
    },
  };
}
