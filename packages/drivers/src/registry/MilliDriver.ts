import type { DeviceKind } from '@milli/topology';
import { CandidateApplier } from '../changeset/CandidateApplier';
import { ChangeSet } from '../changeset/ChangeSet';
import { JoinedGets } from '../changeset/JoinedGets';
import type { DeviceSchema } from '../changeset/DeviceSchema';
import { rpcError, transportError } from '../changeset/rpcStep';
import { RunningApplier } from '../changeset/RunningApplier';
import type { ChangeSetApplier, StepRecorder } from '../contract/applier';
import type { DeviceDriver } from '../contract/DeviceDriver';
import type { DeviceInventory } from '../contract/inventory';
import type { NetconfOps } from '../contract/netconf';
import type { OsuVerbs } from '../contract/osu';
import type { OtnVerbs } from '../contract/otn';
import type { RoadmVerbs } from '../contract/roadm';
import { NetconfDeviceInventory } from '../builtin/inventory/NetconfDeviceInventory';
import { OtnDriverVerbs } from '../builtin/otn/OtnDriverVerbs';
import { OsuDriverVerbs } from '../builtin/osu/OsuDriverVerbs';
import { RoadmDriverVerbs } from '../builtin/roadm/RoadmDriverVerbs';
import type { DriverContext } from './DriverPlugin';

export type ApplyMode = 'candidate' | 'running';

/**
 * A driver for devices speaking the milli modules: verbs per layer the device announced (milli-roadm,
 * milli-otn, milli-osu), inventory from milli-device, change sets on its running config. Plugins differ in how
 * change sets are applied (candidate with confirmed commit, or running with an inverse).
 */
export class MilliDriver implements DeviceDriver {
  readonly device: string;
  readonly kind: DeviceKind;
  readonly inventory: DeviceInventory;
  readonly roadm?: RoadmVerbs;
  readonly otn?: OtnVerbs;
  readonly osu?: OsuVerbs;
  private readonly netconf: NetconfOps;
  private readonly schema: DeviceSchema;

  constructor(
    context: DriverContext,
    readonly plugin: string,
    private readonly mode: ApplyMode,
  ) {
    this.device = context.device;
    this.kind = context.kind;
    this.netconf = context.netconf;
    this.schema = context.schema;
    this.inventory = new NetconfDeviceInventory(this.device, this.kind, this.netconf);
    const has = (name: string) => context.hello.modules.some((m) => m.name === name);
    // The verbs' reads asked for together (a read-back of a switch's ODUs and OSUs) reach the device as one get.
    const reads = new JoinedGets(this.netconf);
    if (has('milli-roadm')) this.roadm = new RoadmDriverVerbs(this.device, reads);
    if (has('milli-otn')) this.otn = new OtnDriverVerbs(this.device, reads);
    if (has('milli-osu')) this.osu = new OsuDriverVerbs(this.device, reads);
  }

  async beginChangeSet(): Promise<ChangeSet> {
    const reply = await this.netconf.getConfig('running').catch((error: unknown) => {
      throw transportError(this.device, 'get-config', error);
    });
    if (!reply.ok) throw rpcError(this.device, reply);
    const base = this.schema.readConfig(reply.data ?? '', this.device);
    return new ChangeSet({ device: this.device, base, namespaces: this.schema.namespaces, schema: this.schema });
  }

  applier(record?: StepRecorder): ChangeSetApplier {
    return this.mode === 'candidate'
      ? new CandidateApplier(this.device, this.netconf, record)
      : new RunningApplier(this.device, this.netconf, record);
  }
}
