import { setTimeout as sleep } from 'node:timers/promises';
import { sendControl } from './controlClient';
import { labPaths, readLabRecord } from './labState';
import { cleanLeftovers, killQuietly } from './up';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the lab host (politely, then by force) and removes every process, namespace, veth and bridge it made. */
export async function labDown(stateDir: string): Promise<{ wasRunning: boolean }> {
  const record = readLabRecord(stateDir);
  let wasRunning = false;
  try {
    wasRunning = (await sendControl(labPaths(stateDir).control, { op: 'stop' }, 5000)).ok;
  } catch {
    // not answering: the forced path below cleans up
  }
  if (record?.hostPid) {
    for (let i = 0; i < 50 && alive(record.hostPid); i++) await sleep(100);
    if (alive(record.hostPid)) killQuietly(record.hostPid);
  }
  await cleanLeftovers(stateDir);
  return { wasRunning };
}
