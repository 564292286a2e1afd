import type { ChangeSet } from '../changeset/ChangeSet';

export interface MediaChannelArgs {
  /** Defaults to `mc-<channel>-<from>-<to>`. */
  name?: string;
  /** 1..96 on the fixed 50 GHz grid. */
  channel: number;
  /** A degree or add/drop port of this device. */
  from: string;
  to: string;
  targetPowerDbm?: number;
}

export interface MediaChannel {
  name: string;
  channel: number;
  from: string;
  to: string;
  targetPowerDbm?: number;
  operStatus?: string;
}

/** ROADM/OXC verbs: each adds edits to a change set and returns the name it used; nothing is sent. */
export interface RoadmVerbs {
  connectMediaChannel(changeSet: ChangeSet, args: MediaChannelArgs): string;
  releaseMediaChannel(changeSet: ChangeSet, name: string): void;
  /** Every media channel, or only those named. */
  listMediaChannels(names?: readonly string[]): Promise<MediaChannel[]>;
}
