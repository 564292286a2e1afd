import type { ChangeSet } from '../../changeset/ChangeSet';
import { readState } from '../../changeset/readState';
import type { NetconfReader } from '../../contract/netconf';
import type {
  OsuConnectionArgs,
  OsuCrossConnectArgs,
  OsuListing,
  OsuProtectionGroupArgs,
  OsuSelection,
  OsuVerbs,
} from '../../contract/osu';
import { selectionFilter } from '../../changeset/selectionFilter';
import {
  changeOsuBandwidthEdit,
  createOsuConnectionEdit,
  createOsuCrossConnectEdit,
  createOsuProtectionGroupEdit,
  deleteOsuConnectionEdit,
  deleteOsuCrossConnectEdit,
  deleteOsuProtectionGroupEdit,
} from './osuEdits';
import { parseOsu } from './parseOsu';
import { addOsuEdit } from './sharedOsus';

export const OSU_NAMESPACE = 'urn:milli:yang:milli-osu';
const OSU_FILTER = `<osu xmlns="${OSU_NAMESPACE}"/>`;

/** The milli-osu verbs: OSU connections at the client edge and OSU cross-connects in transit. */
export class OsuDriverVerbs implements OsuVerbs {
  constructor(
    private readonly device: string,
    private readonly netconf: NetconfReader,
  ) {}

  createOsuConnection(changeSet: ChangeSet, args: OsuConnectionArgs): string {
    const edit = createOsuConnectionEdit(this.device, args);
    changeSet.add(edit);
    return String(edit.key.name);
  }

  deleteOsuConnection(changeSet: ChangeSet, name: string): void {
    changeSet.add(deleteOsuConnectionEdit(this.device, name));
  }

  createOsuCrossConnect(changeSet: ChangeSet, args: OsuCrossConnectArgs): string {
    const edit = createOsuCrossConnectEdit(this.device, args);
    // With the entries of its two ends in the index of shared OSUs (shared-osus), which the module requires.
    addOsuEdit(changeSet, edit);
    return String(edit.key.name);
  }

  deleteOsuCrossConnect(changeSet: ChangeSet, name: string): void {
    addOsuEdit(changeSet, deleteOsuCrossConnectEdit(this.device, name));
  }

  changeOsuBandwidth(changeSet: ChangeSet, entry: { kind: 'connection' | 'cross-connect'; name: string }, bandwidthKbps: number): void {
    // A merge of the bandwidth alone: the ends, and so the index, stay as they are.
    changeSet.add(changeOsuBandwidthEdit(this.device, entry, bandwidthKbps));
  }

  createOsuProtectionGroup(changeSet: ChangeSet, args: OsuProtectionGroupArgs): string {
    const edit = createOsuProtectionGroupEdit(this.device, args);
    // With its protection leg's entry in the index of shared OSUs (shared-osus), which the module requires.
    addOsuEdit(changeSet, edit);
    return String(edit.key.name);
  }

  deleteOsuProtectionGroup(changeSet: ChangeSet, name: string): void {
    addOsuEdit(changeSet, deleteOsuProtectionGroupEdit(this.device, name));
  }

  async listOsu(only?: OsuSelection): Promise<OsuListing> {
    const filter = only
      ? selectionFilter(OSU_NAMESPACE, 'osu', [
          { container: 'connections', entry: 'connection', key: 'name', names: only.connections ?? [] },
          { container: 'cross-connects', entry: 'cross-connect', key: 'name', names: only.crossConnects ?? [] },
          { container: 'protection-groups', entry: 'protection-group', key: 'name', names: only.protectionGroups ?? [] },
        ])
      : OSU_FILTER;
    if (filter === undefined) return { connections: [], crossConnects: [], protectionGroups: [] };
    return parseOsu(await readState(this.device, this.netconf, filter));
  }
}
