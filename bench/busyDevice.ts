// A busy OTN/OSU switch for bench:yang: thousands of OSU connections in ODU0s on its line ports, as a metro's DC
// or aggregation switch holds them. Measures what the controller does per change set on such a device (parse the
// edit, validate the resulting config: the whole datastore, the changed modules' data on the datastore parsed
// again, or the changed modules' data on the device's held tree) at a quarter, half and all of the size, so the
// growth shows. The process's CPU time (far less disturbed by a loaded machine than wall time), and the load.
import { loadavg } from 'node:os';
import {
  ChangeSet,
  type DeviceSchema,
  type EntryValue,
  MILLI_MODULES,
  MILLI_YANG_DIR,
  OsuDriverVerbs,
  OtnDriverVerbs,
  YangDeviceSchema,
} from '@milli/drivers';
import { YangContext } from '@milli/yang-ts';
import { measureTransitDevice, measureTransitRendering } from './transitDevice';

const LINES = 8;
const CLIENTS = 40;

/**
 * Running config (RFC 7951 JSON) of a switch with `odus` OSU-carrying ODU0s and `connections` OSU connections, the
 * first `groups` of them 1+1 protected (a DC switch at the end of protected lines): each group's leg in the next ODU,
 * with its shared-osus entry as the OSU driver writes it.
 */
export function busyOsuDevice(odus: number, connections: number, groups = 0): EntryValue {
  const perLine = Math.ceil(odus / LINES);
  const ports = [
    ...Array.from({ length: LINES }, (_, i) => ({ name: `line-${i + 1}`, kind: 'line', rate: 'OTUC4' })),
    ...Array.from({ length: CLIENTS }, (_, i) => ({ name: `client-${i + 1}`, kind: 'client', rate: '10GE' })),
  ];
  return {
    'milli-device:device': { ports: { port: ports } },
    'milli-otn:otn': {
      odus: {
        odu: Array.from({ length: odus }, (_, i) => ({
          name: `osu-odu-${i}`,
          type: 'ODU0',
          port: `line-${Math.floor(i / perLine) + 1}`,
          'tributary-slots': [(i % perLine) + 1],
        })),
      },
      // milli-otn's slot index (one entry per slot, naming its ODU), as the drivers write it with each ODU.
      'slot-owners': {
        'slot-owner': Array.from({ length: odus }, (_, i) => ({
          port: `line-${Math.floor(i / perLine) + 1}`,
          slot: (i % perLine) + 1,
          odu: `osu-odu-${i}`,
        })),
      },
    },
    'milli-osu:osu': {
      connections: {
        connection: Array.from({ length: connections }, (_, i) => ({
          name: `line-${i}`,
          'client-port': `client-${(i % CLIENTS) + 1}`,
          vlan: Math.floor(i / CLIENTS) + 1,
          'bandwidth-kbps': '2000',
          odu: `osu-odu-${i % odus}`,
          'osu-id': Math.floor(i / odus) + 1,
        })),
      },
      ...(groups > 0 ? protectionGroups(odus, groups) : {}),
    },
  };
}

/** `groups` protection groups on connections line-0.., legs from OSU id 30000 up, and their shared-osus entries. */
function protectionGroups(odus: number, groups: number): EntryValue {
  const leg = (i: number) => ({ odu: `osu-odu-${(i + 1) % odus}`, 'osu-id': 30000 + i });
  return {
    'protection-groups': {
      'protection-group': Array.from({ length: groups }, (_, i) => ({ name: `line-${i}-pg`, connection: `line-${i}`, protection: leg(i) })),
    },
    'shared-osus': { 'shared-osu': Array.from({ length: groups }, (_, i) => ({ ...leg(i), group: `line-${i}-pg` })) },
  };
}

/** The schema as change sets used it before scoping: every add validates the whole resulting datastore, parsed again. */
function wholeDatastore(schema: YangDeviceSchema): DeviceSchema {
  return {
    namespaces: schema.namespaces,
    readConfig: (xml, device) => schema.readConfig(xml, device),
    validateEdit: (xml, device) => schema.validateEdit(xml, device),
    validateConfig: (config, device) => schema.validateConfig(config, device),
  };
}

