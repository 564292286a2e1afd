import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Device, Fibre } from '@milli/topology';
import { MockDevice, type MockDeviceOptions } from '../../src/device/MockDevice';

export const YANG_DIR = join(import.meta.dirname, '..', '..', '..', 'yang');
export const USER = { username: 'lab', password: 'lab-secret' };

export const roadm: Device = {
  id: 'CORE-1-roadm',
  site: 'CORE-1',
  kind: 'roadm',
  ports: [
    { id: 'deg-1', kind: 'degree' },
    { id: 'deg-2', kind: 'degree' },
    { id: 'ad-1', kind: 'add-drop', group: 'ad-a' },
    { id: 'ad-2', kind: 'add-drop', group: 'ad-a' },
  ],
  management: { address: '127.0.0.1' },
};

export const otn: Device = {
  id: 'AP-1-otn',
  site: 'AP-1',
  kind: 'otn',
  ports: [
    { id: 'line-1', kind: 'line', rate: 'OTU4' },
    { id: 'line-2', kind: 'line', rate: 'OTU4' },
    { id: 'client-1', kind: 'client', rate: '10GE', osu: true },
  ],
  management: { address: '127.0.0.1' },
};

export const fibres: Fibre[] = [
  { id: 'F-1', a: { device: 'CORE-1-roadm', port: 'deg-1' }, b: { device: 'CORE-2-roadm', port: 'deg-1' }, lengthKm: 20, srlgs: [] },
  {
    id: 'F-2',
    a: { device: 'CORE-3-roadm', port: 'deg-2' },
    b: { device: 'CORE-1-roadm', port: 'deg-2' },
    lengthKm: 12.5,
    srlgs: [],
    latencyUs: 70,
  },
  { id: 'F-3', a: { device: 'CORE-1-roadm', port: 'ad-1' }, b: { device: 'CORE-1-otn', port: 'line-1' }, lengthKm: 0.01, srlgs: [] },
  { id: 'F-4', a: { device: 'AP-1-otn', port: 'line-1' }, b: { device: 'AP-2-otn', port: 'line-2' }, lengthKm: 8, srlgs: [] },
];

/** A device on a random 127.0.0.1 port with its own temp state dir; `stop` closes it and removes the dir. */
export async function startDevice(device: Device, extra: Partial<MockDeviceOptions> = {}) {
  const stateDir = extra.stateDir ?? mkdtempSync(join(tmpdir(), 'milli-device-'));
  const mock = new MockDevice({ device, fibres, yangDir: YANG_DIR, stateDir, users: [USER], onCrash: () => {}, ...extra });
  const address = await mock.listen('127.0.0.1', 0);
  return {
    mock,
    ...address,
    stateDir,
    stop: async () => {
      await mock.close();
      if (extra.stateDir === undefined) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
