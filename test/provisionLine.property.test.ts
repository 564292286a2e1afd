import { type InstalledLine, releaseLine } from '@milli/controller';
import { isMilliError } from '@milli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LineLab, provisionText, runningConfigs, startLineLab } from './support/lineLab';

// Random intents on metro-small, created and released in random order (a fixed seed, printed, so a failure replays):
// no tributary slot, OSU id, channel or add/drop port is ever used twice on a device, refusals leave nothing behind,
// and once every line is released every device holds its starting configuration again.
const SEED = 0x5eed11;
const STEPS = 40;

let l: LineLab;
beforeAll(async () => {
  l = await startLineLab();
}, 120_000);
afterAll(async () => {
  await l?.stop();
});

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function intentText(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const protectedSuffix = r() < 0.4 ? ' protected' : '';
  const dc = pick(['dc-north', 'dc-south']);
  switch (pick(['osu', 'osu', 'osu', 'odu', 'dci', 'express'])) {
    case 'osu':
      return `connect park P-${1 + Math.floor(r() * 10)} to DC ${dc} with ${2 * (1 + Math.floor(r() * 300))}Mbps${protectedSuffix}`;
    case 'odu':
      return `connect access point AP-${1 + Math.floor(r() * 10)} to DC ${dc} with 10Gbps${protectedSuffix}`;
    case 'dci':
      return `connect dc-north to dc-south at ${pick(['100G', '400G'])}${protectedSuffix}`;
    default:
      return `move ${1 + Math.floor(r() * 40)}TB from dc-north to dc-south by 2026-12-08T06:00Z${protectedSuffix}`;
  }
}

/** Every use of a numbered resource on every device; a duplicate is a double booking. */
async function doubleBookings(): Promise<string[]> {
  const uses: string[] = [];
  for (const device of l.lab.inventory.devices.map((d) => d.device)) {
    const driver = await l.ctx.drivers.driver(device);
    for (const mc of (await driver.roadm?.listMediaChannels()) ?? []) {
      uses.push(`${device} channel ${mc.channel} on ${mc.from}`, `${device} channel ${mc.channel} on ${mc.to}`);
      for (const port of [mc.from, mc.to]) if (port.startsWith('ad-')) uses.push(`${device} add/drop port ${port}`);
    }
    const odu = await driver.otn?.listOdu();
    for (const c of odu?.containers ?? []) for (const s of c.tributarySlots) uses.push(`${device} slot ${s} on ${c.port}`);
    const osu = await driver.osu?.listOsu();
    const ends = [
      ...(osu?.connections ?? []),
      ...(osu?.crossConnects ?? []).flatMap((x) => [x.from, x.to]),
      ...(osu?.protectionGroups ?? []).map((g) => g.protection),
    ];
    for (const e of ends) uses.push(`${device} OSU id ${e.osuId} in ${e.odu}`);
  }
  return uses.filter((u, i) => uses.indexOf(u) !== i);
}

describe('random lines on metro-small', () => {
  it(`${STEPS} random intents created and released in random order (seed ${SEED.toString(16)})`, async () => {
    const r = random(SEED);
    const start = await runningConfigs(l);
    const active: InstalledLine[] = [];
    const outcomes: Record<string, number> = {};
    for (let step = 0; step < STEPS; step++) {
      if (active.length > 0 && r() < 0.3) {
        const [gone] = active.splice(Math.floor(r() * active.length), 1);
        await releaseLine(l.ctx, gone!);
        outcomes.released = (outcomes.released ?? 0) + 1;
      } else {
        const text = intentText(r);
        const before = await runningConfigs(l);
        const held = l.ctx.ledger.reservations().length;
        try {
          active.push(await provisionText(l, text, `rnd-${step}`));
          outcomes.active = (outcomes.active ?? 0) + 1;
        } catch (error) {
          if (!isMilliError(error)) throw error;
          outcomes[error.code] = (outcomes[error.code] ?? 0) + 1;
          // A refusal leaves no trace on any device or in the ledger.
          expect(await runningConfigs(l)).toEqual(before);
          expect(l.ctx.ledger.reservations()).toHaveLength(held);
        }
      }
      expect(await doubleBookings(), `after step ${step}`).toEqual([]);
    }
    while (active.length > 0) await releaseLine(l.ctx, active.splice(Math.floor(r() * active.length), 1)[0]!);
    console.log(`random lines (seed ${SEED.toString(16)}):`, JSON.stringify(outcomes));
    expect(outcomes.active ?? 0).toBeGreaterThan(STEPS / 3);
    expect(await runningConfigs(l)).toEqual(start);
    expect(l.ctx.ledger.reservations()).toEqual([]);
  }, 300_000);
});
