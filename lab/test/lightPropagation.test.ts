import type { Device, DeviceKind, Fibre, Topology } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import type { DeviceConfigSummary } from '../src/device/model/configSummary';
import { followLight, propagateLight } from '../src/host/lightPropagation';

// A-otn ─ R1 ─ R2 ─ R3 ─ B-otn: one lightpath (channel 7) over three ROADMs, one ODU2 over it, an OSU service on top.
const dev = (id: string, kind: DeviceKind): Device => ({ id, site: id, kind, ports: [], management: { address: '127.0.0.1' } });
const fib = (id: string, a: string, ap: string, b: string, bp: string): Fibre => ({
  id,
  a: { device: a, port: ap },
  b: { device: b, port: bp },
  lengthKm: 5,
  srlgs: [],
});
const topology = {
  devices: [dev('A-otn', 'otn'), dev('R1', 'roadm'), dev('R2', 'roadm'), dev('R3', 'roadm'), dev('B-otn', 'otn')],
  fibres: [
    fib('F-A', 'A-otn', 'line-1', 'R1', 'ad-1'),
    fib('F-12', 'R1', 'deg-1', 'R2', 'deg-1'),
    fib('F-23', 'R2', 'deg-2', 'R3', 'deg-1'),
    fib('F-B', 'R3', 'ad-1', 'B-otn', 'line-1'),
  ],
} as unknown as Topology;

const empty = (): DeviceConfigSummary => ({
  mediaChannels: [],
  odus: [],
  oduCrossConnects: [],
  osuConnections: [],
  osuCrossConnects: [],
  oduGroups: [],
  osuGroups: [],
});
const otnEnd = (): DeviceConfigSummary => ({
  ...empty(),
  odus: [
    { name: 'line-odu', port: 'line-1', slots: ['1', '2'] },
    { name: 'client-odu', port: 'client-1', slots: [] },
  ],
  oduCrossConnects: [{ name: 'x', from: 'client-odu', to: 'line-odu' }],
  osuConnections: [{ name: 'svc', odu: 'line-odu', osuId: '3' }],
});
const configs = new Map<string, DeviceConfigSummary>([
  ['A-otn', otnEnd()],
  ['R1', { ...empty(), mediaChannels: [{ name: 'mc', channel: '7', from: 'ad-1', to: 'deg-1' }] }],
  ['R2', { ...empty(), mediaChannels: [{ name: 'mc', channel: '7', from: 'deg-1', to: 'deg-2' }] }],
  ['R3', { ...empty(), mediaChannels: [{ name: 'mc', channel: '7', from: 'deg-1', to: 'ad-1' }] }],
  ['B-otn', otnEnd()],
]);

const lost = (result: Map<string, { kind: string; name: string; cause: string }[]>) =>
  Object.fromEntries([...result].map(([d, f]) => [d, f.map((x) => `${x.kind} ${x.name}: ${x.cause}`).sort()]));

describe('light propagation across the lab', () => {
  it('nothing is lost when nothing is cut', () => {
    const result = propagateLight({ topology, configs, cutFibres: new Set(), downDevices: new Set() });
    expect([...result.values()].flat()).toEqual([]);
  });

  it('a cut between two ROADMs darkens the whole lightpath, the OTN ports at its ends, the ODU trail and the OSU service', () => {
    const result = propagateLight({ topology, configs, cutFibres: new Set(['F-12']), downDevices: new Set() });
    const cause = 'fibre F-12 cut';
    expect(lost(result)).toEqual({
      'A-otn': [
        `odu client-odu: ${cause}`,
        `odu line-odu: ${cause}`,
        `osu-connection svc: ${cause}`,
        `osu-trail line-odu#3: ${cause}`,
        `port line-1: ${cause}`,
      ],
      R1: [`media-channel mc: ${cause}`],
      R2: [`media-channel mc: ${cause}`],
      // R3 is not at the cut: it loses the channel all the same, as a ROADM downstream does.
      R3: [`media-channel mc: ${cause}`],
      'B-otn': [
        `odu client-odu: ${cause}`,
        `odu line-odu: ${cause}`,
        `osu-connection svc: ${cause}`,
        `osu-trail line-odu#3: ${cause}`,
        `port line-1: ${cause}`,
      ],
    });
  });

  it('a ROADM down takes the signal of everything through it, with the device as the cause', () => {
    const live = new Map([...configs].filter(([d]) => d !== 'R2'));
    const result = propagateLight({ topology, configs: live, cutFibres: new Set(), downDevices: new Set(['R2']) });
    const cause = 'device R2 down';
    expect(result.has('R2')).toBe(false);
    expect(lost(result).R1).toEqual([`media-channel mc: ${cause}`, `port deg-1: ${cause}`]);
    expect(lost(result).R3).toEqual([`media-channel mc: ${cause}`, `port deg-1: ${cause}`]);
    expect(lost(result)['B-otn']).toContain(`osu-connection svc: ${cause}`);
  });

  it('a lightpath that does not cross the cut keeps its light', () => {
    const result = propagateLight({ topology, configs, cutFibres: new Set(['F-99']), downDevices: new Set() });
    expect([...result.values()].flat()).toEqual([]);
  });

  it('a lit lab answered at once equals following every lightpath, trail and OSU, on random configurations', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seeded(seed);
      const configs = randomConfigs(random);
      const lit = { topology, configs, cutFibres: new Set<string>(), downDevices: new Set<string>() };
      expect(propagateLight(lit)).toEqual(followLight(lit));
      // With something dark the whole lab is followed: the answer is the full one.
      const cut = { ...lit, cutFibres: new Set([pick(random, topology.fibres).id]) };
      expect(propagateLight(cut)).toEqual(followLight(cut));
    }
  });
});

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, of: readonly T[]): T {
  return of[Math.floor(random() * of.length)]!;
}

/** Entries on the fixture's ports with random channels, slots and OSU ids, so lightpaths and trails join or not. */
function randomConfigs(random: () => number): Map<string, DeviceConfigSummary> {
  const configs = new Map<string, DeviceConfigSummary>();
  const roadmPorts: Record<string, string[]> = { R1: ['ad-1', 'deg-1'], R2: ['deg-1', 'deg-2'], R3: ['deg-1', 'ad-1'] };
  for (const [device, ports] of Object.entries(roadmPorts)) {
    const mediaChannels = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      name: `mc-${i}`,
      channel: pick(random, ['7', '8']),
      from: ports[0]!,
      to: ports[1]!,
    }));
    configs.set(device, { ...empty(), mediaChannels });
  }
  for (const device of ['A-otn', 'B-otn']) {
    const slots = pick(random, [['1', '2'], ['3']]);
    const osuId = pick(random, ['3', '4']);
    configs.set(device, {
      ...empty(),
      odus: [
        { name: 'line-odu', port: 'line-1', slots },
        { name: 'client-odu', port: 'client-1', slots: [] },
      ],
      oduCrossConnects: random() < 0.7 ? [{ name: 'x', from: 'client-odu', to: 'line-odu' }] : [],
      osuConnections: [{ name: 'svc', odu: 'line-odu', osuId }],
      osuGroups:
        random() < 0.5
          ? [
              {
                name: 'g',
                workingOdu: 'line-odu',
                protectionOdu: 'client-odu',
                revertive: false,
                holdOffMs: 0,
                waitToRestoreS: 0,
                workingOsu: { odu: 'line-odu', osuId },
                protectionOsu: { odu: 'client-odu', osuId: '9' },
              },
            ]
          : [],
    });
  }
  return configs;
}
