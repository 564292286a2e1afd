import type { DeviceDrivers, MediaChannel } from '@milli/drivers';

/** What each device's ROADM reports for the media channel `name` (undefined where it holds none). */
export async function mediaChannelsNamed(
  drivers: DeviceDrivers,
  devices: string[],
  name: string,
): Promise<{ device: string; channel?: MediaChannel }[]> {
  return Promise.all(
    devices.map(async (device) => {
      const channels = await (await drivers.driver(device)).roadm!.listMediaChannels();
      const channel = channels.find((c) => c.name === name);
      return { device, ...(channel ? { channel } : {}) };
    }),
  );
}
