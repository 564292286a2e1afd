import {
  type Compilation,
  CompilerRegistry,
  createCompilerRegistry,
  DATA_EXPRESS_HEADROOM,
  IntentInvalidError,
  IntentUnknownKindError,
  type ReadIntentOptions,
  readIntent,
  releaseCompiler,
  roundUpToService,
  volumeToBandwidth,
} from '@milli/intent';
import { describe, expect, it } from 'vitest';
import { NOW, smallMetro } from '../fixtures/smallMetro';

const options: ReadIntentOptions = { topology: smallMetro, now: NOW };
const compile = (text: string, previous?: Compilation) => readIntent(text, { ...options, ...(previous ? { previous } : {}) }).compilation;
const HOUR = 3_600_000;

describe('access-line compiler', () => {
  it('compiles the headline example to one protected OSU path request', () => {
    expect(compile('connect park P-17 to DC dc-north under 1ms with 100Mbps protected for manufacturing')).toEqual({
      kind: 'access-line',
      action: 'create',
      pathRequests: [
        {
          from: 'P-17',
          to: 'dc-north',
          bandwidthKbps: 100_000,
          maxLatencyUs: 1000,
          layer: 'osu',
          protection: 'srlg',
          objective: 'latency',
          alternatives: 0,
        },
      ],
      windows: [{ start: NOW, end: null }],
      sla: {
        tier: '3A',
        maxLatencyUs: 1000,
        availabilityPercent: 99.95,
        protection: 'srlg',
        bandwidthKbps: 100_000,
        elasticChangeWithinMs: 30 * 60_000,
        provisioningTimeMs: 72 * HOUR,
      },
      industry: 'manufacturing',
      explain: [
        'service class osu: 100 Mbit/s is below 1 Gbit/s',
        'latency bound 1 ms (tier 3A allows 5 ms)',
        '1+1 protected, working and protection paths srlg-disjoint',
        'park P-17 hangs on one access fibre (F-12): both paths share it; protection covers the rest',
      ],
    });
  });

  it('notes a shared access fibre only for a protected line from a single-homed park', () => {
    expect(compile('connect P-17 to dc-north with 100Mbps').explain.join('\n')).not.toContain('access fibre');
    expect(compile('connect AP-1 to dc-north with 100Mbps protected').explain.join('\n')).not.toContain('access fibre');
  });

  it('a revertive line says so in its compilation; any other says nothing of it', () => {
    const revertive = compile('connect P-17 to dc-north with 100Mbps revertive');
    expect(revertive.revertive).toBe(true);
    expect(revertive.explain).toContain(
      'revertive: once re-routed by a restoration, back on its original path when the failed fibres return (if feasible)',
    );
    expect(compile('connect dc-north to dc-south at 400G revertive').revertive).toBe(true);
    const plain = compile('connect P-17 to dc-north with 100Mbps');
    expect('revertive' in plain).toBe(false);
    expect(
      readIntent({ kind: 'access-line', from: { site: 'P-17' }, to: { site: 'dc-north' }, bandwidth: '100Mbps', revertive: false }, options)
        .compilation,
    ).toEqual(plain);
  });

  it("takes the tier's latency bound when the intent states none, and picks the class by bandwidth", () => {
    const c = compile('connect AP-1 to dc-south with 2.5Gbps protected tier 4A');
    expect(c.pathRequests[0]).toMatchObject({ layer: 'odu', maxLatencyUs: 2000, bandwidthKbps: 2_500_000 });
    expect(c.sla).toMatchObject({ tier: '4A', availabilityPercent: 99.99 });
  });
});

describe('dc-interconnect compiler', () => {
  it('400G is one OTUC4 wavelength', () => {
    const c = compile('connect dc-north to dc-south under 1 ms at 400G');
    expect(c.pathRequests).toEqual([
      {
        from: 'dc-north',
        to: 'dc-south',
        bandwidthKbps: 400_000_000,
        maxLatencyUs: 1000,
        layer: 'wavelength',
        protection: 'none',
        objective: 'latency',
        alternatives: 0,
      },
    ]);
    expect(c.explain[0]).toBe('one 400 Gbit/s wavelength (OTUC4)');
  });

  it('without a bound, indicator 1 applies: under 1 ms', () => {
    expect(compile('connect dc dc-north to dc dc-south').pathRequests[0]).toMatchObject({ bandwidthKbps: 100_000_000, maxLatencyUs: 1000 });
  });
});

