import { describe, expect, it } from 'vitest';
import { NOW } from '../fixtures/smallMetro';
import { problems, valid } from '../helpers';

describe('validateIntent: the examples of the issue', () => {
  it("unknown site 'dc-nrth' at 24, did you mean 'dc-north'?", () => {
    expect(problems('connect park P-17 to DC dc-nrth under 1ms with 100Mbps')).toEqual([
      "unknown site 'dc-nrth' at 24, did you mean 'dc-north'?",
    ]);
  });

  it('the same problem in the JSON form is located by pointer', () => {
    expect(problems({ kind: 'access-line', from: { site: 'P-17' }, to: { site: 'dc-nrth' }, bandwidth: '100Mbps' })).toEqual([
      "unknown site 'dc-nrth' at /to/site, did you mean 'dc-north'?",
    ]);
  });

  it('latency 0ms: must be above 0', () => {
    expect(problems('connect park P-17 to dc-north under 0ms with 100Mbps')).toEqual(['latency 0ms at 36: must be above 0']);
  });

  it('park P-17 is not a data centre', () => {
    expect(problems('connect park P-18 to DC P-17 with 100Mbps')).toEqual(['park P-17 at 24 is not a data centre']);
  });
});

describe('validateIntent: roles and kinds of site', () => {
  it('an asserted role must match the site', () => {
    expect(problems('connect park AP-1 to dc-north with 100Mbps')).toEqual(['access point AP-1 at 13 is not a park']);
  });

  it('an access line starts at a park or access point and ends at a DC', () => {
    expect(problems('connect CORE-1 to AP-1 with 100Mbps')).toEqual([
      'important site CORE-1 at 8 is not a park or access point: an access line starts at one',
      'access point AP-1 at 18 is not a data centre: an access line ends at one',
    ]);
  });

  it('a DC interconnect joins two DCs', () => {
    expect(problems('connect dc-north to AP-1 at 400G')).toEqual([
      'access point AP-1 at 20 is not a data centre: a DC interconnect joins two',
    ]);
  });

  it('suggests among sites of the fitting kind first', () => {
    // 'P-1' is one edit from AP-1, P-17, P-18 and P-19: all four are offered; 'dc-sout' has one fitting neighbour.
    expect(problems('connect P-1 to dc-sout with 1Gbps')).toEqual([
      "unknown site 'P-1' at 8, did you mean 'AP-1', 'P-17', 'P-18' or 'P-19'?",
      "unknown site 'dc-sout' at 15, did you mean 'dc-south'?",
    ]);
    // Nothing close among the fitting kinds: the nearest of any kind, which the role check will then explain.
    expect(problems('connect P-17 to CORE-2 with 1Gbps')).toEqual(["unknown site 'CORE-2' at 16, did you mean 'CORE-1'?"]);
    expect(problems('connect P-17 to qqq-qqqqq with 1Gbps')).toEqual([
      "unknown site 'qqq-qqqqq' at 16: no site with that id in the topology",
    ]);
  });

  it('refuses the same site at both ends', () => {
    expect(problems('move 1TB from dc-north to dc-north within 1h')).toEqual([
      "site 'dc-north' at 26: is also the start; pick two different sites",
    ]);
  });
});

