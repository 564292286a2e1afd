import type { OduListing, OsuListing } from '@milli/drivers';
import type { PlannedItem } from './plan/PlannedItem';
import type { DriverSource } from './plan/renderChanges';

/** What one protection group of a line reports as its selected leg, or why it could not be read. */
export interface SelectedLegReading {
  device: string;
  group: string;
  selectedLeg?: 'working' | 'protection';
  /** Set when the device could not be read or does not report the group's selected leg. */
  unreadable?: string;
}

type Listings = { odu?: OduListing; osu?: OsuListing };

/**
 * Reads, over NETCONF, the leg every protection group among `items` selects now (the group's operational
 * `selected-leg`): which leg of a 1+1 line the receiving devices take the traffic from. Each group is read on its
 * own device, all devices at once; a device that cannot be read, or a group it does not report, is a reading with
 * the reason, never an error. Reads of one device asked for while one is in flight share it: a cut reaches every
 * 1+1 line on the fibre at once, and their groups mostly sit on the same DC device.
 */
export class SelectedLegReader {
  private readonly inFlight = new Map<string, Promise<Listings>>();

  constructor(private readonly drivers: DriverSource) {}

  async read(items: readonly PlannedItem[]): Promise<SelectedLegReading[]> {
    const groups = items.filter((i) => i.layer === 'odu-protection-group' || i.layer === 'osu-protection-group');
    const devices = [...new Set(groups.map((g) => g.device))].sort();
    const read = await Promise.all(
      devices.map(async (device): Promise<SelectedLegReading[]> => {
        const mine = groups.filter((g) => g.device === device);
        try {
          const { odu, osu } = await this.listings(device);
          return mine.map((g) => {
            const listed = (g.layer === 'odu-protection-group' ? odu : osu)?.protectionGroups.find((e) => e.name === g.name);
            if (listed?.selectedLeg) return { device, group: g.name, selectedLeg: listed.selectedLeg };
            return { device, group: g.name, unreadable: listed ? 'no selected-leg in its state' : 'group not found on the device' };
          });
        } catch (error) {
          return mine.map((g) => ({ device, group: g.name, unreadable: (error as Error).message }));
        }
      }),
    );
    return read.flat();
  }

  /** The device's ODU and OSU listings (state included), one read in flight per device. */
  private listings(device: string): Promise<Listings> {
    let reading = this.inFlight.get(device);
    if (!reading) {
      reading = (async () => {
        const driver = await this.drivers.driver(device);
        const [odu, osu] = await Promise.all([driver.otn?.listOdu(), driver.osu?.listOsu()]);
        return { ...(odu ? { odu } : {}), ...(osu ? { osu } : {}) };
      })().finally(() => this.inFlight.delete(device));
      this.inFlight.set(device, reading);
    }
    return reading;
  }
}
