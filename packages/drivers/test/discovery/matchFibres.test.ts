import { type DeviceFacts, type DiscoveredDevice, compareWithTopology, matchFibres } from '@milli/drivers';
import type { Topology } from '@milli/topology';
import { describe, expect, it } from 'vitest';

function facts(device: string, neighbours: DeviceFacts['neighbours']): DeviceFacts {
  return {
    device,
    kind: 'roadm',
    ports: neighbours.map((n) => ({ id: n.localPort, kind: 'degree' as const })),
    neighbours,
    crossConnects: [],
  };
}
const n = (localPort: string, remoteDevice: string, remotePort: string, lengthKm: number, fibreId?: string) => ({
  localPort,
  remoteDevice,
  remotePort,
  lengthKm,
  ...(fibreId ? { fibreId } : {}),
});

describe('matchFibres', () => {
  it('joins the two ends of a fibre into one, with its id and length', () => {
    const { fibres, disagreements } = matchFibres(
      [facts('A', [n('deg-1', 'B', 'deg-2', 12.5, 'F-1')]), facts('B', [n('deg-2', 'A', 'deg-1', 12.5, 'F-1')])],
      new Set(['A', 'B']),
    );
    expect(disagreements).toEqual([]);
    expect(fibres).toEqual([
      { id: 'F-1', a: { device: 'A', port: 'deg-1' }, b: { device: 'B', port: 'deg-2' }, lengthKm: 12.5, srlgs: [], seenFrom: ['a', 'b'] },
    ]);
  });

  it('reports a fibre only one end sees, when the other end answered', () => {
    const { fibres, disagreements } = matchFibres([facts('A', [n('deg-1', 'B', 'deg-2', 3, 'F-1')]), facts('B', [])], new Set(['A', 'B']));
    expect(fibres).toHaveLength(1);
    expect(fibres[0]?.seenFrom).toEqual(['a']);
    expect(disagreements).toMatchObject([{ kind: 'fibre-one-sided', fibre: 'F-1', seenAt: 'A/deg-1', missingAt: 'B/deg-2' }]);
  });

  it('keeps a fibre to a silent device without calling it one-sided (the silence is reported elsewhere)', () => {
    const { fibres, disagreements } = matchFibres([facts('A', [n('deg-1', 'B', 'deg-2', 3, 'F-1')])], new Set(['A']));
    expect(fibres).toHaveLength(1);
    expect(disagreements).toEqual([]);
  });

  it('reports lengths that differ between the ends, and ids that differ', () => {
    const { disagreements } = matchFibres(
      [facts('A', [n('deg-1', 'B', 'deg-2', 10, 'F-1')]), facts('B', [n('deg-2', 'A', 'deg-1', 10.4, 'F-9')])],
      new Set(['A', 'B']),
    );
    expect(disagreements.map((d) => d.kind).sort()).toEqual(['fibre-id-mismatch', 'length-mismatch']);
    expect(disagreements.find((d) => d.kind === 'length-mismatch')).toMatchObject({ aKm: 10, bKm: 10.4 });
  });

  it('reports a port two fibres claim instead of inventing a fibre', () => {
    const { fibres, disagreements } = matchFibres(
      [facts('A', [n('deg-1', 'B', 'deg-2', 1)]), facts('B', [n('deg-2', 'C', 'deg-1', 1)]), facts('C', [n('deg-1', 'B', 'deg-2', 1)])],
      new Set(['A', 'B', 'C']),
    );
    expect(disagreements.filter((d) => d.kind === 'fibre-conflict')).toHaveLength(1);
    expect(fibres.map((f) => `${f.a.device}-${f.b.device}`)).toEqual(['B-C']);
  });
});

describe('compareWithTopology', () => {
  const device = (id: string, ports: string[]): DiscoveredDevice => ({
    id,
    site: 's',
    kind: 'roadm',
    ports: ports.map((p) => ({ id: p, kind: 'degree' as const })),
    management: { address: '127.0.0.1' },
    plugin: 'milli-candidate',
    crossConnects: [],
  });
  const topology: Topology = {
    sites: [],
    devices: [
      { id: 'A', site: 's', kind: 'roadm', ports: [{ id: 'deg-1', kind: 'degree' }], management: { address: 'a' } },
      { id: 'B', site: 's', kind: 'roadm', ports: [{ id: 'deg-2', kind: 'degree' }], management: { address: 'b' } },
      { id: 'C', site: 's', kind: 'roadm', ports: [], management: { address: 'c' } },
    ],
    fibres: [
      { id: 'F-1', a: { device: 'B', port: 'deg-2' }, b: { device: 'A', port: 'deg-1' }, lengthKm: 12, srlgs: [] },
      { id: 'F-2', a: { device: 'A', port: 'deg-9' }, b: { device: 'C', port: 'deg-1' }, lengthKm: 2, srlgs: [] },
    ],
  };

  it('matches fibres by their ends in either orientation and reports length, missing and extra items', () => {
    const found = [device('A', ['deg-1', 'deg-5']), device('B', ['deg-2'])];
    const fibres = [
      {
        id: 'x',
        a: { device: 'A', port: 'deg-1' },
        b: { device: 'B', port: 'deg-2' },
        lengthKm: 12.2,
        srlgs: [],
        seenFrom: ['a' as const, 'b' as const],
      },
    ];
    const out = compareWithTopology(found, fibres, topology, new Set(['C']));
    expect(out.map((d) => d.kind).sort()).toEqual(['length-differs-from-topology', 'ports-differ']);
    expect(out.find((d) => d.kind === 'ports-differ')).toMatchObject({ device: 'A', unexpected: ['deg-5'], missing: [] });
    // C did not answer: its absence and its fibres are not double-reported here.
    const withoutC = compareWithTopology(found, fibres, topology, new Set());
    expect(withoutC.map((d) => d.kind)).toContain('device-not-discovered');
    expect(withoutC.map((d) => d.kind)).toContain('fibre-not-discovered');
  });
});
