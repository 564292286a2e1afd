import type { TimeWindow } from '@milli/core';
import type { ComputedPath, ConcreteLayer, OtuLinkSpec, PathHop, PortRef } from '@milli/pce';
import type { PathRole } from './PlannedItem';

/** An OTU link as one hop of a path sees it: its id and its line port at each end, in the hop's direction. */
export interface LinkEnds {
  link: string;
  from: PortRef;
  to: PortRef;
  /**
   * A groomed link: the lightpath under it, as booked. Kept with the line so that whoever moves the line off the
   * link can take the lightpath's media channels off the ROADMs once nobody rides it, even after the ledger let it go.
   */
  lightpath?: OtuLinkSpec;
}

/** One service-layer hop with the numbers the ledger gave it. */
export interface NumberedHop {
  hop: PathHop;
  /** OTU hops (fixed, groomed or new): the link and its ports. */
  ends?: LinkEnds;
  /** ODU lines: the tributary slots of the line's ODU on this link. */
  slots?: number[];
  /** OSU lines: the OSU-carrying ODU0's slot and the line's OSU id inside it. */
  osu?: { slot: number; osuId: number };
}

/** Where a wavelength enters and leaves the optical layer: a ROADM add/drop port and the OTN line port behind it. */
export interface AddDropEnd {
  roadm: string;
  addDrop: string;
  transponder: PortRef;
}

/** Where the client signal of an ODU or OSU line enters: a client port (and, for OSU, a VLAN on it). */
export interface ClientEnd {
  device: string;
  port: string;
  vlan?: number;
}

/** The letter a leg's own entries are named by on the devices. */
export type LegName = 'w' | 'p';

export interface ReservedPath {
  role: PathRole;
  /**
   * The letter its entries are named by, when it is not its role's (absent: `w` for working, `p` for protection).
   * A 1+1 line whose working leg was cut keeps the surviving `p` leg as its working path and protects it with a new
   * `w` leg, so no entry of the surviving leg is renamed (and so touched) on the devices.
   */
  leg?: LegName;
  path: ComputedPath;
  hops: NumberedHop[];
  /** Wavelength lines: each path has its own add/drop port and transponder at both ends. */
  addDrop?: { head: AddDropEnd; tail: AddDropEnd };
}

/**
 * Everything a line holds, with its numbers: what planning turns into configuration, what teardown undoes and
 * what restoration replays. Plain data (JSON), so the store can keep it as it is.
 */
export interface ReservedLine {
  line: string;
  layer: ConcreteLayer;
  bandwidthKbps: number;
  window: TimeWindow;
  /** The line's own reservation id. */
  reservation: string;
  /** OTU links this line groomed over new lightpaths; each is its own reservation (owner `lightpath:<link>`). */
  lightpaths: { link: OtuLinkSpec; reservation: string; role: PathRole }[];
  paths: ReservedPath[];
  /** ODU and OSU lines: the client ends, shared by both paths of a protected line. */
  client?: { head: ClientEnd; tail: ClientEnd };
}

/** The letter a path's own entries are named by: its own, else its role's. */
export function legOf(path: Pick<ReservedPath, 'role' | 'leg'>): LegName {
  return path.leg ?? (path.role === 'working' ? 'w' : 'p');
}

export const LIGHTPATH_OWNER = 'lightpath:';

/** The ledger owner of a groomed link's lightpath: it outlives the line that made it while others ride the link. */
export function lightpathOwner(link: string): string {
  return `${LIGHTPATH_OWNER}${link}`;
}

/** The ledger's key for a VLAN on a client port: VLANs are numbered per port like ports themselves. */
export function vlanKey(port: string, vlan: number): string {
  return `${port}#vlan-${vlan}`;
}
