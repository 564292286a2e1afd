import type { ChangeSet } from '../../changeset/ChangeSet';
import { readState } from '../../changeset/readState';
import type { NetconfReader } from '../../contract/netconf';
import type { MediaChannel, MediaChannelArgs, RoadmVerbs } from '../../contract/roadm';
import { selectionFilter } from '../../changeset/selectionFilter';
import { addMediaChannelEdit } from './channelUses';
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
    // With the entries of its two ends in the index of channel uses (channel-uses), which the module requires.
    addMediaChannelEdit(changeSet, edit);
    return String(edit.key.name);
  }

  releaseMediaChannel(changeSet: ChangeSet, name: string): void {
    addMediaChannelEdit(changeSet, releaseMediaChannelEdit(this.device, name));
  }

  async listMediaChannels(names?: readonly string[]): Promise<MediaChannel[]> {
    const filter = names
      ? selectionFilter(ROADM_NAMESPACE, 'roadm', [{ container: 'media-channels', entry: 'media-channel', key: 'name', names }])
      : MEDIA_CHANNELS_FILTER;
    if (filter === undefined) return [];
    return parseMediaChannels(await readState(this.device, this.netconf, filter));
  }
}