describe('validateIntent: bandwidth fits the service class and the equipment', () => {
  it('OSU lines start at 2 Mbit/s', () => {
    expect(problems('connect P-17 to dc-north with 1Mbps')).toEqual([
      'bandwidth 1Mbps at 30: below the smallest OSU (2 Mbit/s); ask for at least 2Mbps',
    ]);
  });

  it('access lines stop below 100 Gbit/s', () => {
    expect(problems('connect AP-1 to dc-north with 100Gbps')[0]).toMatch(/^bandwidth 100Gbps at 30: access lines stop below 100 Gbit\/s/);
  });

  it("a park's CPE caps its lines", () => {
    expect(problems('connect P-18 to dc-north with 2Gbps')).toEqual(["bandwidth 2 Gbit/s at 30: park P-18's CPE carries at most 1 Gbit/s"]);
    expect(valid('connect P-17 to dc-north with 10Gbps')).toMatchObject({ bandwidthKbps: 10_000_000 });
  });

  it('a park without a CPE cannot have a line', () => {
    expect(problems('connect P-19 to dc-north with 10Mbps')).toEqual(['park P-19 at 8 has no OSU CPE, so no line can start there yet']);
  });

  it('an OSU line needs OSU-capable ports at both ends', () => {
    expect(problems('connect AP-2 to dc-east with 100Mbps')).toEqual([
      'access point AP-2 at 8 has no OSU-capable OTN port for a 100 Mbit/s OSU line: ask for 1Gbps or more (an ODU line)',
      'data centre dc-east at 16 has no OSU-capable OTN port for a 100 Mbit/s OSU line: ask for 1Gbps or more (an ODU line)',
    ]);
    expect(valid('connect AP-2 to dc-east with 1Gbps')).toMatchObject({ kind: 'access-line' });
  });

  it('a data express small enough for an OSU needs OSU ports, and says how to get an ODU instead', () => {
    // 100 GB in 1 h = 222 Mbit/s, +10% → 246 Mbit/s: an OSU line; dc-east has no OSU port.
    expect(problems('move 100GB from dc-north to dc-east within 1h')).toEqual([
      'data centre dc-east at 28 has no OSU-capable OTN port for a 246 Mbit/s (the volume over its window) OSU line: a shorter window, needing 1 Gbit/s or more, would use an ODU',
    ]);
    expect(valid('move 100GB from dc-north to dc-east within 10min')).toMatchObject({ kind: 'data-express' });
  });

  it('a 400G interconnect needs 400G egress at both DCs', () => {
    expect(problems('connect dc-north to dc-east at 400G')).toEqual([
      "data centre dc-east at 20: its egress is 100 Gbit/s, below 400 Gbit/s; ask for 'at 100G'",
    ]);
  });

  it('a DC interconnect runs at 100G or 400G', () => {
    expect(problems('connect dc-north to dc-south at 200G')).toEqual([
      'rate 200G at 32: a DC interconnect is one wavelength at 100G (OTU4) or 400G (OTUC4)',
    ]);
  });

  it("a data express from a park is capped by the park's CPE", () => {
    // 50 TB in 2 h = 55.6 Gbit/s, +10% = 61.1 Gbit/s, 49 ODU slots = 61.25 Gbit/s; P-17 has a 10G CPE.
    expect(problems('move 50TB from P-17 to dc-north within 2h')).toEqual([
      "bandwidth 61.25 Gbit/s (the volume over its window) at 5: park P-17's CPE carries at most 10 Gbit/s",
    ]);
  });

  it('a data express whose bandwidth needs a wavelength needs ROADMs at both ends', () => {
    // 50 TB in 1 h = 111 Gbit/s, +10% = 122 Gbit/s → a 400G wavelength; AP-1 has no ROADM.
    expect(problems('move 50TB from AP-1 to dc-north within 1h')).toEqual([
      'access point AP-1 at 15 has no ROADM/OXC, so a 400 Gbit/s (the volume over its window) wavelength cannot end there: allow a longer window, so that it needs less than 100 Gbit/s',
    ]);
  });

  it('a data express too big for one 400G wavelength says how long to allow', () => {
    expect(problems('move 1PB from dc-north to dc-south within 1h')).toEqual([
      'volume 1PB at 5 needs 2.444 Tbit/s over its window, more than one 400G wavelength: allow at least 6h 7m',
    ]);
  });
});

