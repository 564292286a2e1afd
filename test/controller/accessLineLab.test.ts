import type { Controller } from '@milli/controller';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerLab, reach, startControllerLab } from '../support/controllerLab';

// Access lines through the controller on every device of metro-small (ROADMs, OXCs, OTN and OSU), on its SQLite file.
const PARK = 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected';
let env: ControllerLab;
let controller: Controller;

beforeAll(async () => {
  env = await startControllerLab({ everyDevice: true });
  controller = (await env.open()).controller;
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

interface Installed {
  items: { device: string; name: string; layer: string; path: string }[];
  devices: string[];
}

/** What the controller recorded the line holds on the devices, read from its store. */
function installedOf(line: string): Installed {
  const db = new Database(env.storeFile, { readonly: true });
  try {
    return JSON.parse((db.prepare('SELECT installed FROM lines WHERE id = ?').get(line) as { installed: string }).installed) as Installed;
  } finally {
    db.close();
  }
}

describe('access lines through the controller on the lab', () => {
  it('a protected park line goes active with its planned OSU, ODU and protection-group entries, resizes 100 → 500 Mbit/s in place, and its release restores every device byte for byte', async () => {
    const before = await env.runningConfigs();
    const { id, line } = await controller.submit(PARK);
    expect(await reach(controller, id, ['active', 'failed']), JSON.stringify((await controller.get(id))?.error)).toBe('active');
    const record = await controller.get(id);
    expect(record?.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);

    const installed = installedOf(line!);
    const layers = new Set(installed.items.map((i) => i.layer));
    for (const layer of ['osu-connection', 'osu-protection-group', 'odu']) expect([...layers]).toContain(layer);
    expect(installed.items.some((i) => i.path === 'protection')).toBe(true);
    const after = await env.runningConfigs();
    const changed = [...after.keys()].filter((d) => after.get(d) !== before.get(d)).sort();
    expect(changed).toEqual([...installed.devices].sort());
    // Every planned entry is on its device, by name.
    for (const item of installed.items)
      expect(after.get(item.device), `${item.device} ${item.layer} ${item.name}`).toContain(`>${item.name}<`);

    const scale = await controller.modify(id, `scale line ${line} to 500Mbps`);
    expect(await reach(controller, scale.id, ['active', 'failed']), JSON.stringify((await controller.get(scale.id))?.error)).toBe('active');
    const resized = (await controller.line(line!))!;
    expect(resized.bandwidthKbps).toBe(500_000);
    const names = (i: Installed) => i.items.map((x) => `${x.device}|${x.name}`).sort();
    // In place: the same entries by name on the same devices, now at 500 Mbit/s.
    expect(names(installedOf(line!))).toEqual(names(installed));
    const scaled = await env.runningConfigs();
    for (const device of installed.devices.filter((d) => /osu/i.test(d))) expect(scaled.get(device)).toContain('500000');

    const release = await controller.release(id);
    expect(await reach(controller, release.id, ['deleted', 'failed'])).toBe('deleted');
    expect(await reach(controller, id, ['deleted', 'failed'])).toBe('deleted');
    expect(await env.runningConfigs()).toEqual(before);
  }, 180_000);

  it('two lines of one park submitted at once share their OSU-carrying ODU0s (transactions on a device run one after the other) and both release byte for byte', async () => {
    const before = await env.runningConfigs();
    const submitted = await Promise.all([0, 1].map(() => controller.submit('connect park P-7 to DC dc-north with 10Mbps')));
    for (const s of submitted) {
      expect(await reach(controller, s.id, ['active', 'failed']), JSON.stringify((await controller.get(s.id))?.error)).toBe('active');
    }
    const [a, b] = submitted.map((s) => installedOf(s.line!));
    const sharedOdus = (i: Installed) =>
      i.items.filter((x) => x.layer === 'odu' && x.name.startsWith('osu-')).map((x) => `${x.device}|${x.name}`);
    // Both lines ride the same ODU0s: the second found them on the devices, so neither transaction collided.
    expect(sharedOdus(a!).length).toBeGreaterThan(0);
    expect(sharedOdus(b!).filter((o) => sharedOdus(a!).includes(o)).length).toBeGreaterThan(0);
    for (const s of submitted) {
      const release = await controller.release(s.id);
      expect(await reach(controller, release.id, ['deleted', 'failed']), JSON.stringify((await controller.get(release.id))?.error)).toBe(
        'deleted',
      );
    }
    expect(await env.runningConfigs()).toEqual(before);
  }, 180_000);
});
