import type { ChangeSet } from '../../changeset/ChangeSet';
import { readState } from '../../changeset/readState';
import type { NetconfReader } from '../../contract/netconf';
import type { MediaChannel, MediaChannelArgs, RoadmVerbs } from '../../contract/roadm';
import { selectionFilter } from '../../changeset/selectionFilter';
import { parseMediaChannels } from './parseMediaChannels';
import { connectMediaChannelEdit, releaseMediaChannelEdit } from './roadmEdits';

export const ROADM_NAMESPACE = 'urn:milli:yang:milli-roadm';
const MEDIA_CHANNELS_FILTER = `<roadm xmlns="${ROADM_NAMESPACE}"><media-channels/></roadm>`;

/** The milli-roadm verbs: media channels as list entries, read back with their oper-status. */
export class RoadmDriverVerbs implements RoadmVerbs {
  constructor(
    private readonly device: string,
    private readonly netconf: NetconfReader,
  ) {}

  connectMediaChannel(changeSet: ChangeSet, args: MediaChannelArgs): string {
    const edit = connectMediaChannelEdit(this.device, args);
    changeSet.add(edit);
    return String(edit.key.name);
  }

  releaseMediaChannel(changeSet: ChangeSet, name: string): void {
    changeSet.add(releaseMediaChannelEdit(this.device, name));
  }

  async listMediaChannels(names?: readonly string[]): Promise<MediaChannel[]> {
    const filter = names
      ? selectionFilter(ROADM_NAMESPACE, 'roadm', [{ container: 'media-channels', entry: 'media-channel', key: 'name', names }])
      : MEDIA_CHANNELS_FILTER;
    if (filter === undefined) return [];
    return parseMediaChannels(await readState(this.device, this.netconf, filter));
  }
}
