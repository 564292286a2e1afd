import { type DiscoveredNetwork, YangDeviceSchema, discoverNetwork, poolFromInventory } from '@milli/drivers';
import { MilliError } from '@milli/core';
import { loadInventory, loadTopology } from '@milli/topology';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';
import { integerOption } from '../options/numericOptions';
import { progressReporter } from '../output/progressReporter';

/**
 * `milli discover --inventory FILE [--topology FILE] [--json]`: connect to every device of an inventory, build the
 * network from what the devices report, and print it with every disagreement. The network goes to stdout;
 * progress and errors go to stderr.
 */
export function registerDiscoverCommand(program: Command): void {
  const command = program
    .command('discover')
    .description('read devices, ports, fibres and cross-connects from every device of an inventory; list disagreements')
    .requiredOption('--inventory <file>', 'the inventory (the lab writes <state-dir>/inventory.json)')
    .option('--topology <file>', 'also report where the network differs from this topology file')
    .option('--json', 'print the discovered network as JSON')
    .option('--concurrency <n>', 'devices read at once (1..1024)', '64');
  withFileLimit(command).action(runAction(discoverAction));
}

async function discoverAction(opts: {
  inventory: string;
  topology?: string;
  json?: boolean;
  concurrency: string;
  maxFileBytes: string;
}): Promise<void> {
  const concurrency = integerOption(opts.concurrency, 'concurrency', { min: 1, max: 1024 });
  const limit = fileLimit(opts.maxFileBytes);
  const inventory = loadInventory(opts.inventory, limit);
  const topology = opts.topology ? await loadTopology(opts.topology, limit) : undefined;
  const pool = poolFromInventory(inventory, opts.inventory, {
    keepaliveMs: 0,
    backoff: { attempts: 2 },
    timeouts: { readIdentity: false },
  });
  const schema = YangDeviceSchema.forModules();
  const progress = progressReporter('discover');
  try {
    const network = await discoverNetwork({
      inventory: inventory.devices,
      pool,
      schema,
      ...(topology ? { topology } : {}),
      concurrency,
      onProgress: progress.update,
    });
    progress.done();
    process.stdout.write(opts.json ? `${JSON.stringify(network, null, 2)}\n` : formatNetwork(network));
    if (network.stats.devices > 0 && network.stats.answered === 0) throw noneAnswered(network, opts.inventory);
  } finally {
    progress.done();
    await pool.close();
    schema.dispose();
  }
}

/**
 * Some devices not answering is a finding, printed among the disagreements; none answering means nothing was
 * discovered (a wrong inventory, the lab down), so the command fails (exit 7, unavailable) after printing what it saw.
 */
function noneAnswered(network: DiscoveredNetwork, inventory: string): MilliError {
  const first = network.disagreements.find((d) => d.kind === 'device-unreachable');
  const example = first ? `; ${first.device}: ${first.message}` : '';
  return new MilliError('DRIVER_UNREACHABLE', `none of the ${network.stats.devices} devices of ${inventory} answered${example}`, {
    inventory,
    devices: network.stats.devices,
  });
}

/** Human-readable: a summary, the devices, the fibres, then every disagreement. */
export function formatNetwork(network: DiscoveredNetwork): string {
  const lines: string[] = [];
  const { stats } = network;
  lines.push(
    `${stats.answered}/${stats.devices} devices answered, ${network.fibres.length} fibres, ${network.disagreements.length} disagreement(s); ${stats.rpcs} RPCs in ${stats.wallMs} ms`,
  );
  lines.push('', 'DEVICE                      KIND   MODEL                 DRIVER               PORTS  XCONNECTS');
  for (const d of network.devices) {
    lines.push(
      `${d.id.padEnd(27)} ${d.kind.padEnd(6)} ${(d.model ?? '-').padEnd(21)} ${d.plugin.padEnd(20)} ${String(d.ports.length).padStart(5)}  ${String(d.crossConnects.length).padStart(9)}`,
    );
  }
  lines.push('', 'FIBRE       A                           B                               KM  SEEN FROM');
  for (const f of network.fibres) {
    lines.push(
      `${f.id.padEnd(11)} ${`${f.a.device}/${f.a.port}`.padEnd(27)} ${`${f.b.device}/${f.b.port}`.padEnd(27)} ${f.lengthKm.toFixed(3).padStart(9)}  ${f.seenFrom.join('+')}`,
    );
  }
  lines.push('', network.disagreements.length === 0 ? 'no disagreements' : 'DISAGREEMENTS');
  for (const d of network.disagreements) lines.push(`  ${d.kind}: ${d.message}`);
  return `${lines.join('\n')}\n`;
}
