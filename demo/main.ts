// The milli demo: from YANG modules to a lab metro, discovery, a protected park line installed up close and cut, then
// intents through the HTTP API of `milli serve`.
// Run by `./scripts/demo.sh` (or `pnpm demo`). Everything it starts it stops, even on failure or Ctrl-C, unless --keep.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type InstallerContext, releaseLine } from '@milli/controller';
import { DeviceDrivers, YangDeviceSchema, defaultDriverRegistry, poolFromInventory } from '@milli/drivers';
import { PceGraph, ledgerForGraph } from '@milli/pce';
import { labDown } from '@milli/lab';
import { loadInventory } from '@milli/topology';
import { apiStep, demoIntents } from './apiStep';
import { discoveryStep } from './discoveryStep';
import { faultStep } from './faultStep';
import { intentStep } from './intentStep';
import { labStep } from './labStep';
import { provisionStep } from './provisionStep';
import { readBackStep } from './readBackStep';
import { releaseStep } from './releaseStep';
import { fact, heading } from './say';
import { type ServingController, serveStep } from './serveStep';
import { topologyStep } from './topologyStep';
import { yangStep } from './yangStep';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const TOPOLOGY = root('lab/topologies/metro-small.yaml');
// `--state-dir DIR` lets a test run the demo beside a lab of its own; `--keep` leaves controller and lab running.
const stateDirArg = process.argv.indexOf('--state-dir');
const STATE_DIR = stateDirArg > 0 ? process.argv[stateDirArg + 1]! : root('.milli/demo-lab');
const KEEP = process.argv.includes('--keep');
let serving: ServingController | undefined;

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
    // The installer up close: a protected park line planned, configured and verified device by device, then a fibre
    // cut under its working path; it is taken off again so that the controller below starts from a clean network.
    const graph = PceGraph.build(topology);
    const ledger = ledgerForGraph(graph);
    const parkLine = 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected for manufacturing';
    intentStep(parkLine, index, graph, ledger, Date.now());
    const ctx: InstallerContext = { index, graph, ledger, drivers, confirmTimeoutS: 120 };
    const installed = await provisionStep(parkLine, 'park-1', ctx, Date.now());
    if (installed) {
      await faultStep(installed, { index, inventory, inventoryPath, stateDir: STATE_DIR, drivers });
      const { removed } = await releaseLine(ctx, installed);
      fact(`park-1 taken off again: ${removed} entries removed, every device as before`);
    }
    serving = await serveStep({
      inventory: inventoryPath,
      topology: TOPOLOGY,
      db: join(STATE_DIR, 'milli.db'),
      log: join(STATE_DIR, 'serve.log'),
      keep: KEEP,
    });
    const records = await apiStep(serving.url, serving.token, demoIntents(Date.now()));
    const dci = records.find((r) => r.kind === 'dc-interconnect' && r.state === 'active' && r.path);
    if (dci) await readBackStep(dci, drivers);
    if (!KEEP) await releaseStep(serving.url, serving.token, records, drivers);
  } finally {
    await drivers.close();
    schema.dispose();
  }
}

let stopping = false;
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (serving) {
    heading('Controller stopped (SIGTERM): the API closes, work in flight finishes, the store closes');
    await serving.stop();
  }
  heading('Lab down');
  await labDown(STATE_DIR);
  fact('every device, namespace, veth and bridge the demo made is gone');
}

function keepNotice(s: ServingController): void {
  heading('Left running (--keep)');
  fact(`API        ${s.url}  (browse ${s.url}/docs)`);
  fact(`events     curl -sN -H "Authorization: Bearer ${s.token}" ${s.url}/v1/events`);
  fact(`token      ${s.token}  (operator; for the CLI: export MILLI_TOKEN=${s.token} MILLI_API=${s.url})`);
  fact(`try        pnpm milli intents list   ·   pnpm milli lines   ·   pnpm milli events`);
  fact(`stop both  kill ${s.pid} && pnpm milli lab down --state-dir ${STATE_DIR}`);
}

process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));
try {
  await main();
  if (KEEP && serving) keepNotice(serving);
  else await stopAll();
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  await stopAll();
  process.exitCode = 1;
}
