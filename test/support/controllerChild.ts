// A controller in its own process, for the crash test: it starts on a store (recovering whatever a killed
// predecessor left), then drives a fixed plan of intents, idempotently, so a restarted child carries on where the
// last one stopped. It prints `ready` once recovered and `done` when the whole plan is through.
import { networkController } from '@milli/controller';
import { loadInventory, loadTopology } from '@milli/topology';

const [storeFile, inventoryPath, topologyFile, createsText, releasesText] = process.argv.slice(2);
const creates = Number(createsText);
const releases = Number(releasesText);
const DCI = 'connect dc-north to dc-south under 1 ms at 400G';
// Odd creates are DC interconnects, even ones park access lines (OSU): every layer goes through the crashes.
const inputFor = (i: number) => (i % 2 === 1 ? DCI : `connect park P-${(i % 10) + 1} to DC dc-north with 100Mbps`);

const { controller } = networkController({
  storeFile: storeFile!,
  topology: await loadTopology(topologyFile!),
  inventory: loadInventory(inventoryPath!),
  inventoryPath: inventoryPath!,
  confirmTimeoutS: 600,
});
await controller.start();
process.stdout.write('ready\n');

const settled = (id: string) => controller.until(id, ['active', 'failed', 'deleted']);

for (let i = 1; i <= creates; i++) {
  const created = await controller.submit(inputFor(i), { idempotencyKey: `create-${i}` });
  const state = await settled(created.id);
  process.stdout.write(`create ${i} ${created.id} ${state}\n`);
  if (i <= releases && state === 'active') {
    const release = await controller.submit({ kind: 'release', line: created.line }, { idempotencyKey: `release-${i}` });
    process.stdout.write(`release ${i} ${release.id} ${await settled(release.id)}\n`);
  }
}
await controller.idle();
process.stdout.write('done\n');
process.exit(0);