/** Scoped, but without the kept tree: the resulting datastore parsed again from JSON, its changed modules validated. */
function reparsed(schema: YangDeviceSchema): DeviceSchema {
  return {
    namespaces: schema.namespaces,
    readConfig: (xml, device) => schema.readConfig(xml, device),
    validateEdit: (xml, device) => schema.validateEdit(xml, device),
    validateConfig: (config, device, changed) => schema.validateConfig(config, device, changed),
  };
}

type Way = 'whole' | 'reparsed' | 'now';

/** The busy device's running config as its get-config reply carries it (XML, printed by the modules in `yangDir`). */
export function runningXml(config: EntryValue, yangDir = MILLI_YANG_DIR): string {
  const ctx = new YangContext({ searchDirs: [yangDir] });
  try {
    for (const name of MILLI_MODULES) ctx.loadModule(name);
    const tree = ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config' });
    return tree.print('xml', { shrink: true });
  } finally {
    ctx.dispose();
  }
}

type Samples = { wall: Record<Way, number[]>; cpu: Record<Way, number[]> };
const WAYS = ['whole', 'reparsed', 'now'] as const;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}`;

/** `runs` change sets on `base` making one edit, the three ways alternating; CPU and wall time of the verb call. */
export function sample(schema: YangDeviceSchema, base: EntryValue, runs: number, edit: (cs: ChangeSet) => void): Samples {
  const ways: Record<Way, DeviceSchema> = { whole: wholeDatastore(schema), reparsed: reparsed(schema), now: schema };
  const out: Samples = { wall: { whole: [], reparsed: [], now: [] }, cpu: { whole: [], reparsed: [], now: [] } };
  for (let run = 0; run < runs; run++) {
    for (const way of WAYS) {
      const cs = new ChangeSet({ device: 'busy', base, namespaces: schema.namespaces, schema: ways[way] });
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      edit(cs);
      const used = process.cpuUsage(cpuStarted);
      out.cpu[way].push((used.user + used.system) / 1000);
      out.wall[way].push(performance.now() - started);
    }
  }
  return out;
}

export function describe(s: Samples): string {
  const { cpu, wall } = s;
  return (
    `CPU whole datastore ${median(cpu.whole).toFixed(1)} ms (${range(cpu.whole)}), ` +
    `changed modules re-parsed ${median(cpu.reparsed).toFixed(1)} (${range(cpu.reparsed)}), kept tree ${median(cpu.now).toFixed(1)} (${range(cpu.now)}); ` +
    `ratio now/whole ${(median(cpu.now) / median(cpu.whole)).toFixed(2)}, now/re-parsed ${(median(cpu.now) / median(cpu.reparsed)).toFixed(2)}; ` +
    `wall now ${median(wall.now).toFixed(1)} ms (${range(wall.now)})`
  );
}

/**
 * One OSU connection added to the busy device as the installer adds it (the edit parsed, the resulting datastore
 * validated), three ways alternating in the same run: the whole datastore parsed and validated (before scoping);
 * milli-osu's data alone (the only module the edit changed; nothing depends on it) in the datastore parsed again
 * from JSON (before the held tree); and now: the running config read once from the device's XML, whose parsed tree
 * the schema holds, the edited entries put into it for the validation and taken out again. Then, at full size, a
 * new ODU0 with its slot-owner entry (what a new OSU line brings when its ODUs are full): milli-otn's data validated
 * (milli-osu's, which imports it, too in the two earlier ways; on the kept tree not, since the edit removes no ODU:
 * drivers ENTRY_EXISTENCE_READS); and the same ODU0 with an OSU connection in it as one batch (the installer's
 * change set for a new line on a full ODU), which changes both modules' data and validates both.
 */
export function measureBusyDevice(connections: number, runs: number): void {
  const schema = YangDeviceSchema.forModules();
  const osu = new OsuDriverVerbs('busy', {} as never);
  const otn = new OtnDriverVerbs('busy', {} as never);
  const newConnection = (cs: ChangeSet) => {
    osu.createOsuConnection(cs, {
      name: 'new-line',
      clientPort: 'client-1',
      vlan: 4000,
      bandwidthKbps: 2000,
      odu: 'osu-odu-0',
      osuId: 999,
    });
  };
  const newOdu = (cs: ChangeSet) => {
    otn.createOduContainer(cs, { name: 'new-odu', type: 'ODU0', port: 'line-1', tributarySlots: [320] });
  };
  const newLineOnNewOdu = (cs: ChangeSet) => {
    cs.batch(() => {
      otn.createOduContainer(cs, { name: 'new-odu', type: 'ODU0', port: 'line-1', tributarySlots: [320] });
      osu.createOsuConnection(cs, { name: 'new-line', clientPort: 'client-1', vlan: 4000, bandwidthKbps: 2000, odu: 'new-odu', osuId: 1 });
    });
  };
  try {
    console.log(
      `\nbusy OTN/OSU switch: validating one new OSU connection (the edit and the resulting datastore), ${runs} runs each way, ` +
        `alternating; process CPU time (less disturbed by load than wall time), medians (min-max); load ${loadAverage()}:`,
    );
    const sizes = [connections / 4, connections / 2, connections].map(Math.round);
    const medians: number[] = [];
    let last: Samples | undefined;
    let lastBase: EntryValue = {};
    for (const n of sizes) {
      const odus = Math.max(1, Math.round(n / 2));
      const base = schema.readConfig(runningXml(busyOsuDevice(odus, n)), 'busy');
      last = sample(schema, base, runs, newConnection);
      lastBase = base;
      medians.push(median(last.cpu.now));
      console.log(`  ${String(n).padStart(5)} OSU connections, ${String(odus).padStart(5)} ODUs: ${describe(last)}`);
    }
    const growth = Math.log2(medians[2]! / medians[1]!);
    console.log(
      `  doubling the device multiplies the CPU time now by ${(medians[2]! / medians[1]!).toFixed(2)} (exponent ${growth.toFixed(2)}: 1 linear, 2 quadratic); ` +
        `goal under 50 ms at ${connections}: ${medians[2]! < 50 ? 'met' : 'not met'} (${medians[2]!.toFixed(1)} ms CPU; ` +
        `whole datastore ${median(last!.cpu.whole).toFixed(1)} ms, re-parsed ${median(last!.cpu.reparsed).toFixed(1)} ms); load ${loadAverage()}`,
    );
    const odu = sample(schema, lastBase, runs, newOdu);
    console.log(
      `  one new ODU0 (with its slot-owner entry) on the same device: ${describe(odu)}; ` +
        `goal under 50 ms: ${median(odu.cpu.now) < 50 ? 'met' : 'not met'}; load ${loadAverage()}`,
    );
    const line = sample(schema, lastBase, runs, newLineOnNewOdu);
    console.log(`  a new ODU0 and an OSU connection in it, one batch (both modules changed): ${describe(line)}; load ${loadAverage()}`);
    measureProtectedDevice(schema, runs);
    measureTransitDevice(schema, runs);
    measureTransitRendering(runs);
  } finally {
    schema.dispose();
  }
}

/**
 * A DC switch where a third of the connections are protected (as bench:restore's DC devices are): one new protection
 * group with its shared-osus entry, at three sizes. milli-osu checked every protection leg against every
 * connection and cross-connect end (groups x connections); through the index each check is a hashed lookup, so the
 * time grows with the device, not with its square.
 */
function measureProtectedDevice(schema: YangDeviceSchema, runs: number): void {
  const osu = new OsuDriverVerbs('busy', {} as never);
  console.log(
    `\nprotected DC switch: one new OSU protection group (with its shared-osus entry), ${runs} runs each way, medians (min-max):`,
  );
  const medians: number[] = [];
  for (const groups of [250, 500, 1000]) {
    const connections = 3 * groups;
    const odus = Math.round(connections / 2);
    const base = schema.readConfig(runningXml(busyOsuDevice(odus, connections, groups)), 'busy');
    const protect = (cs: ChangeSet) => {
      osu.createOsuProtectionGroup(cs, {
        name: 'new-pg',
        connection: `line-${connections - 1}`,
        protection: { odu: 'osu-odu-0', osuId: 65000 },
      });
    };
    const s = sample(schema, base, runs, protect);
    medians.push(median(s.cpu.now));
    console.log(`  ${String(connections).padStart(5)} OSU connections, ${String(groups).padStart(5)} groups: ${describe(s)}`);
  }
  const growth = Math.log2(medians[2]! / medians[1]!);
  console.log(
    `  doubling the device multiplies the CPU time now by ${(medians[2]! / medians[1]!).toFixed(2)} (exponent ${growth.toFixed(2)}: 1 linear, 2 quadratic); load ${loadAverage()}`,
  );
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
