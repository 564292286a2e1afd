import type { EntryValue } from '@milli/drivers';

/** Running configs (RFC 7951 JSON) of one device per kind, as a device of metro-small would hold them. */
export const ROADM_RUNNING: EntryValue = {
  'milli-device:device': {
    ports: {
      port: [
        { name: 'deg-1', kind: 'degree' },
        { name: 'deg-2', kind: 'degree' },
        { name: 'ad-1', kind: 'add-drop' },
        { name: 'ad-2', kind: 'add-drop' },
      ],
    },
  },
  'milli-roadm:roadm': {
    'media-channels': {
      'media-channel': [{ name: 'mc-existing', channel: 7, from: 'deg-1', to: 'deg-2', 'target-power-dbm': '-1.5' }],
    },
    // The index of channel uses: one entry per end of each media channel (milli-roadm requires them).
    'channel-uses': {
      'channel-use': [
        { port: 'deg-1', channel: 7, 'media-channel': 'mc-existing' },
        { port: 'deg-2', channel: 7, 'media-channel': 'mc-existing' },
      ],
    },
  },
};

export const OTN_RUNNING: EntryValue = {
  'milli-device:device': {
    ports: {
      port: [
        { name: 'line-1', kind: 'line', rate: 'OTU4' },
        { name: 'line-2', kind: 'line', rate: 'OTU4' },
        { name: 'client-1', kind: 'client', rate: '10GE', 'osu-capable': true },
        { name: 'client-2', kind: 'client', rate: '100GE' },
      ],
    },
  },
  'milli-otn:otn': {
    odus: {
      odu: [
        { name: 'odu-existing-a', type: 'ODU2', port: 'line-1', 'tributary-slots': [41, 42, 43, 44, 45, 46, 47, 48] },
        { name: 'odu-existing-b', type: 'ODU2', port: 'line-2', 'tributary-slots': [41, 42, 43, 44, 45, 46, 47, 48] },
      ],
    },
    'slot-owners': {
      'slot-owner': ['line-1', 'line-2'].flatMap((port, i) =>
        [41, 42, 43, 44, 45, 46, 47, 48].map((slot) => ({ port, slot, odu: i === 0 ? 'odu-existing-a' : 'odu-existing-b' })),
      ),
    },
    'odu-cross-connects': { 'odu-cross-connect': [{ name: 'oxc-existing', from: 'odu-existing-a', to: 'odu-existing-b' }] },
    // milli-otn's index of ODU uses: both ODUs of the cross-connect
    'odu-uses': {
      'odu-use': [
        { odu: 'odu-existing-a', 'cross-connect': 'oxc-existing' },
        { odu: 'odu-existing-b', 'cross-connect': 'oxc-existing' },
      ],
    },
  },
  'milli-osu:osu': {
    connections: {
      connection: [
        { name: 'osu-existing', 'client-port': 'client-1', vlan: 200, 'bandwidth-kbps': '50000', odu: 'odu-existing-a', 'osu-id': 9 },
      ],
    },
    'cross-connects': {
      'cross-connect': [
        {
          name: 'osux-existing',
          from: { odu: 'odu-existing-a', 'osu-id': 12 },
          to: { odu: 'odu-existing-b', 'osu-id': 4 },
          'bandwidth-kbps': '2000',
        },
      ],
    },
    // milli-osu's index of shared OSUs: the cross-connect's two ends
    'shared-osus': {
      'shared-osu': [
        { odu: 'odu-existing-a', 'osu-id': 12, 'cross-connect-from': 'osux-existing' },
        { odu: 'odu-existing-b', 'osu-id': 4, 'cross-connect-to': 'osux-existing' },
      ],
    },
  },
};
