// The lab host process: `milli lab up` starts it detached. It hosts every mock device of one lab, serves the
// control socket, and reports progress and readiness to its parent over IPC until the parent lets go.
import { appendFileSync } from 'node:fs';
import { createLogger, isMilliError } from '@milli/core';
import { loadTopology } from '@milli/topology';
import { type Isolation, labPaths } from '../launcher/labState';
import { LabHost } from './LabHost';
import { serveControl } from './controlServer';

const [topologyPath, stateDir, isolation, yangDir] = process.argv.slice(2) as [string, string, Isolation, string];
const paths = labPaths(stateDir);
const logger = createLogger({
  name: 'lab-host',
  destination: { write: (line: string) => appendFileSync(paths.log, line) } as NodeJS.WritableStream,
});

const tell = (message: object) => process.connected && process.send?.(message);

try {
  const topology = await loadTopology(topologyPath);
  const host = new LabHost({ topology, topologyPath, stateDir, isolation, yangDir, logger });
  const stop = () => void host.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await serveControl(paths.control, (request) => host.handle(request));
  const inventory = await host.start((started, total, device) => tell({ type: 'progress', started, total, device }));
  tell({ type: 'ready', devices: inventory.devices.length, inventory: paths.inventory });
  logger.info({ devices: inventory.devices.length }, 'lab ready');
} catch (error) {
  logger.error({ err: error }, 'lab host failed to start');
  tell({ type: 'failed', code: isMilliError(error) ? error.code : 'INTERNAL', error: (error as Error).message });
  process.exit(1);
}
