// The lab host process: `milli lab up` starts it detached. It hosts every mock device of one lab, serves the
// control socket, and reports progress and readiness to its parent over IPC until the parent lets go.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { createLogger, isMilliError } from '@milli/core';
import type { Topology } from '@milli/topology';
import { type Isolation, labPaths } from '../launcher/labState';
import { LabHost } from './LabHost';
import type { LabLimits } from './labLimits';
import { serveControl } from './controlServer';

const [topologyPath, stateDir, isolation, yangDir, basePortText, limitsJson] = process.argv.slice(2) as [
  string,
  string,
  Isolation,
  string,
  string?,
  string?,
];
const basePort = basePortText && basePortText !== '0' ? Number(basePortText) : undefined;
const paths = labPaths(stateDir);
const logger = createLogger({
  name: 'lab-host',
  destination: { write: (line: string) => appendFileSync(paths.log, line) } as NodeJS.WritableStream,
});

const tell = (message: object) =>
  new Promise<void>((resolve) => {
    if (process.connected && process.send) process.send(message, () => resolve());
    else resolve();
  });
let ready = false;
let host: LabHost | undefined;

/** Stops every device, removes the lab's namespaces and files, and exits: nothing of this lab is left. */
async function shutdown(code: number): Promise<never> {
  await host?.stop().catch((error) => logger.error({ err: error }, 'stopping the lab failed'));
  if (!ready || code !== 0)
    for (const file of [paths.control, paths.record, paths.inventory, paths.topology]) rmSync(file, { force: true });
  process.exit(code);
}

// The parent going away before the lab is ready (Ctrl-C, kill) means nobody wants this lab: undo it.
process.on('disconnect', () => {
  if (!ready) {
    logger.warn('lab up was interrupted before the lab was ready; cleaning up');
    void shutdown(1);
  }
});
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));

try {
  // Validated by `lab up` a moment ago, which wrote it as JSON: no YAML parsing or validation again (~1 s).
  const topology = JSON.parse(readFileSync(paths.topology, 'utf8')) as Topology;
  const limits = limitsJson ? (JSON.parse(limitsJson) as LabLimits) : undefined;
  host = new LabHost({
    topology,
    topologyPath,
    stateDir,
    isolation,
    yangDir,
    logger,
    ...(basePort ? { basePort } : {}),
    ...(limits ? { limits } : {}),
  });
  const running = host;
  await serveControl(paths.control, (request) => running.handle(request));
  void tell({ type: 'host', pid: process.pid, devices: topology.devices.length });
  const inventory = await host.start((event) => void tell({ type: 'progress', ...event }));
  ready = true;
  await tell({ type: 'ready', devices: inventory.devices.length, inventory: paths.inventory });
  logger.info({ devices: inventory.devices.length }, 'lab ready');
} catch (error) {
  logger.error({ err: error }, 'lab host failed to start');
  await tell({ type: 'failed', code: isMilliError(error) ? error.code : 'INTERNAL', error: (error as Error).message });
  await shutdown(1);
}
