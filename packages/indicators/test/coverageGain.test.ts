import { applyCandidate, coverageGain, formatCoverageGain, parseCandidates } from '@milli/indicators';
import { describe, expect, it } from 'vitest';
import { HandBuilt, osuClients } from './support/handBuilt';

/** The two halves of a rectangle (see handBuiltIndicators.test.ts): the DC covers AP-1's half, not AP-2's. */
const topology = new HandBuilt()
  .site('dc-1', 'dc', -0.1, 0.05, { racks: 2000 })
  .site('AP-1', 'access', -0.1, 0)
  .site('AP-2', 'access', 0.1, 0)
  .site('I-1', 'important', -0.15, -0.05)
  .site('I-2', 'important', 0.15, -0.05)
  .device('dc-1-otn', 'dc-1', 'otn', osuClients())
  .device('AP-1-otn', 'AP-1', 'otn', osuClients())
  .device('AP-2-otn', 'AP-2', 'otn', osuClients())
  .device('I-1-roadm', 'I-1', 'roadm')
  .device('I-2-otn', 'I-2', 'otn')
  .otu('dc-1-otn', 'AP-1-otn', 10)
  .otu('dc-1-otn', 'AP-2-otn', 250, 'OTU2')
  .rectangle(-0.2, -0.1, 0.2, 0.1)
  .build();

describe('what-if: candidates ranked by the coverage and one-hop gain each computes to', () => {
  const candidates = parseCandidates({
    candidates: [
      { id: 'oxc-I-2', kind: 'oxc', site: 'I-2' },
      { id: 'ap-mid', kind: 'access-point', site: 'AP-3', lat: 0, lon: 0, homes: ['AP-1'] },
      { id: 'fibre-AP-2', kind: 'fibre', a: 'dc-1', b: 'AP-2', lengthKm: 20 },
    ],
  });
  const result = coverageGain(topology, candidates);

  it('starts from the network as it is', () => {
    expect(result.before.coverage).toBeCloseTo(0.5, 9);
    expect(result.before.oneHop).toBe(0.5);
    expect(result.before.oxcRatio).toBe(0.5);
  });

  it('a short fibre to the far access point brings its whole half in: first', () => {
    const [first] = result.ranked;
    expect(first?.candidate.id).toBe('fibre-AP-2');
    expect(first?.gain.coverage).toBeCloseTo(0.5, 9);
    expect(first?.gain.oneHop).toBeCloseTo(0.5, 12);
    expect(first?.newlyCovered).toEqual(['AP-2']);
  });

  it('a new access point near the covered one takes a covered cell of its own from both halves: second', () => {
    const second = result.ranked[1]!;
    expect(second.candidate.id).toBe('ap-mid');
    // Its cell is the middle strip lon [-0.05, 0.05]: a quarter of the metro, half of it taken from AP-2's uncovered half.
    expect(second.after.coverage).toBeCloseTo(0.625, 6);
    expect(second.gain.coverage).toBeCloseTo(0.125, 6);
    // Three access points now, two of them with one-hop access.
    expect(second.after.oneHop).toBeCloseTo(2 / 3, 12);
  });

  it('an OXC raises the OXC ratio but no coverage: last', () => {
    const last = result.ranked[2]!;
    expect(last.candidate.id).toBe('oxc-I-2');
    expect(last.gain.coverage).toBe(0);
    expect(last.gain.oneHop).toBe(0);
    expect(last.gain.oxcRatio).toBeCloseTo(0.5, 12);
    expect(
      formatCoverageGain(result)
        .split('\n')
        .filter((l) => /^\d/.test(l))
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(['fibre-AP-2', 'ap-mid', 'oxc-I-2']);
  });

  it('leaves the input topology untouched', () => {
    expect(topology.sites).toHaveLength(5);
    expect(topology.fibres).toHaveLength(2);
    expect(topology.devices.find((d) => d.id === 'I-2-otn')?.ports).toHaveLength(0);
  });

  it('names every bad candidate field, and a candidate the network cannot take', () => {
    expect(() =>
      parseCandidates([
        { id: 'x', kind: 'fibre', a: 'dc-1' },
        { id: 'x', kind: 'tower' },
      ]),
    ).toThrow(
      /\[0\]\.b: expected a non-empty string[\s\S]*\[0\]\.lengthKm: expected a number[\s\S]*\[1\]\.id: 'x' repeats[\s\S]*\[1\]\.kind: expected fibre, oxc or access-point/,
    );
    expect(() => applyCandidate(topology, { id: 'c', kind: 'fibre', a: 'dc-1', b: 'nowhere', lengthKm: 1 })).toThrow(
      /candidate c: unknown site 'nowhere'/,
    );
    expect(() => applyCandidate(topology, { id: 'c', kind: 'fibre', a: 'I-1', b: 'AP-1', lengthKm: 1 })).toThrow(/I-1 has no OTN switch/);
  });
});
