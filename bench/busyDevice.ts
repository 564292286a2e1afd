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
  YangDeviceSchema,
} from '@milli/drivers';
import { YangContext } from '@milli/yang-ts';

const LINES = 8;
const CLIENTS = 40;

/** Running config (RFC 7951 JSON) of a switch with `odus` OSU-carrying ODU0s and `connections` OSU connections. */
export function busyOsuDevice(odus: number, connections: number): EntryValue {
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
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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

/** The busy device's running config as its get-config reply carries it (XML), from which the controller reads it. */
function runningXml(config: EntryValue): string {
  const ctx = new YangContext({ searchDirs: [MILLI_YANG_DIR] });
  try {
    for (const name of MILLI_MODULES) ctx.loadModule(name);
    const tree = ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config' });
    return tree.print('xml', { shrink: true });
  } finally {
    ctx.dispose();
  }
}

/**
 * One OSU connection added to the busy device as the installer adds it (the edit parsed, the resulting datastore
 * validated), three ways alternating in the same run: the whole datastore parsed and validated (before scoping);
 * milli-osu's data alone (the only module the edit changed; nothing depends on it) in the datastore parsed again
 * from JSON (before the kept tree); and now: the running config read once from the device's XML, whose parsed
 * tree the schema keeps, so each change set's datastore is a copy of that tree with the edited entries put in.
 */
export function measureBusyDevice(connections: number, runs: number): void {
  const schema = YangDeviceSchema.forModules();
  const ways: Record<Way, DeviceSchema> = { whole: wholeDatastore(schema), reparsed: reparsed(schema), now: schema };
  const verbs = new OsuDriverVerbs('busy', {} as never);
  const addOne = (base: EntryValue, way: Way, wall: Record<Way, number[]>, cpu: Record<Way, number[]>): void => {
    const cs = new ChangeSet({ device: 'busy', base, namespaces: schema.namespaces, schema: ways[way] });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const args = { name: 'new-line', clientPort: 'client-1', vlan: 4000, bandwidthKbps: 2000, odu: 'osu-odu-0', osuId: 999 };
    verbs.createOsuConnection(cs, args);
    const used = process.cpuUsage(cpuStarted);
    cpu[way].push((used.user + used.system) / 1000);
    wall[way].push(performance.now() - started);
  };
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}`;

  try {
    console.log(
      `\nbusy OTN/OSU switch: validating one new OSU connection (the edit and the resulting datastore), ${runs} runs each way, ` +
        `alternating; process CPU time (less disturbed by load than wall time), medians (min-max); load ${loadAverage()}:`,
    );
    const sizes = [connections / 4, connections / 2, connections].map(Math.round);
    const medians: number[] = [];
    let last = { whole: 0, reparsed: 0 };
    for (const n of sizes) {
      const odus = Math.max(1, Math.round(n / 2));
      const config = busyOsuDevice(odus, n);
      const base = schema.readConfig(runningXml(config), 'busy');
      const wall: Record<Way, number[]> = { whole: [], reparsed: [], now: [] };
      const cpu: Record<Way, number[]> = { whole: [], reparsed: [], now: [] };
      for (let run = 0; run < runs; run++) for (const way of ['whole', 'reparsed', 'now'] as const) addOne(base, way, wall, cpu);
      medians.push(median(cpu.now));
      last = { whole: median(cpu.whole), reparsed: median(cpu.reparsed) };
      console.log(
        `  ${String(n).padStart(5)} OSU connections, ${String(odus).padStart(5)} ODUs: CPU whole datastore ${median(cpu.whole).toFixed(1)} ms (${range(cpu.whole)}), ` +
          `changed modules re-parsed ${median(cpu.reparsed).toFixed(1)} (${range(cpu.reparsed)}), kept tree ${median(cpu.now).toFixed(1)} (${range(cpu.now)}); ` +
          `ratio now/whole ${(median(cpu.now) / median(cpu.whole)).toFixed(2)}, now/re-parsed ${(median(cpu.now) / median(cpu.reparsed)).toFixed(2)}; ` +
          `wall now ${median(wall.now).toFixed(1)} ms (${range(wall.now)})`,
      );
    }
    const growth = Math.log2(medians[2]! / medians[1]!);
    console.log(
      `  doubling the device multiplies the CPU time now by ${(medians[2]! / medians[1]!).toFixed(2)} (exponent ${growth.toFixed(2)}: 1 linear, 2 quadratic); ` +
        `goal under 50 ms at ${connections}: ${medians[2]! < 50 ? 'met' : 'not met'} (${medians[2]!.toFixed(1)} ms CPU; ` +
        `whole datastore ${last.whole.toFixed(1)} ms, re-parsed ${last.reparsed.toFixed(1)} ms); load ${loadAverage()}`,
    );
  } finally {
    schema.dispose();
  }
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
