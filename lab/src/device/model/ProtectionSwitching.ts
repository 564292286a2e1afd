import type { Clock } from '@milli/core';
import type { DeviceConfigSummary, ProtectionGroupConfig } from './configSummary';
import { protectionSwitchedXml } from './notifications';
import type { Physics } from './Physics';

type Leg = 'working' | 'protection';
type Layer = 'odu' | 'osu';

interface GroupState {
  layer: Layer;
  config: ProtectionGroupConfig;
  selected: Leg;
  holdOff?: NodeJS.Timeout;
  waitToRestore?: NodeJS.Timeout;
}

/**
 * The tail end of every 1+1 group on this device (ITU-T G.808.1, simplified): when the selected leg loses its signal
 * and the other has one, it selects the other once the failure has lasted the hold-off time; a revertive group goes
 * back to the working leg after the working leg has been good for the wait-to-restore time. Each switch is a
 * `protection-switched` notification, and the selected leg is what the device reports (through Physics).
 */
export class ProtectionSwitching {
  private readonly groups = new Map<string, GroupState>();
  private oduPort = new Map<string, string>();

  constructor(
    private readonly physics: Physics,
    private readonly clock: Clock,
    private readonly notify: (eventXml: string) => void,
  ) {}

  /** Takes the groups of a new running configuration; a group that stays keeps its selected leg. */
  configure(config: DeviceConfigSummary): void {
    this.oduPort = new Map(config.odus.map((o) => [o.name, o.port]));
    const wanted = new Map<string, { layer: Layer; config: ProtectionGroupConfig }>();
    for (const g of config.oduGroups) wanted.set(`odu:${g.name}`, { layer: 'odu', config: g });
    for (const g of config.osuGroups) wanted.set(`osu:${g.name}`, { layer: 'osu', config: g });
    for (const [key, state] of this.groups) {
      if (wanted.has(key)) continue;
      this.stopTimers(state);
      this.groups.delete(key);
    }
    for (const [key, w] of wanted) {
      const state = this.groups.get(key);
      if (state) state.config = w.config;
      else this.groups.set(key, { ...w, selected: 'working' });
    }
    this.evaluate();
  }

  /** Re-examines every group after a change of light. */
  evaluate(): void {
    for (const [key, state] of this.groups) this.evaluateGroup(key, state);
  }

  selectedLegs(): Map<string, Leg> {
    return new Map([...this.groups.values()].map((s) => [s.config.name, s.selected]));
  }

  dispose(): void {
    for (const state of this.groups.values()) this.stopTimers(state);
    this.groups.clear();
  }

  private evaluateGroup(key: string, state: GroupState): void {
    const workingUp = this.legUp(state, 'working');
    const protectionUp = this.legUp(state, 'protection');
    const selectedUp = state.selected === 'working' ? workingUp : protectionUp;
    const otherUp = state.selected === 'working' ? protectionUp : workingUp;
    if (!selectedUp && otherUp) {
      clearTimeout(state.waitToRestore);
      state.waitToRestore = undefined;
      if (state.holdOff) return;
      const other: Leg = state.selected === 'working' ? 'protection' : 'working';
      // A failure on the protection leg while it is selected switches back at once: the working leg has the signal.
      if (state.config.holdOffMs === 0 || state.selected === 'protection') this.select(key, state, other, 'signal-fail');
      else {
        state.holdOff = setTimeout(() => {
          state.holdOff = undefined;
          if (this.groups.get(key) !== state) return;
          if (!this.legUp(state, state.selected)) {
            this.select(key, state, other, 'signal-fail');
          }
        }, state.config.holdOffMs);
        state.holdOff.unref();
      }
      return;
    }
    if (selectedUp && state.holdOff) {
      clearTimeout(state.holdOff);
      state.holdOff = undefined;
    }
    if (state.selected === 'protection' && state.config.revertive && workingUp) {
      if (state.waitToRestore) return;
      state.waitToRestore = setTimeout(() => {
        state.waitToRestore = undefined;
        if (this.groups.get(key) === state && this.legUp(state, 'working')) this.select(key, state, 'working', 'wait-to-restore');
      }, state.config.waitToRestoreS * 1000);
      state.waitToRestore.unref();
    } else if (!workingUp && state.waitToRestore) {
      clearTimeout(state.waitToRestore);
      state.waitToRestore = undefined;
    }
  }

  private select(key: string, state: GroupState, leg: Leg, reason: 'signal-fail' | 'wait-to-restore'): void {
    state.selected = leg;
    this.physics.setSelectedLeg(key, leg);
    this.notify(
      protectionSwitchedXml({ group: state.config.name, layer: state.layer, selectedLeg: leg, reason, time: new Date(this.clock.now()) }),
    );
    this.evaluateGroup(key, state);
  }

  /** A leg has its signal when its ODU has, and (OSU groups) its OSU's trail has not failed further away. */
  private legUp(state: GroupState, leg: Leg): boolean {
    const { config } = state;
    const osu = leg === 'working' ? config.workingOsu : config.protectionOsu;
    if (osu && this.physics.signalLost('osu-trail', `${osu.odu}#${osu.osuId}`)) return false;
    return this.oduUp(leg === 'working' ? config.workingOdu : config.protectionOdu);
  }

  /** An ODU has its signal when its port is lit and no fault elsewhere took its frame away. */
  private oduUp(odu: string): boolean {
    const port = this.oduPort.get(odu);
    return (
      port !== undefined &&
      (this.physics.hasLight(port) || this.physics.neighbour(port) === undefined) &&
      !this.physics.signalLost('odu', odu)
    );
  }

  private stopTimers(state: GroupState): void {
    clearTimeout(state.holdOff);
    clearTimeout(state.waitToRestore);
    this.physics.setSelectedLeg(`${state.layer}:${state.config.name}`, undefined);
  }
}
