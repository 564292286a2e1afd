// The goal counts from the alarm, not from the cut: when the first device raised its alarm of the cut fibre
// (devices stamp alarms to the millisecond), read back from the controller's alarms.
import type { ApiClient } from '@milli/api';

/**
 * The earliest raise time of an alarm whose root cause is `fibre`, raised at or after `since` (ms, the same clock:
 * the lab runs on this machine), among the alarms naming `line` (a cut fibre's alarms name every line on it).
 */
export async function firstAlarmOf(client: ApiClient, fibre: string, line: string, since: number): Promise<number | undefined> {
  const alarms = await client.alarms({ line });
  const raised = alarms.filter((a) => a.root.kind === 'fibre' && a.root.id === fibre && a.raisedAt >= since).map((a) => a.raisedAt);
  return raised.length > 0 ? Math.min(...raised) : undefined;
}
