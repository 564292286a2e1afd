import { exitStatusOf, isMilliError, MilliError, writeTextFileAtomic } from '@milli/core';
import {
  CORRIDOR_DEG,
  DEFAULT_CENTRE,
  DEFAULT_RING_SIZE,
  IMPORT_FORMATS,
  type ImportFormat,
  MIN_SITE_FIBRE_KM,
  type MetroOptions,
  ROUTE_FACTOR,
  TOPOLOGY_SCHEMA,
  type Topology,
  type TopologyFormat,
  formatOf,
  firstProblems,
  formatProblem,
  generateMetro,
  importTopologyFile,
  loadTopology,
  serialiseTopology,
  TopologyError,
  writeTopology,
} from '@milli/topology';
import type { Command } from 'commander';
import { reportError } from '../errors/reportError';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';
import { integerOption } from '../options/numericOptions';

/**
 * `milli topo ...`: generate a metro, import a public dataset, validate files, print the schema.
 * Topology text goes to stdout unless --out is given; summaries, warnings and errors go to stderr.
 */
export function registerTopoCommand(program: Command): void {
  const topo = program.command('topo').description('topology files: generate a metro, import public datasets, validate, print the schema');

  topo
    .command('generate')
    .description('write a realistic metro: OXC/ROADM core mesh, dual-homed DCs, access rings, parks (same seed, same bytes)')
    .requiredOption('--dcs <n>', 'data centres (dc-north, dc-south, dc-east, dc-west, dc-5, ...)')
    .requiredOption('--important <n>', 'important sites: about a third core (OXC), the rest aggregation (ROADM)')
    .requiredOption('--access <n>', 'integrated access points, on rings between neighbouring aggregation sites')
    .requiredOption('--parks <n>', 'parks, each with an OSU CPE homed to an access point')
    .requiredOption('--radius-km <km>', 'metro radius: sites lie in a disc of this radius')
    .option('--seed <seed>', 'seed of the pseudo-random generator (a number or any text)', '1')
    .option('--ring-size <n>', `access points per ring (default ${DEFAULT_RING_SIZE})`)
    .option('--centre <lat,lon>', `metro centre (default ${DEFAULT_CENTRE.lat},${DEFAULT_CENTRE.lon})`)
    .option('--name <text>', 'topology name')
    .option('--out <file>', 'write here (format from the extension) instead of stdout')
    .option('--format <format>', 'yaml or json (default: from --out, else yaml)')
    .action(runAction(generateAction));

  const importCommand = topo
    .command('import <file>')
    .description('turn a public dataset into a topology: each node a site with a ROADM and an OTN switch')
    .requiredOption('--format <format>', `dataset format: ${IMPORT_FORMATS.join(', ')}`)
    .option('--dc <node>', 'make this node a data centre (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--name <text>', 'topology name (default: the file name)')
    .option('--out <file>', 'write here (format from the extension) instead of stdout')
    .option('--output-format <format>', 'yaml or json (default: from --out, else yaml)');
  withFileLimit(importCommand).action(runAction(importAction));

  const validate = topo.command('validate <files...>').description('load topology files and list every problem with its location');
  withFileLimit(validate).action(runAction(validateAction));

  topo
    .command('schema')
    .description('print the JSON Schema of topology files')
    .option('--out <file>', 'write here instead of stdout')
    .action(runAction((opts: { out?: string }) => emit(`${JSON.stringify(TOPOLOGY_SCHEMA, null, 2)}\n`, opts.out)));
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) process.stdout.write(text);
  else writeTextFileAtomic(out, text, 'schema');
}

function bad(message: string, option: string): never {
  throw new MilliError('INVALID_ARGUMENT', message, { option });
}

