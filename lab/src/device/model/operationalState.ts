import { createHash } from 'node:crypto';
import type { Device } from '@milli/topology';
import { fibreLatencyUs } from '@milli/topology';
import type { DataNode, DataTree, YangModuleInfo } from '@milli/yang-ts';
import type { DeviceProfile } from './deviceProfile';
import { isoMillis } from './notifications';
import type { Physics } from './Physics';
import type { SignalFailure } from './SignalFailure';
import { addYangLibrary } from '../datastore/yangLibrary';
import { type ConfigRow, configRows } from './configRows';

export interface FaultState {
  rejectNextCommit: string | undefined;
  delayMs: number;
}

export interface StateInputs {
  device: Device;
  profile: DeviceProfile;
  physics: Physics;
  faults: FaultState;
  modules: YangModuleInfo[];
  /**
   * The tree to read the configuration from (the stored running datastore, whose reads are kept while it lives);
   * default the target itself. Both must hold the same configuration.
   */
  config?: DataTree;
  /**
   * The modules whose state the reader will see (a get's subtree filter names them); all when absent. State of other
   * modules is still computed where a wanted one depends on it (an OSU is up when its ODU is), but not written.
   */
  wants?: (module: string) => boolean;
  /**
   * Whether the reader can see the node at a data path (a get's subtree filter selects it or something below it);
   * all when absent. State at paths it cannot see is computed where other state depends on it, but not written.
   */
  reaches?: (path: string) => boolean;
}

/** Where the state builders write state. */
type StateTree = Pick<DataTree, 'newPath'>;

/**
 * Where `module`'s state goes: nowhere when it is not wanted, else the tree, skipping the paths the reader cannot
 * see (a verify reading two OSU connections of hundreds gets the state of those two written).
 */
function writerFor(tree: DataTree, wants: (module: string) => boolean, module: string, reaches?: (path: string) => boolean): StateTree {
  if (!wants(module)) return { newPath: () => {} };
  if (reaches === undefined) return tree;
  return {
    newPath: (path, value, options) => {
      if (reaches(path)) tree.newPath(path, value, options);
    },
  };
}

/** Reads a list of the configuration: `rows(['milli-otn:otn', 'odus', 'odu'], 'name')`. */
type Rows = (path: readonly string[], key: string) => ConfigRow[];

type Status = 'up' | 'down';
const SLOTS: Record<string, number> = { OTU2: 8, OTU4: 80, OTUC4: 320 };
const PORTS = ['milli-device:device', 'ports', 'port'];

/**
 * Adds the device's operational state to `tree` (a copy of running): identity, port oper-status and neighbour,
 * alarms, and the oper-status of every configured connection. Status follows config and physics: a port is up
 * when enabled and lit (a client port without a fibre faces a customer and counts as lit); a degree, media
 * channel, ODU, cross-connect or OSU connection is up only when every port it rides on is up.
 */
