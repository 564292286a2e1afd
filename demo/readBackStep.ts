import type { IntentRecord } from '@milli/controller';
import type { DeviceDrivers } from '@milli/drivers';
import { mediaChannelsNamed } from './mediaChannels';
import { fact, heading } from './say';

/** Reads the line back from its devices over NETCONF, as any client could: each ROADM holds the line's media channel. */
export async function readBackStep(record: IntentRecord, drivers: DeviceDrivers): Promise<void> {
  const line = record.line as string;
  const devices = record.path?.working.devices ?? [];
  heading(`Read back ${line} from its ${devices.length} devices over NETCONF (get-config running, get state)`);
  for (const { device, channel } of await mediaChannelsNamed(drivers, devices, line)) {
    fact(
      channel
        ? `${device}: media channel ${channel.name}, channel ${channel.channel}, ${channel.from} → ${channel.to}, oper-status ${channel.operStatus ?? '?'}`
        : `${device}: no media channel ${line}`,
    );
  }
}