describe('data express: volume / window × (1 + 10%), rounded up to the service granularity', () => {
  it('states its headroom', () => {
    expect(DATA_EXPRESS_HEADROOM).toBe(0.1);
  });

  it('50 TB by 2026-12-01T06:00Z from 2026-11-26T11:00Z: 115 h → 0.966 Gbit/s → 1.063 → one ODU slot of 1.25 Gbit/s', () => {
    const c = compile('move 50TB from dc-north to dc-south by 2026-12-01T06:00Z');
    const windowMs = 115 * HOUR;
    expect(c.volumePlan).toEqual({
      volumeBytes: 50e12,
      windowMs,
      rawKbps: (50e12 * 8) / windowMs,
      headroom: 0.1,
      withHeadroomKbps: ((50e12 * 8) / windowMs) * 1.1,
      bandwidthKbps: 1_250_000,
      serviceClass: 'odu',
    });
    expect(c.pathRequests[0]).toMatchObject({ bandwidthKbps: 1_250_000, layer: 'odu', window: { start: NOW, end: NOW + windowMs } });
    expect(c.windows).toEqual([{ start: NOW, end: NOW + windowMs }]);
  });

  it('100 GB within 1 h: 222.2 Mbit/s → 244.4 → 246 Mbit/s in 2 Mbit/s OSU steps', () => {
    const plan = volumeToBandwidth(100e9, HOUR);
    expect(plan).toMatchObject({ ok: true, plan: { bandwidthKbps: 246_000, serviceClass: 'osu' } });
  });

  it('rounding that crosses a class boundary rounds again in the next class', () => {
    expect(roundUpToService(999_000)).toEqual({ kbps: 1_250_000, serviceClass: 'odu' });
    expect(roundUpToService(99_000_000)).toEqual({ kbps: 100_000_000, serviceClass: 'wavelength' });
    expect(roundUpToService(150_000_000)).toEqual({ kbps: 400_000_000, serviceClass: 'wavelength' });
    expect(roundUpToService(1)).toEqual({ kbps: 2_000, serviceClass: 'osu' });
    expect(roundUpToService(400_000_001)).toBeUndefined();
  });

  it('a night window from times of day: 01:00 to 05:00 tomorrow', () => {
    const c = compile('move 2TB from park P-17 to dc dc-north between 01:00 and 05:00 for media');
    const start = Date.UTC(2026, 10, 27, 1, 0);
    expect(c.windows).toEqual([{ start, end: start + 4 * HOUR }]);
    // 2 TB / 4 h = 1.111 Gbit/s, +10% = 1.222 → one ODU slot.
    expect(c.pathRequests[0]).toMatchObject({ from: 'P-17', to: 'dc-north', bandwidthKbps: 1_250_000, layer: 'odu' });
    expect(c.industry).toBe('media');
  });

  it('too much for one wavelength gives the shortest window that would do', () => {
    expect(volumeToBandwidth(1e15, HOUR)).toEqual({ ok: false, neededKbps: ((1e15 * 8) / HOUR) * 1.1, minWindowMs: 22_000_000 });
  });
});

