import type { ChangeSet } from '../changeset/ChangeSet';
import type { ProtectionSwitching } from './osu';

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

export interface OduProtectionGroupArgs extends ProtectionSwitching {
  /** Defaults to `pg-<crossConnect>`. */
  name?: string;
  /** The ODU cross-connect (client ODU 'from' → line ODU 'to') that is the working leg. */
  crossConnect: string;
  /** The line ODU of the protection leg (in no cross-connect, of the working line ODU's type). */
  protectionOdu: string;
}

export interface OduProtectionGroup extends OduProtectionGroupArgs {
  name: string;
  selectedLeg?: 'working' | 'protection';
}

/** An OTU line port as configured and seen: the channel its tunable optics use, and whether the line is up. */
export interface LinePort {
  port: string;
  channel?: number;
  adminStatus?: 'up' | 'down';
  operStatus?: string;
}

/** Which entries a listing reads, by key per list; a list left out is not read (an empty listing). */
export interface OduSelection {
  linePorts?: readonly string[];
  containers?: readonly string[];
  crossConnects?: readonly string[];
  protectionGroups?: readonly string[];
}

export interface OduListing {
  containers: OduContainer[];
  crossConnects: OduCrossConnect[];
  protectionGroups: OduProtectionGroup[];
  linePorts: LinePort[];
}

/** OTN verbs: ODU containers in tributary slots and ODU cross-connects. */
export interface OtnVerbs {
  createOduContainer(changeSet: ChangeSet, args: OduContainerArgs): string;
  deleteOduContainer(changeSet: ChangeSet, name: string): void;
  createOduCrossConnect(changeSet: ChangeSet, args: OduCrossConnectArgs): string;
  deleteOduCrossConnect(changeSet: ChangeSet, name: string): void;
  /** Resizes an ODUflex in place: its rate and its tributary slots (the container keeps its name). */
  resizeOduflex(changeSet: ChangeSet, name: string, args: { rateKbps: number; tributarySlots?: number[] }): void;
  /** Tunes a line port's optics to a lightpath's channel (the port's entry exists: every line port has one). */
  tuneLinePort(changeSet: ChangeSet, port: string, channel: number): void;
  /** Takes the channel off a line port (back to untuned), keeping the rest of its entry. */
  untuneLinePort(changeSet: ChangeSet, port: string): void;
  createOduProtectionGroup(changeSet: ChangeSet, args: OduProtectionGroupArgs): string;
  deleteOduProtectionGroup(changeSet: ChangeSet, name: string): void;
  /** Every entry, or (with a selection) the named entries only: a read-back of a few lines on a busy switch. */
  listOdu(only?: OduSelection): Promise<OduListing>;
}
