import type { ChangeSet } from '../../changeset/ChangeSet';
import { readState } from '../../changeset/readState';
import type { NetconfReader } from '../../contract/netconf';
import type { OduContainerArgs, OduCrossConnectArgs, OduListing, OduProtectionGroupArgs, OduSelection, OtnVerbs } from '../../contract/otn';
import { selectionFilter } from '../../changeset/selectionFilter';
import {
  createOduContainerEdit,
  createOduCrossConnectEdit,
  createOduProtectionGroupEdit,
  deleteOduContainerEdit,
  deleteOduCrossConnectEdit,
  deleteOduProtectionGroupEdit,
  resizeOduflexEdit,
  tuneLinePortEdit,
  untuneLinePortEdit,
} from './otnEdits';
import { parseOdu } from './parseOdu';
import { addOduEdit } from './slotOwners';

export const OTN_NAMESPACE = 'urn:milli:yang:milli-otn';
const ODU_FILTER = `<otn xmlns="${OTN_NAMESPACE}"><line-ports/><odus/><odu-cross-connects/><protection-groups/></otn>`;

/** The milli-otn verbs: ODU containers in tributary slots and ODU cross-connects. */
export class OtnDriverVerbs implements OtnVerbs {
  constructor(
    private readonly device: string,
    private readonly netconf: NetconfReader,
  ) {}

  createOduContainer(changeSet: ChangeSet, args: OduContainerArgs): string {
    const edit = createOduContainerEdit(this.device, args);
    addOduEdit(changeSet, edit);
    return String(edit.key.name);
  }

  deleteOduContainer(changeSet: ChangeSet, name: string): void {
    addOduEdit(changeSet, deleteOduContainerEdit(this.device, name));
  }

  createOduCrossConnect(changeSet: ChangeSet, args: OduCrossConnectArgs): string {
    const edit = createOduCrossConnectEdit(this.device, args);
    addOduEdit(changeSet, edit);
    return String(edit.key.name);
  }

  deleteOduCrossConnect(changeSet: ChangeSet, name: string): void {
    addOduEdit(changeSet, deleteOduCrossConnectEdit(this.device, name));
  }

  resizeOduflex(changeSet: ChangeSet, name: string, args: { rateKbps: number; tributarySlots?: number[] }): void {
    addOduEdit(changeSet, resizeOduflexEdit(this.device, name, args));
  }

  tuneLinePort(changeSet: ChangeSet, port: string, channel: number): void {
    changeSet.add(tuneLinePortEdit(this.device, port, channel));
  }

  untuneLinePort(changeSet: ChangeSet, port: string): void {
    changeSet.add(untuneLinePortEdit(this.device, port));
  }

  createOduProtectionGroup(changeSet: ChangeSet, args: OduProtectionGroupArgs): string {
    const edit = createOduProtectionGroupEdit(this.device, args);
    addOduEdit(changeSet, edit);
    return String(edit.key.name);
  }

  deleteOduProtectionGroup(changeSet: ChangeSet, name: string): void {
    addOduEdit(changeSet, deleteOduProtectionGroupEdit(this.device, name));
  }

  async listOdu(only?: OduSelection): Promise<OduListing> {
    const filter = only
      ? selectionFilter(OTN_NAMESPACE, 'otn', [
          { container: 'line-ports', entry: 'line-port', key: 'port', names: only.linePorts ?? [] },
          { container: 'odus', entry: 'odu', key: 'name', names: only.containers ?? [] },
          { container: 'odu-cross-connects', entry: 'odu-cross-connect', key: 'name', names: only.crossConnects ?? [] },
          { container: 'protection-groups', entry: 'protection-group', key: 'name', names: only.protectionGroups ?? [] },
        ])
      : ODU_FILTER;
    if (filter === undefined) return { containers: [], crossConnects: [], protectionGroups: [], linePorts: [] };
    return parseOdu(await readState(this.device, this.netconf, filter));
  }
}
