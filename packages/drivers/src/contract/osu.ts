import type { ChangeSet } from '../changeset/ChangeSet';

export interface OsuEndpoint {
  /** The carrying ODU (an ODU container of this device). */
  odu: string;
  osuId: number;
}

export interface OsuConnectionArgs extends OsuEndpoint {
  /** Defaults to `osu-<clientPort>-<vlan or 'port'>`. */
  name?: string;
  clientPort: string;
  /** Absent: the whole client port. */
  vlan?: number;
  /** 2000..1000000 kbit/s in steps of 2000. */
  bandwidthKbps: number;
}

export interface OsuCrossConnectArgs {
  name?: string;
  from: OsuEndpoint;
  to: OsuEndpoint;
  bandwidthKbps: number;
}

export interface OsuConnection extends OsuConnectionArgs {
  name: string;
  operStatus?: string;
}

export interface OsuCrossConnect extends OsuCrossConnectArgs {
  name: string;
  operStatus?: string;
}

export interface OsuListing {
  connections: OsuConnection[];
  crossConnects: OsuCrossConnect[];
}

/** OSU verbs: client-edge OSU connections and OSU cross-connects in transit. */
export interface OsuVerbs {
  createOsuConnection(changeSet: ChangeSet, args: OsuConnectionArgs): string;
  deleteOsuConnection(changeSet: ChangeSet, name: string): void;
  createOsuCrossConnect(changeSet: ChangeSet, args: OsuCrossConnectArgs): string;
  deleteOsuCrossConnect(changeSet: ChangeSet, name: string): void;
  listOsu(): Promise<OsuListing>;
}
