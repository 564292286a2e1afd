import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockDevice } from '@milli/lab';
import type { XmlElement } from '@milli/netconf-client';
import type { Device, Fibre } from '@milli/topology';

// One lab ROADM for third-party clients: a password user (lab) and a public-key user (ops, key made by ssh-keygen).

const ROOT = join(import.meta.dirname, '..', '..');
export const ROADM_NS = 'urn:milli:yang:milli-roadm';
export const INTEROP_PASSWORD = 'lab-secret';
/** The fibre on deg-1, for cut and restore. */
export const INTEROP_FIBRE = 'F-9';

const device: Device = {
  id: 'NC2-1-roadm',
  site: 'NC2-1',
  kind: 'roadm',
  ports: [
    { id: 'deg-1', kind: 'degree' },
    { id: 'deg-2', kind: 'degree' },
    { id: 'ad-1', kind: 'add-drop', group: 'ad-a' },
  ],
  management: { address: '127.0.0.1' },
};
const fibres: Fibre[] = [
  { id: INTEROP_FIBRE, a: { device: 'NC2-1-roadm', port: 'deg-1' }, b: { device: 'NC2-2-roadm', port: 'deg-1' }, lengthKm: 30, srlgs: [] },
];

export interface InteropDevice {
  mock: MockDevice;
  port: number;
  /** ops's key pair: `${dir}/ops_key` and `${dir}/ops_key.pub`. */
  publicKey: string;
  privateKey: string;
}

/** Starts the device on a random loopback port with its state under `dir`. */
export async function startInteropDevice(dir: string): Promise<InteropDevice> {
  const privateKey = join(dir, 'ops_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ops', '-f', privateKey]);
  const mock = new MockDevice({
    device,
    fibres,
    yangDir: join(ROOT, 'yang'),
    stateDir: join(dir, 'state'),
    users: [
      { username: 'lab', password: INTEROP_PASSWORD },
      { username: 'ops', publicKeys: [readFileSync(`${privateKey}.pub`, 'utf8')] },
    ],
    onCrash: () => {},
  });
  const { port } = await mock.listen('127.0.0.1', 0);
  return { mock, port, publicKey: `${privateKey}.pub`, privateKey };
}

/**
 * A media channel `mc-N` on channel 10+N (two channels cannot share a number on the same ports), with the entries of
 * its two ends in milli-roadm's index of channel uses, which the module requires of every media channel.
 */
export function mediaChannel(name: string, power: string): string {
  const channel = 10 + Number(name.slice(3));
  const use = (port: string) =>
    `<channel-use><port>${port}</port><channel>${channel}</channel><media-channel>${name}</media-channel></channel-use>`;
  return `<roadm xmlns="${ROADM_NS}"><media-channels><media-channel><name>${name}</name><channel>${channel}</channel><from>deg-1</from><to>deg-2</to><target-power-dbm>${power}</target-power-dbm></media-channel></media-channels><channel-uses>${use('deg-1')}${use('deg-2')}</channel-uses></roadm>`;
}

/** The element at a path of local names under `el`. */
export function elementAt(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const name of path) at = at?.children.find((c) => c.local === name);
  return at;
}

export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  return elementAt(el, ...path)?.text.trim();
}

/** The sorted names of the media channels under a `<data>`. */
export function channelNames(data: XmlElement | undefined): (string | undefined)[] {
  return (elementAt(data, 'roadm', 'media-channels')?.children ?? []).map((mc) => textAt(mc, 'name')).sort();
}
