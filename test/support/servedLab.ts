import { join } from 'node:path';
import { ApiClient } from '@milli/api';
import { spawnServeProcess } from '@milli/cli';
import { defaultIsolation, labDown, labPaths, labUp } from '@milli/lab';
import { metroSmall, tempDir } from '../../lab/test/support/labHarness';

/** metro-small in the lab with `milli serve` watching it: an operator's API client, the lab's control socket, a stop. */
export interface ServedLab {
  client: ApiClient;
  control: string;
  stop(): Promise<void>;
}

export async function startServedLab(name: string): Promise<ServedLab> {
  const stateDir = tempDir(name);
  const token = `op-${process.pid}-0123456789abcdef`;
  const topologyPath = await metroSmall();
  const { inventory } = await labUp({ topologyPath, stateDir, isolation: await defaultIsolation() });
  const serving = await spawnServeProcess({
    args: ['--inventory', inventory, '--topology', topologyPath, '--db', join(stateDir, 'milli.db')],
    env: { MILLI_TOKENS: `${token}:operator` },
    log: join(stateDir, 'serve.log'),
  });
  return {
    client: new ApiClient(serving.url, token),
    control: labPaths(stateDir).control,
    stop: async () => {
      await serving.stop();
      await labDown(stateDir);
    },
  };
}