export function addOperationalState(target: DataTree, inputs: StateInputs): void {
  const { device, profile, physics, faults } = inputs;
  const wants = inputs.wants ?? (() => true);
  const config = inputs.config ?? target;
  const rows: Rows = (path, key) => configRows(config, path, key);
  const { reaches } = inputs;
  const tree = writerFor(target, wants, 'milli-device', reaches);
  const id = '/milli-device:device/identity';
  tree.newPath(`${id}/id`, device.id);
  tree.newPath(`${id}/kind`, device.kind);
  tree.newPath(`${id}/vendor`, profile.vendor);
  tree.newPath(`${id}/model`, profile.model);
  tree.newPath(`${id}/serial-number`, `ML${createHash('sha256').update(device.id).digest('hex').slice(0, 10).toUpperCase()}`);
  tree.newPath(`${id}/software-version`, '1.0.0');

  const portStatus = new Map<string, Status>();
  const portRate = new Map<string, string>();
  for (const port of rows(PORTS, 'name')) {
    const leaves = port.leaves;
    const name = leaves.get('name') ?? '';
    const lit = physics.hasLight(name) || (leaves.get('kind') === 'client' && physics.neighbour(name) === undefined);
    const status: Status = leaves.get('admin-status') !== 'down' && lit ? 'up' : 'down';
    portStatus.set(name, status);
    const rate = leaves.get('rate');
    if (rate) portRate.set(name, rate);
    const at = port.path;
    tree.newPath(`${at}/oper-status`, status);
    const n = physics.neighbour(name);
    if (n) {
      tree.newPath(`${at}/neighbour/remote-device`, n.remoteDevice);
      tree.newPath(`${at}/neighbour/remote-port`, n.remotePort);
      tree.newPath(`${at}/neighbour/fibre-id`, n.fibre.id);
      tree.newPath(`${at}/neighbour/fibre-length-km`, n.fibre.lengthKm.toFixed(3));
      tree.newPath(`${at}/neighbour/measured-latency-us`, fibreLatencyUs(n.fibre).toFixed(3));
    }
  }
  const all = (...ports: (string | undefined)[]): Status =>
    ports.every((p) => p !== undefined && portStatus.get(p) === 'up') ? 'up' : 'down';

  for (const alarm of physics.standingAlarms()) {
    const at = `/milli-device:device/alarms/alarm[id='${alarm.id}']`;
    tree.newPath(`${at}/resource`, alarm.resource);
    tree.newPath(`${at}/type`, alarm.type);
    tree.newPath(`${at}/severity`, alarm.severity);
    tree.newPath(`${at}/text`, alarm.text);
    if (alarm.probableCause) tree.newPath(`${at}/probable-cause`, alarm.probableCause);
    tree.newPath(`${at}/raised-time`, isoMillis(alarm.time));
  }

  if (profile.modules.includes('milli-roadm') && wants('milli-roadm'))
    addRoadmState(writerFor(target, wants, 'milli-roadm', reaches), rows, all, physics);
  if (profile.modules.includes('milli-otn') && (wants('milli-otn') || wants('milli-osu'))) {
    const oduStatus = addOtnState(writerFor(target, wants, 'milli-otn', reaches), rows, all, portStatus, portRate, physics);
    if (profile.modules.includes('milli-osu') && wants('milli-osu'))
      addOsuState(writerFor(target, wants, 'milli-osu', reaches), rows, all, oduStatus, physics);
  }

  if (wants('milli-lab')) {
    for (const fibre of physics.cutFibres()) target.newPath('/milli-lab:faults/cut-fibre', fibre);
    if (faults.rejectNextCommit !== undefined) {
      target.newPath('/milli-lab:faults/reject-next-commit');
      if (faults.rejectNextCommit) target.newPath('/milli-lab:faults/reject-next-commit/error-message', faults.rejectNextCommit);
    }
    target.newPath('/milli-lab:faults/delay-ms', String(faults.delayMs), { update: true });
  }
  if (wants('ietf-yang-library')) {
    addYangLibrary(target, inputs.modules, profile.hasCandidate ? ['running', 'candidate', 'startup'] : ['running', 'startup']);
  }
}

type AllUp = (...ports: (string | undefined)[]) => Status;

/** Down when a fault elsewhere took the entry's signal away (the lab host's light propagation). */
function unlessLost(status: Status, physics: Physics, kind: SignalFailure['kind'], name: string | undefined): Status {
  return status === 'up' && name !== undefined && physics.signalLost(kind, name) ? 'down' : status;
}

function addRoadmState(tree: StateTree, rows: Rows, all: AllUp, physics: Physics): void {
  for (const degree of rows(['milli-roadm:roadm', 'degrees', 'degree'], 'id')) {
    tree.newPath(`${degree.path}/oper-status`, all(degree.leaves.get('port')));
  }
  const usedOn = new Map<string, string[]>();
  for (const mc of rows(['milli-roadm:roadm', 'media-channels', 'media-channel'], 'name')) {
    const v = mc.leaves;
    tree.newPath(`${mc.path}/oper-status`, unlessLost(all(v.get('from'), v.get('to')), physics, 'media-channel', v.get('name')));
    const channel = v.get('channel') ?? '';
    usedOn.set(channel, [...(usedOn.get(channel) ?? []), v.get('from') ?? '', v.get('to') ?? '']);
  }
  tree.newPath('/milli-roadm:roadm/channel-plan/spacing-ghz', '50');
  tree.newPath('/milli-roadm:roadm/channel-plan/anchor-frequency-ghz', '193100.000');
  for (const [channel, ports] of usedOn) {
    const at = `/milli-roadm:roadm/channel-plan/channel[number='${channel}']`;
    tree.newPath(`${at}/center-frequency-ghz`, `${191300 + 50 * Number(channel)}.000`);
    // State leaf-lists may hold duplicates, so libyang takes their value as an argument, not a predicate.
    for (const port of new Set(ports)) tree.newPath(`${at}/used-on`, port);
  }
}

