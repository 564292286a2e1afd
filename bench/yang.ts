// pnpm bench:yang [--nodes N] [--runs R] [--busy-osu C] [--roadm-runs R] [--roadm-before DIR] [--roadm-only]
//                 [--otn-runs R] [--otn-before DIR] [--otn-sizes A,B,..] [--otn-only]
// Generates a ROADM + OTN instance of about N data nodes (default 100,000) from the project's modules in yang/
// (or from the yang-ts test fixture module when yang/ lacks them), writes it to a temp file, then parses and
// validates that same file R times (default 5) with yang-ts and with yanglint, and prints the medians and the ratio.
// Then a busy OTN/OSU switch (C OSU connections in C/2 ODU0s, default 4,000): the time to validate one more
// connection on it, at a quarter, half and all of C (busyDevice.ts), and one line's transaction on it as the lab's
// device datastore runs it, every step validating against validating once, with the memory a held tree takes
// (busyDatastore.ts).
// Then a busy ROADM (100, 300 and 600 media channels): one new media channel with its channel-uses entries, kept
// tree, CPU, medians of --roadm-runs (default 50: the module before takes 0.3 s a run at 600), alternated with the
// same device under milli-roadm before the index of channel uses (bench/baselines/, or --roadm-before DIR: a yang/
// directory holding it) (busyRoadm.ts). --roadm-only runs that part alone.
// Then a busy OTN switch (300, 600 and 1,200 ODU cross-connects): one new ODU cross-connect with
// its odu-uses entries, the same way, --otn-runs (default 15: the module before takes about 0.9 s a run at 1,200),
// alternated with milli-otn before the index of ODU uses (bench/baselines/, or --otn-before DIR) (busyOtn.ts);
// --otn-sizes 10,25 for the price on a small device.
// --otn-only runs that part alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { YangContext } from '@milli/yang-ts';
import { measureBusyDatastore } from './busyDatastore';
import { measureBusyDevice } from './busyDevice';
import { measureBusyOtn } from './busyOtn';
import { measureBusyRoadm } from './busyRoadm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECT_YANG = join(ROOT, 'yang');
const FIXTURE_YANG = join(ROOT, 'packages', 'yang-ts', 'test', 'fixtures');

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

interface Instance {
  xml: string;
  nodes: number;
  modules: string[];
  yangDir: string;
  summary: string;
}

/** Counts nodes as it writes elements: one per element that is a data node (containers, list entries, leaves). */
class XmlWriter {
  readonly parts: string[] = [];
  nodes = 0;
  open(name: string, ns?: string): void {
    this.parts.push(ns ? `<${name} xmlns="${ns}">` : `<${name}>`);
    this.nodes++;
  }
  close(name: string): void {
    this.parts.push(`</${name}>`);
  }
  leaf(name: string, value: string | number): void {
    this.parts.push(`<${name}>${value}</${name}>`);
    this.nodes++;
  }
}

/**
 * A valid ROADM/OTN device with its state (a get reply: validated as config + state).
 *
 * Several of the project's must statements and every port-ref leafref compare one entry with every port or
 * every other entry of its list, so libyang's validation time (yanglint's too) grows with references x ports:
 * thousands of media channels or ODUs over thousands of ports take minutes. To keep ~100,000 nodes measurable,
 * the instance holds a full ROADM channel set and an OTN line with ODU cross-connects (a few thousand nodes with
 * references), and puts the bulk in ports with their neighbour state and in the alarm list.
 */
