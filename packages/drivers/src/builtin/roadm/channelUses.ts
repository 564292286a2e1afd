import { findEntry } from '../../changeset/applyEdits';
import type { ChangeSet } from '../../changeset/ChangeSet';
import type { Edit, EntryValue } from '../../changeset/Edit';
import { addIndexedEdit, isPath } from '../../changeset/editedEntry';
import { DriverError } from '../../contract/DriverError';
import { MEDIA_CHANNEL_PATH, ROADM_MODULE } from './roadmEdits';

/**
 * milli-roadm's index of channel uses: one `channel-uses/channel-use[port channel]` entry naming the media channel for
 * each end of every media channel. The key holds one media channel per channel on a port, and each end and its entry
 * find each other by key (hashed lookups, see yang/README.md, Scale), so every edit of a media channel carries the
 * index edits that follow from it, in the same change set. An entry does not say which end it is: a media channel
 * whose ends swap keeps its entries.
 */
export const CHANNEL_USE_PATH = [`${ROADM_MODULE}:roadm`, 'channel-uses', 'channel-use'];

/** A channel a media channel uses on a port, and the end ('from' or 'to') that puts it there. */
interface Use {
  port: string;
  channel: number;
  end: 'from' | 'to';
}

function usesOf(entry: EntryValue | undefined): Use[] {
  if (entry?.channel === undefined) return [];
  const channel = Number(entry.channel);
  const uses: Use[] = [];
  for (const end of ['from', 'to'] as const) {
    const port = entry[end];
    // Both ends on one port is the module's `same-port` to refuse; one entry is all the key allows.
    if (port !== undefined && !uses.some((u) => u.port === String(port))) uses.push({ port: String(port), channel, end });
  }
  return uses;
}

const keyOf = (use: { port: string; channel: number }) => ({ port: use.port, channel: use.channel });
const idOf = (use: { port: string; channel: number }) => `${use.port}\u0000${use.channel}`;

/**
 * Pure: the channel-use edits that take the index from the media channel `name` as `before` to `after` (RFC 7951
 * JSON, undefined for absent), against the entries `config` holds: a port and channel the media channel leaves has
 * its entry deleted (when it names this media channel), one it takes gets an entry created when none is there (so a
 * media channel replaced whole over a missing entry gets it back), and one it keeps, or keeps on its other end, stays.
 * Throws DRIVER_VALIDATION (app-tag `channel-in-use`, as the module's must) when a port and channel it takes is
 * another media channel's, naming that media channel.
 */
export function channelUseEdits(
  config: EntryValue,
  device: string,
  name: string,
  before: EntryValue | undefined,
  after: EntryValue | undefined,
): Edit[] {
  const next = usesOf(after);
  const taken = new Set(next.map(idOf));
  const edits: Edit[] = [];
  // Deletes 'to' end first, so that an inverse (creates in reverse order) puts the entries back in their order.
  for (const old of usesOf(before).reverse()) {
    if (taken.has(idOf(old))) continue;
    if (findEntry(config, { path: CHANNEL_USE_PATH, key: keyOf(old) })?.['media-channel'] === name) {
      edits.push({ op: 'delete', path: CHANNEL_USE_PATH, key: keyOf(old) });
    }
  }
  for (const use of next) {
    const entry = findEntry(config, { path: CHANNEL_USE_PATH, key: keyOf(use) });
    if (entry === undefined) {
      edits.push({ op: 'create', path: CHANNEL_USE_PATH, key: keyOf(use), value: { ...keyOf(use), 'media-channel': name } });
    } else if (entry['media-channel'] !== name) {
      const holder = String(entry['media-channel']);
      throw new DriverError(
        'DRIVER_VALIDATION',
        `${device}: channel ${use.channel} on port ${use.port} (the media channel's '${use.end}') is already used by media channel '${holder}'`,
        {
          device,
          // where the module reports it too: at the media channel, whose musts look its ends' entries up
          path: `/${MEDIA_CHANNEL_PATH.join('/')}[name='${name}']`,
          end: use.end,
          appTag: 'channel-in-use',
          port: use.port,
          channel: use.channel,
          usedBy: holder,
        },
      );
    }
  }
  return edits;
}

/**
 * Adds an edit of a media channel (create, delete, merge or replace) with its channel-use edits, as one step: the
 * change set validates them together and keeps none if any fails. Any other edit is added alone.
 */
export function addMediaChannelEdit(changeSet: ChangeSet, edit: Edit): void {
  if (!isPath(edit.path, MEDIA_CHANNEL_PATH)) {
    changeSet.add(edit);
    return;
  }
  addIndexedEdit(changeSet, edit, (config, before, after) =>
    channelUseEdits(config, changeSet.device, String(edit.key.name), before, after),
  );
}