describe('elastic compiler', () => {
  const line = compile('connect park P-17 to dc-north with 100Mbps protected tier 4A for finance');

  it('a window: the new bandwidth inside it, the old requests to return to, the class re-chosen', () => {
    const c = compile('scale line L-42 to 1Gbps from 20:00 to 23:00', line);
    const window = { start: Date.UTC(2026, 10, 26, 20, 0), end: Date.UTC(2026, 10, 26, 23, 0) };
    expect(c).toMatchObject({
      kind: 'elastic',
      action: 'modify',
      line: 'L-42',
      windows: [window],
      revertTo: line.pathRequests,
      industry: 'finance',
    });
    expect(c.pathRequests).toEqual([{ ...line.pathRequests[0], bandwidthKbps: 1_000_000, layer: 'odu', window }]);
    expect(c.sla).toMatchObject({ tier: '4A', bandwidthKbps: 1_000_000 });
    expect(c.explain).toContain('service class osu → odu: the line is re-routed in the new layer');
  });

  it('permanent and now: no window on the requests, nothing to revert to', () => {
    const c = compile('scale line L-42 to 300Mbps', line);
    expect(c.pathRequests).toEqual([{ ...line.pathRequests[0], bandwidthKbps: 300_000, layer: 'osu' }]);
    expect(c.revertTo).toBeUndefined();
    expect(c.windows).toEqual([{ start: NOW, end: null }]);
  });

  it('scaling a scaled line starts from the line outside its window', () => {
    const scaled = compile('scale line L-42 to 1Gbps for 2h', line);
    const again = compile('scale line L-42 to 500Mbps for 1h', scaled);
    expect(again.revertTo).toEqual(line.pathRequests);
    expect(again.pathRequests[0]?.bandwidthKbps).toBe(500_000);
  });

  it("refuses what the line's ends or layer cannot carry", () => {
    const small = compile('connect P-18 to dc-north with 100Mbps');
    expect(() => compile('scale line L-1 to 2Gbps', small)).toThrow("bandwidth 2 Gbit/s at 18: park P-18's CPE carries at most 1 Gbit/s");
    // The JSON form names the field instead of an offset.
    expect(() => readIntent({ kind: 'elastic', line: 'L-1', bandwidth: '2Gbps' }, { ...options, previous: small })).toThrow(
      "bandwidth 2 Gbit/s at /bandwidth: park P-18's CPE carries at most 1 Gbit/s",
    );
    const dci = compile('connect dc-north to dc-south at 100G');
    expect(() => compile('scale line L-2 to 200G', dci)).toThrow('line L-2 is a wavelength; it scales to 100G or 400G only');
    expect(compile('scale line L-2 to 400G', dci).pathRequests[0]).toMatchObject({ layer: 'wavelength', bandwidthKbps: 400_000_000 });
  });

  it('needs the previous compilation of a line that still exists', () => {
    expect(() => compile('scale line L-42 to 1Gbps')).toThrow(IntentInvalidError);
    expect(() => compile('scale line L-42 to 1Gbps')).toThrow(
      "cannot scale line L-42 at 11: its current compilation is needed (pass the line's previous compilation)",
    );
    const released = compile('release line L-42', line);
    expect(() => compile('scale line L-42 to 1Gbps', released)).toThrow('cannot scale line L-42 at 11: it has been released');
  });
});

describe('release compiler', () => {
  it('frees what the line holds, at the time asked', () => {
    const line = compile('connect P-17 to dc-north with 100Mbps');
    const c = compile('release line L-42 at 2026-11-30T00:00Z', line);
    expect(c).toEqual({
      kind: 'release',
      action: 'delete',
      line: 'L-42',
      pathRequests: [],
      windows: [{ start: Date.UTC(2026, 10, 30), end: null }],
      sla: null,
      releases: line.pathRequests,
      explain: ['free 1 path request(s) of line L-42 at 2026-11-30T00:00:00.000Z'],
    });
  });
});

describe('CompilerRegistry', () => {
  it('dispatches by kind, and a registered compiler replaces the built-in one', () => {
    const seen: string[] = [];
    const registry = createCompilerRegistry().register({
      kind: 'release',
      compile(intent, context, previous) {
        seen.push(intent.line);
        return releaseCompiler.compile(intent, context, previous);
      },
    });
    const line = compile('connect P-17 to dc-north with 100Mbps');
    readIntent('release line L-9', { ...options, previous: line, registry });
    expect(seen).toEqual(['L-9']);
    expect(registry.kinds().sort()).toEqual(['access-line', 'data-express', 'dc-interconnect', 'elastic', 'release']);
  });

  it('an unregistered kind is a typed error', () => {
    const empty = new CompilerRegistry();
    expect(() => readIntent('release line L-1', { ...options, registry: empty })).toThrow(IntentUnknownKindError);
    expect(() => readIntent('release line L-1', { ...options, registry: empty })).toThrow(
      "no compiler for intent kind 'release'; registered: none",
    );
  });
});
