// A busy ROADM for bench:yang: a DC-interconnect node holding hundreds of media channels (96 channels on each of
// several degrees), with both ends of each in milli-roadm's index of channel uses as the ROADM driver writes them.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeSet, type EntryValue, MILLI_MODULES, MILLI_YANG_DIR, RoadmDriverVerbs, YangDeviceSchema } from '@milli/drivers';
import { YangContext } from '@milli/yang-ts';
import { loadAverage, median } from './busyDevice';

/** milli-roadm as it was before the index of channel uses: the baseline, kept beside the benchmark. */
const ROADM_BEFORE_INDEX = join(import.meta.dirname, 'baselines', 'milli-roadm-before-channel-uses.yang');

/** A yang/ directory of today's modules with milli-roadm as it was before the index (removed by the caller). */
function modulesBeforeIndex(): string {
  const dir = mkdtempSync(join(tmpdir(), 'milli-roadm-before-'));
  for (const file of readdirSync(MILLI_YANG_DIR).filter((f) => f.endsWith('.yang')))
    copyFileSync(join(MILLI_YANG_DIR, file), join(dir, file));
  copyFileSync(ROADM_BEFORE_INDEX, join(dir, 'milli-roadm.yang'));
  return dir;
}

const CHANNELS = 96;
const MEDIA_CHANNEL_PATH = ['milli-roadm:roadm', 'media-channels', 'media-channel'];

/**
 * Running config (RFC 7951 JSON) of a ROADM with `mediaChannels` media channels: the k-th 96 of them add/drop every
 * channel between degree k and add/drop port k, so every port carries up to 96 channels. `withIndex`: with the
 * channel-uses entries of both ends (the module since the index); without, as the module before it held them. A spare
 * degree and add/drop port (deg-spare, ad-spare) carry nothing, for the new media channel.
 */
export function busyRoadmDevice(mediaChannels: number, withIndex: boolean): EntryValue {
  const groups = Math.ceil(mediaChannels / CHANNELS);
  const ports = [
    ...Array.from({ length: groups }, (_, k) => [
      { name: `deg-${k + 1}`, kind: 'degree' },
      { name: `ad-${k + 1}`, kind: 'add-drop' },
    ]).flat(),
    { name: 'deg-spare', kind: 'degree' },
    { name: 'ad-spare', kind: 'add-drop' },
  ];
  const channels = Array.from({ length: mediaChannels }, (_, i) => {
    const k = Math.floor(i / CHANNELS) + 1;
    return { name: `mc-${i}`, channel: (i % CHANNELS) + 1, from: `ad-${k}`, to: `deg-${k}`, 'target-power-dbm': '-1.5' };
  });
  const roadm: EntryValue = { 'media-channels': { 'media-channel': channels } };
  if (withIndex) {
    roadm['channel-uses'] = {
      'channel-use': channels.flatMap((mc) => [mc.from, mc.to].map((port) => ({ port, channel: mc.channel, 'media-channel': mc.name }))),
    };
  }
  return { 'milli-device:device': { ports: { port: ports } }, 'milli-roadm:roadm': roadm };
}

/** The config as a device's get-config reply carries it, printed by the modules in `dir`. */
function runningXml(config: EntryValue, dir: string): string {
  const ctx = new YangContext({ searchDirs: [dir] });
  try {
    for (const name of MILLI_MODULES) ctx.loadModule(name);
    const tree = ctx.parseData(JSON.stringify(config), { format: 'json', mode: 'config' });
    try {
      return tree.print('xml', { shrink: true });
    } finally {
      tree.dispose();
    }
  } finally {
    ctx.dispose();
  }
}

interface Way {
  label: string;
  schema: YangDeviceSchema;
  dir: string;
  withIndex: boolean;
  /** Adds one new media channel between the spare ports. */
  add: (cs: ChangeSet) => void;
}

const NEW_CHANNEL = { name: 'new-mc', channel: 1, from: 'ad-spare', to: 'deg-spare' };

/**
 * One new media channel on a busy ROADM, validated locally on the kept tree (the controller's change set, CPU time,
 * medians of `runs`), at three sizes. milli-roadm checked each media channel against every other (a must scanning
 * the list: media channels squared); through the index each end's check is a hashed lookup. The baseline, in the
 * same run and alternating: the same device under milli-roadm before the index, its media channel written alone as it
 * was then; the module as it was (bench/baselines/milli-roadm-before-channel-uses.yang) among today's others, or
 * `beforeDir` (a yang/ directory holding it).
 */
export function measureBusyRoadm(runs: number, beforeDir?: string): void {
  const shipped = beforeDir === undefined ? modulesBeforeIndex() : undefined;
  try {
    measureWays(runs, beforeDir ?? shipped!);
  } finally {
    if (shipped) rmSync(shipped, { recursive: true, force: true });
  }
}

function measureWays(runs: number, beforeDir: string): void {
  const roadm = new RoadmDriverVerbs('busy', {} as never);
  const ways: Way[] = [
    {
      label: 'with the index',
      schema: YangDeviceSchema.forModules(),
      dir: MILLI_YANG_DIR,
      withIndex: true,
      add: (cs) => void roadm.connectMediaChannel(cs, NEW_CHANNEL),
    },
    {
      label: 'module before',
      schema: YangDeviceSchema.forModules(MILLI_MODULES, beforeDir),
      dir: beforeDir,
      withIndex: false,
      add: (cs) => void cs.add({ op: 'create', path: MEDIA_CHANNEL_PATH, key: { name: NEW_CHANNEL.name }, value: { ...NEW_CHANNEL } }),
    },
  ];
  console.log(
    `\nbusy ROADM: one new media channel (the index: with its channel-uses entries), kept tree, CPU ms, ${runs} runs each way alternated, medians (min-max):`,
  );
  const sizes = [100, 300, 600];
  const medians = new Map<string, number[]>(ways.map((w) => [w.label, []]));
  try {
    for (const size of sizes) {
      const bases = ways.map((w) => w.schema.readConfig(runningXml(busyRoadmDevice(size, w.withIndex), w.dir), 'busy'));
      const cpu = ways.map((): number[] => []);
      for (let run = 0; run < runs; run++) {
        ways.forEach((w, i) => {
          const cs = new ChangeSet({ device: 'busy', base: bases[i]!, namespaces: w.schema.namespaces, schema: w.schema });
          const started = process.cpuUsage();
          w.add(cs);
          const used = process.cpuUsage(started);
          cpu[i]!.push((used.user + used.system) / 1000);
        });
      }
      const shown = ways.map((w, i) => {
        const m = median(cpu[i]!);
        medians.get(w.label)!.push(m);
        return `${w.label} ${m.toFixed(3)} (${Math.min(...cpu[i]!).toFixed(3)}-${Math.max(...cpu[i]!).toFixed(3)})`;
      });
      const ratio = `; before/with ${(median(cpu[1]!) / median(cpu[0]!)).toFixed(2)}`;
      console.log(`  ${String(size).padStart(4)} media channels: ${shown.join(', ')}${ratio}`);
    }
    for (const w of ways) {
      const m = medians.get(w.label)!;
      const exponent = (a: number, b: number) => Math.log2(m[b]! / m[a]!) / Math.log2(sizes[b]! / sizes[a]!);
      console.log(
        `  ${w.label}: growth exponent ${exponent(0, 1).toFixed(2)} (100 → 300), ${exponent(1, 2).toFixed(2)} (300 → 600) (1 linear, 2 quadratic)`,
      );
    }
    console.log(`  load ${loadAverage()}`);
  } finally {
    for (const w of ways) w.schema.dispose();
  }
}
