import { findDifferences, releaseLine } from '@milli/controller';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesOn, itemKey, type LineLab, provisionText, runningConfigs, startLineLab } from './support/lineLab';

// Every intent kind that creates a line, with and without protection, on metro-small's 36 mock devices over NETCONF:
// the devices hold exactly the planned entries, all up; release gives every device its running config back byte for byte.
let l: LineLab;
beforeAll(async () => {
  l = await startLineLab();
}, 120_000);
afterAll(async () => {
  await l?.stop();
});

const CASES: [string, string, { layers: string[]; groups: number }][] = [
  [
    'access-osu',
    'connect park P-7 to DC dc-north under 1ms with 100Mbps',
    { layers: ['odu', 'osu-connection', 'osu-cross-connect'], groups: 0 },
  ],
  ['access-osu-p', 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected', { layers: ['osu-protection-group'], groups: 2 }],
  ['access-odu', 'connect park P-2 to DC dc-north with 10Gbps', { layers: ['odu', 'odu-cross-connect'], groups: 0 }],
  ['access-odu-p', 'connect access point AP-9 to DC dc-north with 10Gbps protected', { layers: ['odu-protection-group'], groups: 2 }],
  ['dci-100', 'connect dc-north to dc-south at 100G', { layers: ['media-channel'], groups: 0 }],
  ['dci-100-p', 'connect dc-north to dc-south at 100G protected', { layers: ['media-channel'], groups: 0 }],
  ['dci-400', 'connect dc-north to dc-south under 1 ms at 400G', { layers: ['media-channel'], groups: 0 }],
  ['dci-400-p', 'connect dc-north to dc-south at 400G protected', { layers: ['media-channel'], groups: 0 }],
  [
    'express',
    'move 50TB from dc-north to dc-south by 2026-12-08T06:00Z',
    { layers: ['odu', 'odu-cross-connect', 'media-channel'], groups: 0 },
  ],
  ['express-p', 'move 50TB from dc-north to dc-south by 2026-12-08T06:00Z protected', { layers: ['odu-protection-group'], groups: 2 }],
];

describe('provisionLine and releaseLine on metro-small', () => {
  for (const [line, text, expected] of CASES) {
    it(`${line}: ${text}`, async () => {
      const before = await runningConfigs(l);
      const entriesBefore = new Map(await Promise.all([...before.keys()].map(async (d) => [d, await entriesOn(l, d)] as const)));
      const installed = await provisionText(l, text, line);
      const after = await runningConfigs(l);

      const changed = [...after]
        .filter(([d, c]) => before.get(d) !== c)
        .map(([d]) => d)
        .sort();
      expect(changed).toEqual(installed.devices);
      for (const device of installed.devices) {
        const added = (await entriesOn(l, device)).filter((e) => !entriesBefore.get(device)!.includes(e));
        expect(added.sort(), device).toEqual(
          installed.items
            .filter((i) => i.device === device)
            .map(itemKey)
            .sort(),
        );
      }
      expect(await findDifferences(l.ctx.drivers, installed.items)).toEqual([]);
      for (const layer of expected.layers)
        expect(
          installed.items.some((i) => i.layer === layer),
          layer,
        ).toBe(true);
      expect(installed.items.filter((i) => i.layer.endsWith('protection-group'))).toHaveLength(expected.groups);
      for (const item of installed.items) expect([item.line, item.path]).toEqual([line, expect.stringMatching(/^(working|protection)$/)]);

      await releaseLine(l.ctx, installed);
      expect(await runningConfigs(l)).toEqual(before);
      expect(l.ctx.ledger.reservations()).toEqual([]);
    }, 60_000);
  }
});

describe('a groomed lightpath shared by two lines', () => {
  it('stays while any line rides it, whoever made it, and goes with the last rider', async () => {
    const before = await runningConfigs(l);
    const first = await provisionText(l, 'connect park P-7 to DC dc-north under 1ms with 100Mbps', 'groom-1');
    const second = await provisionText(l, 'connect park P-7 to DC dc-north under 1ms with 200Mbps', 'groom-2');
    const link = first.reserved.lightpaths[0]!.link.id;
    expect(second.reserved.lightpaths).toEqual([]);
    expect(second.reserved.paths[0]!.hops.some((h) => h.ends?.link === link)).toBe(true);
    const lightpath = first.items.filter((i) => i.shared?.kind === 'lightpath');
    expect(lightpath.length).toBeGreaterThan(1);

    await releaseLine(l.ctx, first);
    // The maker is gone; the rider still runs over the lightpath, end to end.
    expect(await findDifferences(l.ctx.drivers, [...second.items, ...lightpath])).toEqual([]);
    expect(l.ctx.ledger.otuLinks(second.reserved.window).map((r) => r.link.id)).toContain(link);

    await releaseLine(l.ctx, second);
    expect(await findDifferences(l.ctx.drivers, [], lightpath)).toEqual([]);
    expect(await runningConfigs(l)).toEqual(before);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 60_000);
});
