import { setTimeout as sleep } from 'node:timers/promises';
import { sendControl } from './controlClient';
import { labPaths, readLabRecord } from './labState';
import { cleanLeftovers, isLabHost, killHost } from './up';

/** Stops the lab host (politely, then by force) and removes every process, namespace, veth and bridge it made. */
export async function labDown(stateDir: string): Promise<{ wasRunning: boolean }> {
  const record = readLabRecord(stateDir);
  let wasRunning = false;
  try {
    wasRunning = (await sendControl(labPaths(stateDir).control, { op: 'stop' }, 5000)).ok;
  } catch {
    // not answering: the forced path below cleans up
  }
  const pid = record?.hostPid;
  if (pid && isLabHost(pid, stateDir)) {
    for (let i = 0; i < 50 && isLabHost(pid, stateDir); i++) await sleep(100);
    if (isLabHost(pid, stateDir)) killHost(pid);
  }
  await cleanLeftovers(stateDir);
  return { wasRunning };
}
