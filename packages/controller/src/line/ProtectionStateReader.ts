import type { SelectedLegReading } from '../installer/readSelectedLegs';

/** Reads the protection-group state of an installed line on its devices (an installer over real devices offers it). */
export interface ProtectionStateReader {
  /** The leg each protection group of the line (`installed`, as the installer recorded it) selects now. */
  selectedLegs(line: string, installed: unknown): Promise<SelectedLegReading[]>;
}

/** Whether an installer can read protection-group state (the multi-layer one can; test doubles need not). */
export function readsProtectionState(installer: object): installer is ProtectionStateReader {
  return typeof (installer as Partial<ProtectionStateReader>).selectedLegs === 'function';
}
