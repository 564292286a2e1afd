import { exitStatusOf, parseBandwidth, parseLatency } from '@milli/core';
import { computePath, formatPathResult, ledgerForGraph, PceGraph, type PathRequest } from '@milli/pce';
import { loadTopology } from '@milli/topology';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';
import { integerOption } from '../options/numericOptions';

/** Each alternative is another constrained search; a hundred is more than a person reads and bounds the work. */
const MAX_ALTERNATIVES = 100;

interface PathOptions {
  topology: string;
  from: string;
  to: string;
  maxLatency?: string;
  bandwidth: string;
  protect: string;
  alternatives: string;
  layer: string;
  objective: string;
  exclude: string[];
  include: string[];
  grooming: boolean;
  json?: boolean;
  maxFileBytes: string;
}

/** `milli path`: compute a path on an empty network (no reservations) and print it, its latency breakdown, or why there is none. */
export function registerPathCommand(program: Command): void {
  const collect = (v: string, prev: string[]) => [...prev, v];
  const command = program
    .command('path')
    .description('compute a latency-bounded multi-layer path between two sites, devices or ports (device/port)')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .requiredOption('--from <endpoint>', 'site, device or device/port')
    .requiredOption('--to <endpoint>', 'site, device or device/port')
    .option('--max-latency <latency>', "one-way bound, e.g. '1ms', '850us'")
    .option('--bandwidth <bandwidth>', "e.g. '100Mbps', '10G'", '100Mbps')
    .option('--protect <kind>', 'none, link, node or srlg (1+1 disjoint pair)', 'none')
    .option('--alternatives <k>', `alternatives beyond the best (unprotected requests; 0..${MAX_ALTERNATIVES})`, '0')
    .option('--layer <layer>', 'auto, osu, odu or wavelength', 'auto')
    .option('--objective <objective>', 'latency, hops or resources', 'latency')
    .option('--exclude <element>', 'device, fibre or SRLG id to avoid (repeatable)', collect, [] as string[])
    .option('--include <element>', 'device, fibre or SRLG id to use (repeatable)', collect, [] as string[])
    .option('--no-grooming', 'never create new OTU links over new lightpaths')
    .option('--json', 'print the result as JSON');
  withFileLimit(command).action(runAction(pathAction));
}

async function pathAction(opts: PathOptions): Promise<void> {
  const alternatives = integerOption(opts.alternatives, 'alternatives', { min: 0, max: MAX_ALTERNATIVES });
  const topology = await loadTopology(opts.topology, fileLimit(opts.maxFileBytes));
  const graph = PceGraph.build(topology);
  const split = (ids: string[]) => ({
    nodes: ids.filter((id) => graph.devicesById.has(id)),
    links: ids.filter((id) => graph.fibreLatency.has(id)),
    srlgs: ids.filter((id) => !graph.devicesById.has(id) && !graph.fibreLatency.has(id)),
  });
  const request: PathRequest = {
    from: opts.from,
    to: opts.to,
    bandwidthKbps: parseBandwidth(opts.bandwidth),
    layer: opts.layer as PathRequest['layer'],
    protection: opts.protect as PathRequest['protection'],
    objective: opts.objective as PathRequest['objective'],
    alternatives,
    exclude: split(opts.exclude),
    include: split(opts.include),
    ...(opts.maxLatency !== undefined ? { maxLatencyUs: parseLatency(opts.maxLatency) } : {}),
  };
  const result = computePath(graph, ledgerForGraph(graph), request, { grooming: opts.grooming });
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatPathResult(result));
  // No path is the network saying no: the status of the failure's code, as for any other refusal.
  if (!result.ok) process.exitCode = exitStatusOf(result.failure.code);
}
