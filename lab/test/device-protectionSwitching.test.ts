import type { Device, Fibre } from '@milli/topology';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceConfigSummary, ProtectionGroupConfig } from '../src/device/model/configSummary';
import { Physics } from '../src/device/model/Physics';
import { ProtectionSwitching } from '../src/device/model/ProtectionSwitching';

// One OTN device, tail end of a 1+1 ODU group: the working line ODU on line-1, the protection one on line-2.
const device: Device = {
  id: 'T-otn',
  site: 'T',
  kind: 'otn',
  ports: [
    { id: 'line-1', kind: 'line', rate: 'OTU4' },
    { id: 'line-2', kind: 'line', rate: 'OTU4' },
  ],
  management: { address: '127.0.0.1' },
};
const fibre = (id: string, port: string): Fibre => ({
  id,
  a: { device: 'T-otn', port },
  b: { device: `far-${id}`, port: 'x' },
  lengthKm: 1,
  srlgs: [],
});
const FIBRES = [fibre('F-W', 'line-1'), fibre('F-P', 'line-2')];

function configWith(group: Partial<ProtectionGroupConfig>): DeviceConfigSummary {
  return {
    mediaChannels: [],
    odus: [
      { name: 'w', port: 'line-1', slots: ['1'] },
      { name: 'p', port: 'line-2', slots: ['1'] },
    ],
    oduCrossConnects: [],
    osuConnections: [],
    osuCrossConnects: [],
    oduGroups: [{ name: 'g', workingOdu: 'w', protectionOdu: 'p', revertive: true, holdOffMs: 0, waitToRestoreS: 300, ...group }],
    osuGroups: [],
  };
}

let physics: Physics;
let sent: string[];
let switching: ProtectionSwitching;
beforeEach(() => {
  vi.useFakeTimers();
  physics = new Physics(device, FIBRES);
  sent = [];
  switching = new ProtectionSwitching(physics, { now: () => Date.now(), setTimeout: () => ({ cancel: () => {} }) }, (xml) =>
    sent.push(xml),
  );
});
afterEach(() => {
  switching.dispose();
  vi.useRealTimers();
});

const selected = () => switching.selectedLegs().get('g');
const cut = (id: string) => {
  physics.cutFibre(id);
  switching.evaluate();
};
const restore = (id: string) => {
  physics.restoreFibre(id);
  switching.evaluate();
};

describe('1+1 protection switching at the tail end', () => {
  it('switches at once without hold-off, says so, and reports the leg through the physics the state reads', () => {
    switching.configure(configWith({}));
    cut('F-W');
    expect(selected()).toBe('protection');
    expect(physics.selectedLeg('odu:g')).toBe('protection');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      /<protection-switched .*<group>g<\/group><layer>odu<\/layer><selected-leg>protection<\/selected-leg><reason>signal-fail<\/reason>/,
    );
  });

  it('waits the hold-off time, and does not switch for a failure that ends before it', () => {
    switching.configure(configWith({ holdOffMs: 500 }));
    cut('F-W');
    vi.advanceTimersByTime(499);
    expect(selected()).toBe('working');
    restore('F-W');
    vi.advanceTimersByTime(1000);
    expect(selected()).toBe('working');
    expect(sent).toEqual([]);
    cut('F-W');
    vi.advanceTimersByTime(500);
    expect(selected()).toBe('protection');
  });

  it('reverts after wait-to-restore when revertive, and not when the working leg fails again meanwhile', () => {
    switching.configure(configWith({ waitToRestoreS: 60 }));
    cut('F-W');
    restore('F-W');
    vi.advanceTimersByTime(30_000);
    cut('F-W');
    restore('F-W');
    vi.advanceTimersByTime(59_000);
    expect(selected()).toBe('protection');
    vi.advanceTimersByTime(1_000);
    expect(selected()).toBe('working');
    expect(sent.at(-1)).toMatch(/<selected-leg>working<\/selected-leg><reason>wait-to-restore<\/reason>/);
  });

  it('stays on protection when not revertive, and goes back at once if protection fails while working is good', () => {
    switching.configure(configWith({ revertive: false, waitToRestoreS: 1 }));
    cut('F-W');
    restore('F-W');
    vi.advanceTimersByTime(10_000);
    expect(selected()).toBe('protection');
    cut('F-P');
    expect(selected()).toBe('working');
    expect(sent.at(-1)).toMatch(/<selected-leg>working<\/selected-leg><reason>signal-fail<\/reason>/);
  });

  it('does not switch to a leg that has no signal either', () => {
    switching.configure(configWith({}));
    cut('F-P');
    cut('F-W');
    expect(selected()).toBe('working');
    expect(sent).toEqual([]);
  });
});
