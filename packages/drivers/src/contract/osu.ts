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

/** How a 1+1 group selects its leg (ITU-T G.808.1). Absent fields take the module's defaults. */
export interface ProtectionSwitching {
  /** Default true. */
  revertive?: boolean;
  /** Default 0. */
  holdOffMs?: number;
  /** Default 300. */
  waitToRestoreS?: number;
}

export interface OsuProtectionGroupArgs extends ProtectionSwitching {
  /** Defaults to `pg-<connection>`. */
  name?: string;
  /** The OSU connection whose OSU is the working leg. */
  connection: string;
  /** The OSU of the protection leg. */
  protection: OsuEndpoint;
}

export interface OsuProtectionGroup extends OsuProtectionGroupArgs {
  name: string;
  selectedLeg?: 'working' | 'protection';
}

/** Which entries a listing reads, by name per list; a list left out is not read (an empty listing). */
export interface OsuSelection {
  connections?: readonly string[];
  crossConnects?: readonly string[];
  protectionGroups?: readonly string[];
}

export interface OsuListing {
  connections: OsuConnection[];
  crossConnects: OsuCrossConnect[];
  protectionGroups: OsuProtectionGroup[];
}

/** OSU verbs: client-edge OSU connections and OSU cross-connects in transit. */
export interface OsuVerbs {
  createOsuConnection(changeSet: ChangeSet, args: OsuConnectionArgs): string;
  deleteOsuConnection(changeSet: ChangeSet, name: string): void;
  createOsuCrossConnect(changeSet: ChangeSet, args: OsuCrossConnectArgs): string;
  deleteOsuCrossConnect(changeSet: ChangeSet, name: string): void;
  /** Changes the bandwidth of a connection or cross-connect in place (the entry keeps its name: hitless in G.709.20). */
  changeOsuBandwidth(changeSet: ChangeSet, entry: { kind: 'connection' | 'cross-connect'; name: string }, bandwidthKbps: number): void;
  /** 1+1 protection of a connection: its OSU is the working leg, `protection` the other. */
  createOsuProtectionGroup(changeSet: ChangeSet, args: OsuProtectionGroupArgs): string;
  deleteOsuProtectionGroup(changeSet: ChangeSet, name: string): void;
  /** Every entry, or (with a selection) the named entries only. */
  listOsu(only?: OsuSelection): Promise<OsuListing>;
}
