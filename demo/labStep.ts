import { type Isolation, defaultIsolation, labUp } from '@milli/lab';
import { elapsed, fact, heading } from './say';

/** Brings up one mock NETCONF device per device of the topology. */
export async function labStep(topologyPath: string, stateDir: string): Promise<{ inventoryPath: string; isolation: Isolation }> {
  const isolation = await defaultIsolation();
  heading(
    `Lab: one mock NETCONF device per device (${isolation === 'netns' ? 'each in its own network namespace' : 'on 127.0.0.1 ports'})`,
  );
  const started = Date.now();
  const result = await labUp({ topologyPath, stateDir, isolation });
  fact(`${result.devices} devices answer NETCONF over SSH, in ${elapsed(started)}; inventory ${result.inventory}`);
  return { inventoryPath: result.inventory, isolation };
}
