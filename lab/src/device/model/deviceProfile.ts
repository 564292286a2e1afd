import type { Device } from '@milli/topology';
import type { DataTree } from '@milli/yang-ts';

/**
 * What a device's kind and model decide. Modules by kind: roadm/oxc speak milli-device + milli-roadm; otn
 * speaks milli-device + milli-otn + milli-osu; osu speaks milli-device + milli-osu (+ milli-otn, which milli-osu's
 * ODU references need implemented); all add milli-lab (the fault RPCs), ietf-netconf (edit operations) and the
 * modules that describe what the device does as a NETCONF server, so that a client can learn it and load its
 * schemas: ietf-netconf-monitoring (RFC 6022: state and get-schema), ietf-netconf-notifications (RFC 6470: the
 * netconf-config-change it sends) and notifications (RFC 5277: create-subscription, as Debian ships it in YANG).
 *
 * Model convention: a `model` string containing `running-only` makes a device without a candidate datastore
 * (writable-running, no candidate or confirmed-commit capabilities), as older equipment is.
 */
export interface DeviceProfile {
  /** Module names, in load order. */
  modules: string[];
  /** The ietf-netconf features this device supports (its YANG library says so). */
  netconfFeatures: string[];
  hasCandidate: boolean;
  vendor: string;
  model: string;
}

const KIND_MODULES: Record<Device['kind'], string[]> = {
  roadm: ['milli-device', 'milli-roadm'],
  oxc: ['milli-device', 'milli-roadm'],
  otn: ['milli-device', 'milli-otn', 'milli-osu'],
  osu: ['milli-device', 'milli-otn', 'milli-osu'],
};

const SERVER_MODULES = ['ietf-netconf', 'ietf-netconf-monitoring', 'ietf-netconf-notifications', 'notifications'];

export const RUNNING_ONLY_MARK = 'running-only';

export function deviceProfile(device: Device): DeviceProfile {
  const model = device.model ?? `milli-lab-${device.kind}`;
  const hasCandidate = !model.includes(RUNNING_ONLY_MARK);
  const common = ['rollback-on-error', 'validate', 'startup', 'xpath'];
  return {
    modules: [...SERVER_MODULES, ...KIND_MODULES[device.kind], 'milli-lab'],
    netconfFeatures: hasCandidate ? ['candidate', 'confirmed-commit', ...common] : ['writable-running', ...common],
    hasCandidate,
    vendor: 'milli-lab',
    model,
  };
}

const DEVICE = '/milli-device:device/ports/port';

/**
 * The configuration a device boots with when it has no startup file: its ports from the topology, and on a
 * ROADM its degrees (one per degree port, numbered in order) and add/drop groups (from the ports' `group`);
 * on an OTN switch or OSU device one line-port entry per line port.
 */
export function writeInitialConfig(tree: DataTree, device: Device): void {
  for (const port of device.ports) {
    const at = `${DEVICE}[name='${port.id}']`;
    tree.newPath(`${at}/kind`, port.kind);
    if (port.rate && (port.kind === 'line' || port.kind === 'client')) tree.newPath(`${at}/rate`, port.rate);
    if (port.osu) tree.newPath(`${at}/osu-capable`, 'true');
  }
  if (device.kind === 'roadm' || device.kind === 'oxc') {
    const degrees = device.ports.filter((p) => p.kind === 'degree').slice(0, 32);
    degrees.forEach((p, i) => {
      tree.newPath(`/milli-roadm:roadm/degrees/degree[id='${i + 1}']/port`, p.id);
    });
    for (const p of device.ports.filter((x) => x.kind === 'add-drop')) {
      tree.newPath(`/milli-roadm:roadm/add-drop-groups/group[id='${p.group ?? 'ad'}']/port[.='${p.id}']`);
    }
  } else {
    for (const p of device.ports.filter((x) => x.kind === 'line')) tree.newPath(`/milli-otn:otn/line-ports/line-port[port='${p.id}']`);
  }
}