function projectInstance(target: number): Instance {
  const w = new XmlWriter();
  const mediaChannels = 96;
  const oduPairs = 48;
  const degrees = 2;
  const addDrops = 8;
  const clientPorts = Math.max(1, Math.round(target / 2 / 13));
  const alarms = Math.max(1, Math.round(target / 2 / 7));

  w.open('device', 'urn:milli:yang:milli-device');
  w.open('ports');
  for (let i = 0; i < degrees; i++) port(w, `deg-${i + 1}`, 'degree');
  for (let i = 0; i < addDrops; i++) port(w, `ad-${i + 1}`, 'add-drop');
  port(w, 'line-1', 'line', 'OTUC4');
  for (let i = 0; i < clientPorts; i++) {
    port(w, `client-${i + 1}`, 'client', i % 2 ? '10GE' : '1GE', i);
  }
  w.close('ports');
  w.open('alarms');
  for (let i = 0; i < alarms; i++) {
    w.open('alarm');
    w.leaf('id', `A-${i + 1}`);
    w.leaf('resource', `client-${(i % clientPorts) + 1}`);
    w.leaf('type', 'loss-of-signal');
    w.leaf('severity', 'critical');
    w.leaf('text', `alarm ${i + 1}`);
    w.leaf(
      'raised-time',
      `2026-11-26T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
    );
    w.close('alarm');
  }
  w.close('alarms');
  w.close('device');

  w.open('roadm', 'urn:milli:yang:milli-roadm');
  w.open('degrees');
  for (let i = 0; i < degrees; i++) {
    w.open('degree');
    w.leaf('id', i + 1);
    w.leaf('port', `deg-${i + 1}`);
    w.close('degree');
  }
  w.close('degrees');
  w.open('add-drop-groups');
  w.open('group');
  w.leaf('id', 'group-1');
  for (let i = 0; i < addDrops; i++) w.leaf('port', `ad-${i + 1}`);
  w.close('group');
  w.close('add-drop-groups');
  w.open('media-channels');
  // Every channel once, express between the two degrees.
  for (let channel = 1; channel <= mediaChannels; channel++) {
    w.open('media-channel');
    w.leaf('name', `mc-${channel}`);
    w.leaf('channel', channel);
    w.leaf('from', 'deg-1');
    w.leaf('to', 'deg-2');
    w.leaf('target-power-dbm', (-(channel % 100) / 10).toFixed(2));
    w.close('media-channel');
  }
  w.close('media-channels');
  // The index of channel uses: both ends of every media channel.
  w.open('channel-uses');
  for (let channel = 1; channel <= mediaChannels; channel++) {
    for (const port of ['deg-1', 'deg-2']) {
      w.open('channel-use');
      w.leaf('port', port);
      w.leaf('channel', channel);
      w.leaf('media-channel', `mc-${channel}`);
      w.close('channel-use');
    }
  }
  w.close('channel-uses');
  w.close('roadm');

  w.open('otn', 'urn:milli:yang:milli-otn');
  w.open('line-ports');
  w.open('line-port');
  w.leaf('port', 'line-1');
  w.close('line-port');
  w.close('line-ports');
  // ODU0s take one tributary slot each on the OTUC4 line; cross-connects join them in pairs.
  w.open('odus');
  for (let i = 0; i < 2 * oduPairs; i++) {
    w.open('odu');
    w.leaf('name', `odu-${i}`);
    w.leaf('type', 'ODU0');
    w.leaf('port', 'line-1');
    w.leaf('tributary-slots', i + 1);
    w.close('odu');
  }
  w.close('odus');
  // milli-otn's slot index: one entry per slot, naming its ODU.
  w.open('slot-owners');
  for (let i = 0; i < 2 * oduPairs; i++) {
    w.open('slot-owner');
    w.leaf('port', 'line-1');
    w.leaf('slot', i + 1);
    w.leaf('odu', `odu-${i}`);
    w.close('slot-owner');
  }
  w.close('slot-owners');
  w.open('odu-cross-connects');
  for (let i = 0; i < oduPairs; i++) {
    w.open('odu-cross-connect');
    w.leaf('name', `xc-${i}`);
    w.leaf('from', `odu-${2 * i}`);
    w.leaf('to', `odu-${2 * i + 1}`);
    w.close('odu-cross-connect');
  }
  w.close('odu-cross-connects');
  // milli-otn's index of ODU uses: one entry per ODU of a cross-connect, naming it.
  w.open('odu-uses');
  for (let i = 0; i < 2 * oduPairs; i++) {
    w.open('odu-use');
    w.leaf('odu', `odu-${i}`);
    w.leaf('cross-connect', `xc-${i >> 1}`);
    w.close('odu-use');
  }
  w.close('odu-uses');
  w.close('otn');
  const summary = `${clientPorts} client ports with neighbour state, ${alarms} alarms, ${degrees} degrees, ${addDrops} add/drop ports, ${mediaChannels} media channels, ${2 * oduPairs} ODUs, ${oduPairs} ODU cross-connects`;
  return {
    xml: w.parts.join('\n'),
    nodes: w.nodes,
    modules: ['milli-types', 'milli-device', 'milli-roadm', 'milli-otn'],
    yangDir: PROJECT_YANG,
    summary,
  };
}

/** A port; with `n`, also its description, oper-status and neighbour state (13 nodes in all). */
function port(w: XmlWriter, name: string, kind: string, rate?: string, n?: number): void {
  w.open('port');
  w.leaf('name', name);
  w.leaf('kind', kind);
  if (rate) w.leaf('rate', rate);
  if (n !== undefined) {
    w.leaf('description', `customer line ${n + 1}`);
    w.leaf('admin-status', 'up');
    w.leaf('oper-status', n % 7 ? 'up' : 'down');
    w.open('neighbour');
    w.leaf('remote-device', `P-${n + 1}-cpe`);
    w.leaf('remote-port', 'uplink');
    w.leaf('fibre-id', `F-${n + 1}`);
    w.leaf('fibre-length-km', ((n % 400) / 10 + 0.5).toFixed(3));
    w.leaf('measured-latency-us', (((n % 400) / 10 + 0.5) * 4.897).toFixed(3));
    w.close('neighbour');
  }
  w.close('port');
}

/** The fallback: the yang-ts test module, ports and cross-connects (each channel used once per port pair). */
function fixtureInstance(target: number): Instance {
  const w = new XmlWriter();
  const connects = Math.max(1, Math.round(target / 5));
  const pairs = Math.ceil(connects / 96);
  w.open('device', 'urn:milli:test:optical');
  w.leaf('name', 'bench');
  for (let i = 0; i < 2 * pairs; i++) {
    w.open('port');
    w.leaf('name', `p${i}`);
    w.close('port');
  }
  for (let i = 0; i < connects; i++) {
    const pair = Math.floor(i / 96);
    w.open('cross-connect');
    w.leaf('channel', (i % 96) + 1);
    w.leaf('from', `p${2 * pair}`);
    w.leaf('to', `p${2 * pair + 1}`);
    w.close('cross-connect');
  }
  w.close('device');
  return {
    xml: w.parts.join('\n'),
    nodes: w.nodes,
    modules: ['milli-test-optical'],
    yangDir: FIXTURE_YANG,
    summary: `${2 * pairs} ports, ${connects} cross-connects`,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The module files yanglint is given: `name.yang`, or the newest `name@revision.yang`. */
function moduleFiles(instance: Instance): string[] {
  const entries = readdirSync(instance.yangDir);
  return instance.modules.map((name) => {
    if (entries.includes(`${name}.yang`)) return join(instance.yangDir, `${name}.yang`);
    const dated = entries.filter((f) => f.startsWith(`${name}@`) && f.endsWith('.yang')).sort();
    if (dated.length === 0) throw new Error(`no file for module ${name} in ${instance.yangDir}`);
    return join(instance.yangDir, dated[dated.length - 1]!);
  });
}

function roadmPart(): void {
  const at = process.argv.indexOf('--roadm-before');
  measureBusyRoadm(argument('roadm-runs', 50), at >= 0 ? process.argv[at + 1] : undefined);
}

function otnPart(): void {
  const at = process.argv.indexOf('--otn-before');
  const sizes = process.argv.indexOf('--otn-sizes');
  const given = sizes >= 0 ? process.argv[sizes + 1]!.split(',').map(Number) : undefined;
  if (given !== undefined && (given.length < 2 || !given.every((n) => Number.isInteger(n) && n > 0))) {
    throw new Error('--otn-sizes must be two or more positive integers, comma-separated');
  }
  measureBusyOtn(argument('otn-runs', 15), at >= 0 ? process.argv[at + 1] : undefined, given);
}

function main(): void {
  if (process.argv.includes('--roadm-only')) {
    roadmPart();
    return;
  }
  if (process.argv.includes('--otn-only')) {
    otnPart();
    return;
  }
  const nodes = argument('nodes', 100_000);
  const runs = argument('runs', 5);
  const useProject = ['milli-roadm.yang', 'milli-otn.yang'].every((f) => existsSync(join(PROJECT_YANG, f)));
  const instance = useProject ? projectInstance(nodes) : fixtureInstance(nodes);
  if (!useProject) console.log('yang/milli-roadm.yang or yang/milli-otn.yang is missing: using the yang-ts fixture module instead');
  const dir = mkdtempSync(join(tmpdir(), 'milli-bench-yang-'));
  try {
    const file = join(dir, 'instance.xml');
    writeFileSync(file, instance.xml);
    const files = moduleFiles(instance);
    console.log(
      `instance: ${instance.nodes} data nodes, ${(instance.xml.length / 2 ** 20).toFixed(1)} MB XML, modules ${instance.modules.join(', ')}`,
    );
    console.log(`  ${instance.summary}`);

    // Runs alternate between the two tools so that load from elsewhere on the machine hits both alike.
    const full: number[] = [];
    const parseOnly: number[] = [];
    const lint: number[] = [];
    const startup: number[] = [];
    const lintArgs = ['-t', 'data', '-e', '-p', instance.yangDir, ...files];
    for (let run = 0; run < runs; run++) {
      // yang-ts: what `yanglint -t data -e` does, in-process: new context, load the modules, read the file,
      // parse + validate (config + state, the modules present in the data), free.
      const started = performance.now();
      const ctx = new YangContext({ searchDirs: [instance.yangDir], systemDirs: false });
      try {
        for (const name of instance.modules) ctx.loadModule(name);
        const parseStarted = performance.now();
        const tree = ctx.parseData(readFileSync(file, 'utf8'), { format: 'xml', mode: 'config+state' });
        parseOnly.push(performance.now() - parseStarted);
        if (run === 0)
          console.log(`yang-ts parsed ${tree.find('//*').length} data nodes, defaults included (the generator wrote ${instance.nodes})`);
        tree.dispose();
      } finally {
        ctx.dispose();
      }
      full.push(performance.now() - started);

      // yanglint: the same modules and file, strict, datastore with state, modules present (-e); the whole process.
      const lintStarted = performance.now();
      const result = spawnSync('yanglint', [...lintArgs, file], { encoding: 'utf8' });
      lint.push(performance.now() - lintStarted);
      if (result.status !== 0) throw new Error(`yanglint rejected the instance: ${result.stderr}`);
      const startupStarted = performance.now();
      spawnSync('yanglint', ['-p', instance.yangDir, ...files], { encoding: 'utf8' });
      startup.push(performance.now() - startupStarted);
    }

    const ts = median(full);
    const yl = median(lint);
    const ytsParse = median(parseOnly);
    const ylStart = median(startup);
    console.log(`runs: ${runs} each, medians:`);
    console.log(
      `  yang-ts  context + modules + read + parse + validate + free: ${ts.toFixed(1)} ms (parse + validate alone ${ytsParse.toFixed(1)} ms)`,
    );
    console.log(
      `  yanglint -t data -e, whole process:                        ${yl.toFixed(1)} ms (process + module loading alone ${ylStart.toFixed(1)} ms)`,
    );
    console.log(
      `ratio yang-ts / yanglint: ${(ts / yl).toFixed(2)} (goal <= 1.30); parse+validate only: ${(ytsParse / Math.max(1, yl - ylStart)).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (useProject) {
    measureBusyDevice(argument('busy-osu', 4000), Math.max(runs, 5));
    measureBusyDatastore(argument('busy-osu', 4000), runs);
    roadmPart();
    otnPart();
  }
}

main();
