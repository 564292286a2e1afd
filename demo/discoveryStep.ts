import { type ConnectionPool, type YangDeviceSchema, discoverNetwork } from '@milli/drivers';
import type { Inventory, Topology } from '@milli/topology';
import { elapsed, fact, heading } from './say';

/** Reads the network back from the devices themselves and compares it with the topology file. */
export async function discoveryStep(
  inventory: Inventory,
  pool: ConnectionPool,
  schema: YangDeviceSchema,
  topology: Topology,
): Promise<void> {
  heading('Discovery: the network as the devices see it');
  const started = Date.now();
  const network = await discoverNetwork({ inventory: inventory.devices, pool, schema, topology });
  fact(`${network.devices.length} devices, ${network.fibres.length} fibres matched from both ends, in ${elapsed(started)}`);
  if (network.disagreements.length === 0) fact('no disagreement with the topology file');
  for (const d of network.disagreements.slice(0, 10)) fact(`disagreement: ${JSON.stringify(d)}`, 2);
}
