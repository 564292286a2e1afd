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
  const touched = lines.filter((line) => {
    const paths = [line.path?.working, line.path?.protection].filter((p) => p !== undefined);
    return paths.some((p) =>
      root.kind === 'fibre' ? p.fibres.includes(root.id) : p.devices.includes(root.kind === 'device' ? root.id : device),
    );
  });
  return { root, lines: touched.map((l) => l.id).sort() };
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
