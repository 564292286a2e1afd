// pnpm bench:intent — what parsing, checking and compiling an intent costs, on the lab's metro-medium topology.
// 1. every documented form, text and JSON, end to end (median of many runs);
// 2. linear time: tokenizing text 250..2000 characters long; the baseline, in the same run, is the cost per
//    character at 250 characters, and each length prints its ratio to it (about 1 means linear);
// 3. a misspelt site id: the suggestion scans every site id of the topology.
// Figures, not assertions: the machine is shared.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseIntentText, readIntent, tokenize } from '@milli/intent';
import { loadTopology, TopologyIndex } from '@milli/topology';
import { FORMS } from '../packages/intent/test/examples';

const ROOT = join(import.meta.dirname, '..');
const TOPOLOGY = process.env.BENCH_TOPOLOGY ?? join(ROOT, 'lab', 'topologies', 'metro-medium.yaml');
const topology = new TopologyIndex(await loadTopology(TOPOLOGY));
const now = Date.UTC(2026, 10, 26, 11, 0);
const sites = topology.topology.sites;
const park = sites.find((s) => s.kind === 'park')!.id;
const dcs = sites.filter((s) => s.kind === 'dc').map((s) => s.id);
const [dcA, dcB] = [dcs[0]!, dcs[1]!];

/** Median of `runs` timings of `fn`, in microseconds. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

function attempt(fn: () => void): void {
  try {
    fn();
  } catch {
    // errors are outcomes here; their cost is what is measured
  }
}

console.log(`topology ${TOPOLOGY}: ${sites.length} sites, ${topology.topology.devices.length} devices`);
// The documented forms name the test metro's sites; map them onto this topology's.
const rename = (text: string) =>
  text
    .replaceAll('P-17', park)
    .replaceAll('P-18', park)
    .replaceAll('dc-north', dcA)
    .replaceAll('dc-south', dcB)
    .replaceAll('dc-east', dcB === 'dc-east' ? dcA : 'dc-east');
const previous = readIntent(`connect ${park} to ${dcA} with 100Mbps`, { topology, now }).compilation;
console.log('\n1. parse + check + compile, median µs');
for (const form of FORMS) {
  const text = rename(form.text);
  const json = JSON.parse(rename(JSON.stringify(form.json)));
  let outcome = 'compiled';
  try {
    readIntent(text, { topology, now, previous });
  } catch (error) {
    outcome = (error as { code?: string }).code ?? 'threw';
  }
  const textUs = median(2000, () => attempt(() => readIntent(text, { topology, now, previous })));
  const jsonUs = median(2000, () => attempt(() => readIntent(json, { topology, now, previous })));
  console.log(`  ${form.name.padEnd(72)} text ${textUs.toFixed(1).padStart(6)}  json ${jsonUs.toFixed(1).padStart(6)}  (${outcome})`);
}

console.log('\n2. time vs length: tokenize (reads every character) and tokenize + parse (stops at the first error)');
console.log('   ns per character, and its ratio to the 250-character baseline (about 1 or falling means linear)');
let baseline = 0;
for (const length of [250, 500, 1000, 2000]) {
  const unit = `connect ${park} to ${dcA} with 1Gbps `;
  const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const tokenUs = median(3000, () => tokenize(text));
  const parseUs = median(3000, () => attempt(() => parseIntentText(text)));
  const perChar = (tokenUs * 1000) / length;
  if (length === 250) baseline = perChar;
  console.log(
    `  ${String(length).padStart(5)} chars  tokenize ${tokenUs.toFixed(2).padStart(6)} µs = ${perChar.toFixed(1).padStart(5)} ns/char, ` +
      `ratio ${(perChar / baseline).toFixed(2)}   tokenize + parse ${parseUs.toFixed(2).padStart(6)} µs`,
  );
}

console.log('\n3. a misspelt site id (suggestion scans every site id)');
const misspelt = `connect ${park} to ${dcA.slice(0, -1)}x with 100Mbps`;
const rightUs = median(2000, () => attempt(() => readIntent(`connect ${park} to ${dcA} with 100Mbps`, { topology, now })));
const wrongUs = median(2000, () => attempt(() => readIntent(misspelt, { topology, now })));
console.log(`  correct id ${rightUs.toFixed(1)} µs, misspelt id ${wrongUs.toFixed(1)} µs (ratio ${(wrongUs / rightUs).toFixed(2)})`);
