// A busy OTN/OSU switch for bench:yang: thousands of OSU connections in ODU0s on its line ports, as a metro's DC
// or aggregation switch holds them. Measures what the controller does per change set on such a device (parse the
// edit, validate the resulting datastore: whole, or the changed modules' data) at a quarter, half and all of the
// size, so the growth shows. Wall time and the process's CPU time (far less disturbed by a loaded machine).
import { ChangeSet, type DeviceSchema, type EntryValue, OsuDriverVerbs, YangDeviceSchema } from '@milli/drivers';

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

/** The schema as change sets used it before scoping: every add validates the whole resulting datastore. */
function wholeDatastore(schema: YangDeviceSchema): DeviceSchema {
  return {
    namespaces: schema.namespaces,
    readConfig: (xml, device) => schema.readConfig(xml, device),
    validateEdit: (xml, device) => schema.validateEdit(xml, device),
    validateConfig: (config, device) => schema.validateConfig(config, device),
  };
}

/**
 * One OSU connection added to the busy device as the installer adds it (the edit parsed, the resulting datastore
 * validated), the old way (the whole datastore) and the new way (milli-osu's data, the only module the edit changed,
 * and the modules depending on it: none), alternating in the same run.
 */
export function measureBusyDevice(connections: number, runs: number): void {
  const schema = YangDeviceSchema.forModules();
  const whole = wholeDatastore(schema);
  const verbs = new OsuDriverVerbs('busy', {} as never);
  const cpu: Record<'old' | 'now', number[]> = { old: [], now: [] };
  const addOne = (base: EntryValue, with_: DeviceSchema, way: 'old' | 'now'): number => {
    const cs = new ChangeSet({ device: 'busy', base, namespaces: schema.namespaces, schema: with_ });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const args = { name: 'new-line', clientPort: 'client-1', vlan: 4000, bandwidthKbps: 2000, odu: 'osu-odu-0', osuId: 999 };
    verbs.createOsuConnection(cs, args);
    const used = process.cpuUsage(cpuStarted);
    cpu[way].push((used.user + used.system) / 1000);
    return performance.now() - started;
  };

  try {
    console.log(
      `\nbusy OTN/OSU switch: validating one new OSU connection (the edit and the resulting datastore), ${runs} runs each, medians:`,
    );
    const sizes = [connections / 4, connections / 2, connections].map(Math.round);
    const medians: number[] = [];
    let lastOld = 0;
    for (const n of sizes) {
      const odus = Math.max(1, Math.round(n / 2));
      const base = busyOsuDevice(odus, n);
      const old: number[] = [];
      const now: number[] = [];
      cpu.old = [];
      cpu.now = [];
      for (let run = 0; run < runs; run++) {
        old.push(addOne(base, whole, 'old'));
        now.push(addOne(base, schema, 'now'));
      }
      medians.push(median(now));
      lastOld = median(old);
      console.log(
        `  ${String(n).padStart(5)} OSU connections, ${String(odus).padStart(5)} ODUs: whole datastore ${median(old).toFixed(1)} ms, ` +
          `changed modules ${median(now).toFixed(1)} ms (${Math.min(...now).toFixed(1)}-${Math.max(...now).toFixed(1)}), ratio ${(median(now) / median(old)).toFixed(2)}; ` +
          `CPU time ${median(cpu.old).toFixed(1)} -> ${median(cpu.now).toFixed(1)} ms`,
      );
    }
    const growth = Math.log2(medians[2]! / medians[1]!);
    console.log(
      `  doubling the device multiplies the new way's time by ${(medians[2]! / medians[1]!).toFixed(2)} (exponent ${growth.toFixed(2)}: 1 linear, 2 quadratic); ` +
        `goal under 50 ms at ${connections}: ${medians[2]! < 50 ? 'met' : 'not met'} (${medians[2]!.toFixed(1)} ms; whole datastore ${lastOld.toFixed(1)} ms)`,
    );
  } finally {
    schema.dispose();
  }
}
