// The milli demo: from YANG modules to a lab metro, discovery, an intent, a provisioned protected park line and a fibre cut.
// Run by `./scripts/demo.sh` (or `pnpm demo`). Everything it starts it stops, even on failure or Ctrl-C.
import { fileURLToPath } from 'node:url';
import { PceGraph, ledgerForGraph } from '@milli/pce';
import { DeviceDrivers, YangDeviceSchema, defaultDriverRegistry, poolFromInventory } from '@milli/drivers';
import { labDown } from '@milli/lab';
import { loadInventory } from '@milli/topology';
import type { InstallerContext } from '@milli/controller';
import { discoveryStep } from './discoveryStep';
import { faultStep } from './faultStep';
import { intentStep } from './intentStep';
import { labStep } from './labStep';
import { provisionStep } from './provisionStep';
import { fact, heading } from './say';
import { topologyStep } from './topologyStep';
import { yangStep } from './yangStep';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const TOPOLOGY = root('lab/topologies/metro-small.yaml');
// `--state-dir DIR` lets a test run the demo beside a lab of its own.
const stateDirArg = process.argv.indexOf('--state-dir');
const STATE_DIR = stateDirArg > 0 ? process.argv[stateDirArg + 1]! : root('.milli/demo-lab');

async function main(): Promise<void> {
  console.log('milli: intent-based orchestration for a millisecond compute-access metro');
  yangStep(root('yang'));
  const { topology, index } = await topologyStep(TOPOLOGY);
  const { inventoryPath } = await labStep(TOPOLOGY, STATE_DIR);
  const inventory = loadInventory(inventoryPath);
  const pool = poolFromInventory(inventory, inventoryPath, { keepaliveMs: 0 });
  const schema = YangDeviceSchema.forModules();
  const drivers = new DeviceDrivers(pool, defaultDriverRegistry(), schema);
  try {
    await discoveryStep(inventory, pool, schema, topology);
    const graph = PceGraph.build(topology);
    const ledger = ledgerForGraph(graph);
    const now = Date.now();
    const parkLine = 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected for manufacturing';
    intentStep(parkLine, index, graph, ledger, now);
    const ctx: InstallerContext = { index, graph, ledger, drivers, confirmTimeoutS: 120 };
    const line = await provisionStep(parkLine, 'park-1', ctx, now);
    if (line) await faultStep(line, { index, inventory, inventoryPath, stateDir: STATE_DIR, drivers });
  } finally {
    await drivers.close();
    schema.dispose();
  }
}

let stopping = false;
async function stopLab(): Promise<void> {
  if (stopping) return;
  stopping = true;
  heading('Lab down');
  await labDown(STATE_DIR);
  fact('every device, namespace, veth and bridge the demo made is gone');
}

process.on('SIGINT', () => void stopLab().finally(() => process.exit(130)));
try {
  await main();
  await stopLab();
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  await stopLab();
  process.exitCode = 1;
}
