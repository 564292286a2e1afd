import type { ChangeSet } from '../changeset/ChangeSet';

export type OduType = 'ODU0' | 'ODU2' | 'ODU4' | 'ODUflex';

export interface OduContainerArgs {
  /** Defaults to `odu-<port>-<first slot>` (or `odu-<port>` on a client port). */
  name?: string;
  type: OduType;
  /** The line or client port the ODU sits in. */
  port: string;
  /** 1.25G tributary slots on a line port (ODU0 1, ODU2 8, ODU4 80, ODUflex ceil(rate / 1.25G)); none on a client port. */
  tributarySlots?: number[];
  /** Required for ODUflex. */
  rateKbps?: number;
}

export interface OduCrossConnectArgs {
  name?: string;
  /** ODU names on this device, of the same type. */
  from: string;
  to: string;
}

export interface OduContainer {
  name: string;
  type: OduType;
  port: string;
  tributarySlots: number[];
  rateKbps?: number;
  operStatus?: string;
}

export interface OduCrossConnect {
  name: string;
  from: string;
  to: string;
  operStatus?: string;
}

export interface OduListing {
  containers: OduContainer[];
  crossConnects: OduCrossConnect[];
}

/** OTN verbs: ODU containers in tributary slots and ODU cross-connects. */
export interface OtnVerbs {
  createOduContainer(changeSet: ChangeSet, args: OduContainerArgs): string;
  deleteOduContainer(changeSet: ChangeSet, name: string): void;
  createOduCrossConnect(changeSet: ChangeSet, args: OduCrossConnectArgs): string;
  deleteOduCrossConnect(changeSet: ChangeSet, name: string): void;
  listOdu(): Promise<OduListing>;
}
