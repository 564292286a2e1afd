import type { ChangeSet, OsuVerbs, OtnVerbs, RoadmVerbs } from '@milli/drivers';
import { OTN_RUNNING, ROADM_RUNNING } from './fixtures';

export interface VerbSet {
  roadm: RoadmVerbs;
  otn: OtnVerbs;
  osu: OsuVerbs;
}

export interface GoldenCase {
  /** File name under test/golden/ (without .xml). */
  name: string;
  device: string;
  base: typeof ROADM_RUNNING;
  apply(verbs: VerbSet, changeSet: ChangeSet): void;
}

const slots = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** One case per verb: the exact edit each produces is checked into test/golden/. */
export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'roadm-connect-media-channel',
    device: 'CORE-1-roadm',
    base: ROADM_RUNNING,
    apply: ({ roadm }, cs) =>
      void roadm.connectMediaChannel(cs, { name: 'mc-dc-1', channel: 12, from: 'ad-1', to: 'deg-2', targetPowerDbm: -2.5 }),
  },
  {
    name: 'roadm-release-media-channel',
    device: 'CORE-1-roadm',
    base: ROADM_RUNNING,
    apply: ({ roadm }, cs) => roadm.releaseMediaChannel(cs, 'mc-existing'),
  },
  {
    name: 'otn-create-odu-container',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ otn }, cs) =>
      void otn.createOduContainer(cs, { name: 'odu-line-1-a', type: 'ODU2', port: 'line-1', tributarySlots: slots(1, 8) }),
  },
  {
    name: 'otn-create-oduflex-container',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ otn }, cs) =>
      void otn.createOduContainer(cs, { type: 'ODUflex', port: 'line-2', tributarySlots: slots(1, 4), rateKbps: 5_000_000 }),
  },
  {
    name: 'otn-delete-odu-container',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ otn, osu }, cs) => {
      // An ODU in use must lose its users first: the cross-connect and the OSUs riding in it.
      otn.deleteOduCrossConnect(cs, 'oxc-existing');
      osu.deleteOsuConnection(cs, 'osu-existing');
      osu.deleteOsuCrossConnect(cs, 'osux-existing');
      otn.deleteOduContainer(cs, 'odu-existing-a');
    },
  },
  {
    name: 'otn-create-odu-cross-connect',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ otn }, cs) => {
      otn.createOduContainer(cs, { name: 'odu-client-2', type: 'ODU2', port: 'client-2' });
      otn.createOduContainer(cs, { name: 'odu-line-2-b', type: 'ODU2', port: 'line-2', tributarySlots: slots(1, 8) });
      otn.createOduCrossConnect(cs, { name: 'oxc-client-2', from: 'odu-client-2', to: 'odu-line-2-b' });
    },
  },
  {
    name: 'otn-delete-odu-cross-connect',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ otn }, cs) => otn.deleteOduCrossConnect(cs, 'oxc-existing'),
  },
  {
    name: 'osu-create-connection',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ osu }, cs) =>
      void osu.createOsuConnection(cs, {
        name: 'osu-line-7',
        clientPort: 'client-1',
        vlan: 301,
        bandwidthKbps: 100_000,
        odu: 'odu-existing-a',
        osuId: 10,
      }),
  },
  {
    name: 'osu-delete-connection',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ osu }, cs) => osu.deleteOsuConnection(cs, 'osu-existing'),
  },
  {
    name: 'osu-create-cross-connect',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ osu }, cs) =>
      void osu.createOsuCrossConnect(cs, {
        name: 'osux-7',
        from: { odu: 'odu-existing-a', osuId: 11 },
        to: { odu: 'odu-existing-b', osuId: 3 },
        bandwidthKbps: 20_000,
      }),
  },
  {
    name: 'osu-delete-cross-connect',
    device: 'AGG-1-otn',
    base: OTN_RUNNING,
    apply: ({ osu }, cs) => osu.deleteOsuCrossConnect(cs, 'osux-existing'),
  },
];