function addOtnState(
  tree: StateTree,
  rows: Rows,
  all: AllUp,
  portStatus: Map<string, Status>,
  portRate: Map<string, string>,
  physics: Physics,
): Map<string, Status> {
  const oduStatus = new Map<string, Status>();
  const usedSlots = new Map<string, string[]>();
  for (const odu of rows(['milli-otn:otn', 'odus', 'odu'], 'name')) {
    const v = odu.leaves;
    const port = v.get('port');
    const status = unlessLost(all(port), physics, 'odu', v.get('name'));
    oduStatus.set(v.get('name') ?? '', status);
    tree.newPath(`${odu.path}/oper-status`, status);
    if (port) usedSlots.set(port, [...(usedSlots.get(port) ?? []), ...odu.leafList('tributary-slots')]);
  }
  for (const lp of rows(['milli-otn:otn', 'line-ports', 'line-port'], 'port')) {
    const port = lp.leaves.get('port') ?? '';
    tree.newPath(`${lp.path}/oper-status`, portStatus.get(port) === 'up' && lp.leaves.get('admin-status') !== 'down' ? 'up' : 'down');
    const rate = portRate.get(port);
    if (rate) {
      tree.newPath(`${lp.path}/rate`, rate);
      const count = SLOTS[rate];
      if (count) tree.newPath(`${lp.path}/tributary-slot-count`, String(count));
    }
    for (const slot of new Set(usedSlots.get(port) ?? [])) tree.newPath(`${lp.path}/used-tributary-slots`, slot);
  }
  const crossConnects = rows(['milli-otn:otn', 'odu-cross-connects', 'odu-cross-connect'], 'name');
  for (const xc of crossConnects) {
    const v = xc.leaves;
    const up = oduStatus.get(v.get('from') ?? '') === 'up' && oduStatus.get(v.get('to') ?? '') === 'up';
    tree.newPath(`${xc.path}/oper-status`, up ? 'up' : 'down');
  }
  const xcTo = new Map(crossConnects.map((xc) => [xc.leaves.get('name'), xc.leaves.get('to')]));
  for (const group of rows(['milli-otn:otn', 'protection-groups', 'protection-group'], 'name')) {
    const v = group.leaves;
    const working = oduStatus.get(xcTo.get(v.get('cross-connect')) ?? '') === 'up';
    const switched = physics.selectedLeg(`odu:${v.get('name')}`);
    tree.newPath(`${group.path}/selected-leg`, switched ?? selectedLeg(working, oduStatus.get(v.get('protection-odu') ?? '') === 'up'));
  }
  return oduStatus;
}

/**
 * The leg a 1+1 group selects when its switching state is not known (a device without ProtectionSwitching): the
 * working leg while it is good, else a good protection leg. ProtectionSwitching's choice, with hold-off and
 * wait-to-restore, takes precedence.
 */
function selectedLeg(workingUp: boolean, protectionUp: boolean): 'working' | 'protection' {
  return !workingUp && protectionUp ? 'protection' : 'working';
}

function addOsuState(tree: StateTree, rows: Rows, all: AllUp, oduStatus: Map<string, Status>, physics: Physics): void {
  const oduUp = (odu: string | undefined) => odu !== undefined && oduStatus.get(odu) === 'up';
  const connections = rows(['milli-osu:osu', 'connections', 'connection'], 'name');
  for (const conn of connections) {
    const v = conn.leaves;
    const up = all(v.get('client-port')) === 'up' && oduUp(v.get('odu'));
    tree.newPath(`${conn.path}/oper-status`, unlessLost(up ? 'up' : 'down', physics, 'osu-connection', v.get('name')));
  }
  for (const xc of rows(['milli-osu:osu', 'cross-connects', 'cross-connect'], 'name')) {
    const up = oduUp(xc.inner('from').get('odu')) && oduUp(xc.inner('to').get('odu'));
    tree.newPath(`${xc.path}/oper-status`, unlessLost(up ? 'up' : 'down', physics, 'osu-cross-connect', xc.leaves.get('name')));
  }
  const connectionOdu = new Map(connections.map((c) => [c.leaves.get('name'), c.leaves.get('odu')]));
  for (const group of rows(['milli-osu:osu', 'protection-groups', 'protection-group'], 'name')) {
    const working = oduUp(connectionOdu.get(group.leaves.get('connection')));
    const switched = physics.selectedLeg(`osu:${group.leaves.get('name')}`);
    tree.newPath(`${group.path}/selected-leg`, switched ?? selectedLeg(working, oduUp(group.inner('protection').get('odu'))));
  }
}

/** Values of a node's leaf children by name. */
export function leafValues(node: DataNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of node.children()) if (c.kind === 'leaf' && c.value !== undefined) out.set(c.name, c.value);
  return out;
}
