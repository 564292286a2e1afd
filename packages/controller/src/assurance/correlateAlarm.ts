import type { DeviceAlarm } from '@milli/drivers';
import type { TopologyIndex } from '@milli/topology';
import type { StoredLine } from '../store/ControllerStore';
import type { RootCause } from './AlarmRecord';

/**
 * Where an alarm comes from and which lines it touches. The device's probable cause names a fibre or a device when the
 * fault is elsewhere; a loss of signal on a port with a fibre is that fibre; anything else is the port it stands on.
 * A line is touched when its working or protection path crosses the fibre or the device, or (a port) the device.
 */
export function correlateAlarm(
  device: string,
  alarm: Pick<DeviceAlarm, 'resource' | 'type' | 'probableCause'>,
  index: TopologyIndex,
  lines: readonly Pick<StoredLine, 'id' | 'path'>[],
): { root: RootCause; lines: string[] } {
  const root = rootCause(device, alarm, index);
  const key = root.kind === 'fibre' ? `fibre ${root.id}` : `device ${root.kind === 'device' ? root.id : device}`;
  if (Object.isFrozen(lines)) return { root, lines: indexOf(lines).get(key) ?? [] };
  return { root, lines: [...(linesByElement(lines).get(key) ?? [])] };
}

type LinePaths = readonly Pick<StoredLine, 'id' | 'path'>[];

/**
 * A frozen list of lines (the controller's cached outlines, kept until the next transition) is indexed once by the
 * fibres and devices its paths cross: a cut raises over a thousand alarms, and filtering every line's paths for each
 * was most of the work between the cut and the first line degraded.
 */
const indexes = new WeakMap<LinePaths, Map<string, string[]>>();

function indexOf(lines: LinePaths): Map<string, string[]> {
  let found = indexes.get(lines);
  if (!found) {
    found = linesByElement(lines);
    indexes.set(lines, found);
  }
  return found;
}

/** `fibre F` and `device D` → the ids of the lines whose working or protection path crosses it, sorted. */
function linesByElement(lines: LinePaths): Map<string, string[]> {
  const by = new Map<string, Set<string>>();
  const add = (key: string, line: string) => by.set(key, (by.get(key) ?? new Set()).add(line));
  for (const line of lines) {
    for (const p of [line.path?.working, line.path?.protection]) {
      for (const fibre of p?.fibres ?? []) add(`fibre ${fibre}`, line.id);
      for (const device of p?.devices ?? []) add(`device ${device}`, line.id);
    }
  }
  return new Map([...by].map(([key, ids]) => [key, [...ids].sort()]));
}

function rootCause(device: string, alarm: Pick<DeviceAlarm, 'resource' | 'type' | 'probableCause'>, index: TopologyIndex): RootCause {
  const named = /^(fibre|device) (\S+)/.exec(alarm.probableCause ?? '');
  if (named) return { kind: named[1] as 'fibre' | 'device', id: named[2]! };
  if (alarm.type === 'loss-of-signal') {
    const fibre = safely(() => index.fibreAt(`${device}/${alarm.resource}`));
    if (fibre) return { kind: 'fibre', id: fibre.id };
  }
  return { kind: 'port', id: `${device}/${alarm.resource}` };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