describe('validateIntent: SLA tiers', () => {
  it('tier 4A needs protection', () => {
    expect(problems('connect P-17 to dc-north with 100Mbps tier 4A')).toEqual([
      'tier 4A at 43 needs 1+1 protection: add \'protected\' (JSON: "protection": "srlg") or choose tier 3A',
    ]);
  });

  it('tier 5A needs SRLG-disjoint protection', () => {
    expect(problems('connect P-17 to dc-north with 100Mbps protected by link tier 5A')[0]).toMatch(
      /^tier 5A at 61 needs SRLG-disjoint 1\+1 protection/,
    );
  });

  it("a latency bound above the tier's is refused, naming a tier that fits", () => {
    expect(problems('connect P-17 to dc-north with 100Mbps under 3ms protected tier 4A')).toEqual([
      "latency 3ms at 44 is above tier 4A's bound of 2 ms: lower it or choose tier 3A",
    ]);
  });

  it('the default tier is 3A and asks for no protection', () => {
    expect(valid('connect P-17 to dc-north with 100Mbps')).toMatchObject({ tier: '3A', protection: 'none' });
  });
});

describe('validateIntent: lines, times and all problems at once', () => {
  const lines = new Set(['L-42', 'L-7']);

  it('elastic and release must name an existing line when the lines are given', () => {
    expect(problems('scale line L-43 to 1Gbps', { existingLines: lines })).toEqual(["unknown line 'L-43' at 11, did you mean 'L-42'?"]);
    expect(problems('release line X-1', { existingLines: lines })).toEqual(["unknown line 'X-1' at 13: no line with that id exists"]);
    expect(valid('release line L-42', { existingLines: lines })).toEqual({ kind: 'release', line: 'L-42', at: NOW });
  });

  it('a data express needs a deadline', () => {
    expect(problems('move 1TB from dc-north to dc-south')).toEqual([
      'a data express needs a deadline at 0: add \'by 2026-12-01T06:00Z\' or \'within 6h\' (JSON: "end" or "within")',
    ]);
  });

  it('refuses a deadline that has passed and a time without a zone', () => {
    expect(problems('move 1TB from dc-north to dc-south by 2026-11-01T00:00Z')).toEqual([
      'end 2026-11-01T00:00Z at 38 is not after the start (2026-11-26T11:00:00.000Z)',
    ]);
    expect(problems('move 1TB from dc-north to dc-south by 2026-12-01T06:00')).toEqual([
      "time '2026-12-01T06:00' at 38: it has no zone: add 'Z' (UTC) or an offset such as '+08:00'",
    ]);
  });

  it('reports unit, time and site problems together', () => {
    expect(problems('move 5XB from dc-nort to dc-south by 25:00 under 0us')).toEqual([
      "volume '5XB' at 5: not understood; write a number and a unit (b, kb, mb, gb, tb, pb, kib, mib, gib, tib, pib)",
      "unknown site 'dc-nort' at 14, did you mean 'dc-north'?",
      "time '25:00' at 37: hours run 00-23, minutes and seconds 00-59; write a time as HH:MM, or a date-time such as 2026-12-01T06:00Z, or 'now'",
      'latency 0us at 49: must be above 0',
    ]);
  });

  it('keeps messages short when the input is long', () => {
    const [message] = problems(`connect P-17 to dc-north with ${'9'.repeat(500)}xbps`);
    expect(message).toMatch(/^bandwidth '9{37}\.\.\.' at 30: not understood; write a number and a unit/);
    expect(message!.length).toBeLessThan(250);
  });

  it('resolves units, defaults and times into the checked intent', () => {
    expect(valid('move 50TB from dc-north to dc-south by 2026-12-01T06:00Z for media')).toEqual({
      kind: 'data-express',
      from: { site: 'dc-north' },
      to: { site: 'dc-south' },
      protection: 'none',
      tier: '3A',
      volumeBytes: 50e12,
      start: NOW,
      end: Date.UTC(2026, 11, 1, 6, 0),
      industry: 'media',
    });
    expect(valid('scale line L-42 to 1Gbps from 20:00 to 23:00')).toEqual({
      kind: 'elastic',
      line: 'L-42',
      bandwidthKbps: 1_000_000,
      window: { start: Date.UTC(2026, 10, 26, 20, 0), end: Date.UTC(2026, 10, 26, 23, 0) },
    });
  });
});
