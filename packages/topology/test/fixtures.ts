import type { Topology } from '../src/index';

/** A hand-drawn four-site metro slice: one of each layer's fibres (span, patch, grey OTU link, park access). */
export function tinyTopology(): Topology {
  return {
    name: 'tiny',
    sites: [
      { id: 'CORE-1', kind: 'important', name: 'Core 1', lat: 31.23, lon: 121.47, role: 'core' },
      { id: 'AGG-1', kind: 'important', name: 'Aggregation 1', lat: 31.3, lon: 121.5, role: 'aggregation' },
      { id: 'AP-1', kind: 'access', name: 'Access 1', lat: 31.35, lon: 121.55 },
      { id: 'P-1', kind: 'park', name: 'Park 1', lat: 31.36, lon: 121.56 },
    ],
    devices: [
      {
        id: 'CORE-1-oxc',
        site: 'CORE-1',
        kind: 'oxc',
        model: 'generic-oxc',
        ports: [
          { id: 'deg-1', kind: 'degree' },
          { id: 'ad-1', kind: 'add-drop', group: 'adg-1' },
        ],
        management: { address: '10.100.0.10', port: 830 },
      },
      {
        id: 'CORE-1-otn',
        site: 'CORE-1',
        kind: 'otn',
        ports: [{ id: 'line-1', kind: 'line', rate: 'OTU4' }],
        management: { address: '10.100.0.11' },
      },
      {
        id: 'AGG-1-roadm',
        site: 'AGG-1',
        kind: 'roadm',
        ports: [{ id: 'deg-1', kind: 'degree' }],
        management: { address: '10.100.0.12' },
      },
      {
        id: 'AGG-1-otn',
        site: 'AGG-1',
        kind: 'otn',
        ports: [{ id: 'line-1', kind: 'line', rate: 'OTU2' }],
        management: { address: '10.100.0.13' },
      },
      {
        id: 'AP-1-otn',
        site: 'AP-1',
        kind: 'otn',
        ports: [
          { id: 'line-1', kind: 'line', rate: 'OTU2' },
          { id: 'client-1', kind: 'client', rate: '10GE', osu: true },
        ],
        management: { address: '10.100.0.14' },
      },
      {
        id: 'P-1-osu',
        site: 'P-1',
        kind: 'osu',
        ports: [
          { id: 'line-1', kind: 'line', rate: 'OTU2', osu: true },
          { id: 'client-1', kind: 'client', rate: '1GE' },
        ],
        management: { address: '10.100.0.15' },
      },
    ],
    fibres: [
      {
        id: 'F-1',
        a: { device: 'CORE-1-oxc', port: 'deg-1' },
        b: { device: 'AGG-1-roadm', port: 'deg-1' },
        lengthKm: 11.5,
        srlgs: ['D-1'],
      },
      { id: 'F-2', a: { device: 'CORE-1-otn', port: 'line-1' }, b: { device: 'CORE-1-oxc', port: 'ad-1' }, lengthKm: 0.01, srlgs: [] },
      {
        id: 'F-3',
        a: { device: 'AGG-1-otn', port: 'line-1' },
        b: { device: 'AP-1-otn', port: 'line-1' },
        lengthKm: 8.2,
        srlgs: ['D-1', 'D-2'],
        latencyUs: 41,
      },
      { id: 'F-4', a: { device: 'P-1-osu', port: 'line-1' }, b: { device: 'AP-1-otn', port: 'client-1' }, lengthKm: 1.5, srlgs: [] },
    ],
    boundary: {
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.2],
          [121.6, 31.2],
          [121.6, 31.4],
          [121.4, 31.2],
        ],
      ],
    },
  };
}
