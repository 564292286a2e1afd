import { isMilliError } from '@milli/core';
import {
  CANDIDATE,
  type DeviceHello,
  type DriverPlugin,
  DriverRegistry,
  MILLI_REVISIONS,
  MilliDriver,
  type NetconfOps,
  WRITABLE_RUNNING,
  YangDeviceSchema,
  defaultDriverRegistry,
  driverPluginModule,
  milliModuleScore,
  modulesFromCapabilities,
} from '@milli/drivers';
import { afterAll, describe, expect, it } from 'vitest';

const schema = YangDeviceSchema.forModules();
afterAll(() => schema.dispose());

/** A hello announcing `modules` at the revisions the drivers know (or `revisions`' own). */
function hello(caps: string[], modules: string[], revisions: Record<string, string> = MILLI_REVISIONS): DeviceHello {
  const capabilities = [...caps, ...modules.map((m) => `urn:milli:yang:${m}?module=${m}&revision=${revisions[m] ?? '2026-11-26'}`)];
  return { capabilities, modules: modulesFromCapabilities(capabilities) };
}

const context = (kind: 'roadm' | 'otn', h: DeviceHello) => ({ device: 'd', kind, hello: h, netconf: {} as NetconfOps, schema });

describe('DriverRegistry', () => {
  it('parses modules and revisions from hello capability URIs', () => {
    expect(hello([], ['milli-device']).modules).toEqual([
      { name: 'milli-device', revision: '2026-11-26', namespace: 'urn:milli:yang:milli-device' },
    ]);
  });

  it('picks the candidate driver for a device with a candidate, the running-only one for a device without', () => {
    const registry = defaultDriverRegistry();
    const withCandidate = registry.create(context('roadm', hello([CANDIDATE, WRITABLE_RUNNING], ['milli-device', 'milli-roadm'])));
    expect(withCandidate.plugin).toBe('milli-candidate');
    const runningOnly = registry.create(context('roadm', hello([WRITABLE_RUNNING], ['milli-device', 'milli-roadm'])));
    expect(runningOnly.plugin).toBe('milli-running-only');
  });

  it('gives a driver the verbs of the layers its device announced', () => {
    const driver = defaultDriverRegistry().create(context('otn', hello([CANDIDATE], ['milli-device', 'milli-otn', 'milli-osu'])));
    expect(driver.otn).toBeDefined();
    expect(driver.osu).toBeDefined();
    expect(driver.roadm).toBeUndefined();
  });

  it('matches on module revisions: a plugin written for a newer milli-roadm revision outranks the built-in one there only', () => {
    const next: DriverPlugin = {
      name: 'milli-roadm-2027',
      kinds: ['roadm'],
      match: (h) => (h.modules.some((m) => m.name === 'milli-roadm' && m.revision === '2027-06-01') ? 8 : undefined),
      create: (ctx) => new MilliDriver(ctx, 'milli-roadm-2027', 'candidate'),
    };
    const registry = defaultDriverRegistry().register(next);
    const newer = hello([CANDIDATE], ['milli-device']);
    const cap = 'urn:milli:yang:milli-roadm?module=milli-roadm&revision=2027-06-01';
    newer.capabilities.push(cap);
    newer.modules.push(...modulesFromCapabilities([cap]));
    expect(registry.create(context('roadm', newer)).plugin).toBe('milli-roadm-2027');
    expect(registry.create(context('roadm', hello([CANDIDATE], ['milli-device', 'milli-roadm']))).plugin).toBe('milli-candidate');
    // without the newer plugin, the built-in driver still takes the device
    expect(defaultDriverRegistry().create(context('roadm', newer)).plugin).toBe('milli-candidate');
  });

  it('a device announcing a milli module before its index (milli-roadm, milli-osu or milli-otn 2026-11-26) is still tried, but ranked as unknown', () => {
    const before = { ...MILLI_REVISIONS, 'milli-roadm': '2026-11-26', 'milli-osu': '2026-11-26', 'milli-otn': '2026-11-26' };
    expect(milliModuleScore(hello([CANDIDATE], ['milli-device', 'milli-roadm']), 'roadm')).toBe(10);
    expect(milliModuleScore(hello([CANDIDATE], ['milli-device', 'milli-roadm'], before), 'roadm')).toBe(5);
    expect(milliModuleScore(hello([CANDIDATE], ['milli-device', 'milli-osu'], before), 'osu')).toBe(5);
    expect(milliModuleScore(hello([CANDIDATE], ['milli-device', 'milli-otn']), 'otn')).toBe(10);
    expect(milliModuleScore(hello([CANDIDATE], ['milli-device', 'milli-otn'], before), 'otn')).toBe(5);
  });

  it('no fitting driver is DRIVER_NOT_FOUND naming the device, kind and announced modules', () => {
    let error: unknown;
    try {
      defaultDriverRegistry().resolve('x-roadm', 'roadm', hello([CANDIDATE], ['milli-device']));
    } catch (e) {
      error = e;
    }
    expect(isMilliError(error, 'DRIVER_NOT_FOUND')).toBe(true);
    expect((error as { context: Record<string, unknown> }).context).toMatchObject({
      device: 'x-roadm',
      kind: 'roadm',
      tried: ['milli-candidate', 'milli-running-only'],
    });
  });

  it('a vendor plugin is one container module; it outranks the generic driver for its model only', () => {
    const acme: DriverPlugin = {
      name: 'acme-roadm',
      kinds: ['roadm'],
      match: (h) => (h.vendor === 'acme' && h.modules.some((m) => m.name === 'acme-wss') ? 100 : undefined),
      create: (ctx) => new MilliDriver(ctx, 'acme-roadm', 'candidate'),
    };
    const registry = defaultDriverRegistry().load(driverPluginModule(acme));
    const acmeHello = { ...hello([CANDIDATE], ['milli-device', 'milli-roadm', 'acme-wss']), vendor: 'acme' };
    expect(registry.create(context('roadm', acmeHello)).plugin).toBe('acme-roadm');
    expect(registry.create(context('roadm', hello([CANDIDATE], ['milli-device', 'milli-roadm']))).plugin).toBe('milli-candidate');
    // keyed by kind: the roadm-only plugin is not offered for OTN devices
    expect(registry.plugins('otn').map((p) => p.name)).not.toContain('acme-roadm');
    expect(new DriverRegistry().plugins('roadm')).toEqual([]);
  });
});