function outputFormat(value: string | undefined, out: string | undefined, option: string): TopologyFormat {
  if (value === undefined) return out === undefined ? 'yaml' : formatOf(out);
  if (value !== 'yaml' && value !== 'json') bad(`--${option} must be yaml or json, got ${value}`, option);
  return value;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w./:,@+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function summary(t: Topology): string {
  return `${t.sites.length} sites, ${t.devices.length} devices, ${t.fibres.length} fibres`;
}

async function writeOut(t: Topology, out: string | undefined, format: TopologyFormat, header: string): Promise<void> {
  if (out === undefined) {
    process.stdout.write(serialiseTopology(t, format, { header }));
    return;
  }
  await writeTopology(out, t, { format, header });
  process.stderr.write(`wrote ${out}: ${summary(t)}\n`);
}

async function generateAction(o: Record<string, string | undefined>): Promise<void> {
  const radiusKm = o.radiusKm !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(o.radiusKm) ? Number(o.radiusKm) : Number.NaN;
  if (!(radiusKm >= 1 && radiusKm <= 500)) bad(`--radius-km must be a number of km in 1..500, got '${o.radiusKm ?? ''}'`, 'radius-km');
  let centre = DEFAULT_CENTRE;
  if (o.centre !== undefined) {
    const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(o.centre);
    if (m === null || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180)
      bad(`--centre must be LAT,LON in degrees, got ${o.centre}`, 'centre');
    centre = { lat: Number(m[1]), lon: Number(m[2]) };
  }
  const seed = /^\d+$/.test(o.seed ?? '') ? Number(o.seed) : (o.seed ?? '1');
  const options: MetroOptions = {
    // The generator's own ranges (planMetro's checkOptions), checked here so the error names the flag.
    dcs: integerOption(o.dcs, 'dcs', { min: 1, max: 64 }),
    important: integerOption(o.important, 'important', { min: 2, max: 200 }),
    access: integerOption(o.access, 'access', { min: 0, max: 2000 }),
    parks: integerOption(o.parks, 'parks', { min: 0, max: 10_000 }),
    radiusKm,
    seed,
    centre,
    ...(o.ringSize === undefined ? {} : { ringSize: integerOption(o.ringSize, 'ring-size', { min: 1, max: 50 }) }),
    ...(o.name === undefined ? {} : { name: o.name }),
  };
  const format = outputFormat(o.format, o.out, 'format');
  const t = generateMetro(options);
  const command = [
    'pnpm milli topo generate',
    `--dcs ${options.dcs} --important ${options.important} --access ${options.access} --parks ${options.parks}`,
    `--radius-km ${o.radiusKm} --seed ${shellWord(o.seed ?? '1')}`,
    ...(o.ringSize === undefined ? [] : [`--ring-size ${o.ringSize}`]),
    ...(o.centre === undefined ? [] : [`--centre ${o.centre}`]),
    ...(o.name === undefined ? [] : [`--name ${shellWord(o.name)}`]),
    ...(o.format === undefined ? [] : [`--format ${o.format}`]),
    ...(o.out === undefined ? [] : [`--out ${shellWord(o.out)}`]),
  ].join(' ');
  const header = [
    'A generated metro topology: do not edit by hand, regenerate it with',
    `  ${command}`,
    `Centre ${centre.lat},${centre.lon}, radius ${radiusKm} km: ${summary(t)}.`,
    `Fibre km = great-circle distance × ${ROUTE_FACTOR} (route factor), at least ${MIN_SITE_FIBRE_KM} km; patch cords 0.01 km.`,
    `SRLG D-<site>-<n>: fibres leaving a site within ${CORRIDOR_DEG}° of each other share a duct (park drops excluded).`,
  ].join('\n');
  await writeOut(t, o.out, format, header);
}

async function importAction(file: string, o: Record<string, unknown>): Promise<void> {
  const format = o.format as string;
  if (!IMPORT_FORMATS.includes(format as ImportFormat))
    bad(`--format must be one of ${IMPORT_FORMATS.join(', ')}, got ${format}`, 'format');
  const out = o.out as string | undefined;
  const outFormat = outputFormat(o.outputFormat as string | undefined, out, 'output-format');
  const dcs = o.dc as string[];
  const { topology, warnings } = await importTopologyFile(file, format as ImportFormat, {
    ...fileLimit(o.maxFileBytes as string | undefined),
    dcs,
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
  });
  if (warnings.length > 0)
    process.stderr.write(
      `${firstProblems(
        warnings.map((w) => `warning: ${w}`),
        '',
      )}\n`,
    );
  const header = [
    `Imported from ${file.replace(/^.*[\\/]/, '')} (${format}) with`,
    `  pnpm milli topo import --format ${format} ${shellWord(file)}${dcs.map((d) => ` --dc ${shellWord(d)}`).join('')}`,
    `${summary(topology)}; ${warnings.length} warning(s) at import.`,
  ].join('\n');
  await writeOut(topology, out, outFormat, header);
}

async function validateAction(files: string[], o: { maxFileBytes?: string }): Promise<void> {
  const limit = fileLimit(o.maxFileBytes);
  for (const file of files) {
    try {
      const t = await loadTopology(file, limit);
      process.stdout.write(`${file}: ok (${summary(t)})\n`);
    } catch (e) {
      // One bad file does not hide the verdict on the others; the status is the first failure's.
      if (!isMilliError(e)) throw e;
      if (e instanceof TopologyError) {
        process.stderr.write(`${file}: ${e.problems.length} problem(s)\n${firstProblems(e.problems.map(formatProblem), '  ')}\n`);
      } else reportError(e);
      process.exitCode ||= exitStatusOf(e.code);
    }
  }
}
