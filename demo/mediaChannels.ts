import { entryName } from '@milli/controller';
import type { DeviceDrivers, MediaChannel } from '@milli/drivers';

/** What each device's ROADM reports for the working media channel of `line` (undefined where it holds none). */
export async function mediaChannelsNamed(
  drivers: DeviceDrivers,
  devices: string[],
  line: string,
): Promise<{ device: string; channel?: MediaChannel }[]> {
  const name = entryName(line, 'working', '');
  return Promise.all(
    devices.map(async (device) => {
      const channels = await (await drivers.driver(device)).roadm!.listMediaChannels();
      const channel = channels.find((c) => c.name === name);
      return { device, ...(channel ? { channel } : {}) };
    }),
  );
}
