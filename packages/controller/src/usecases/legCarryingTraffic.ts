import type { ControllerCore } from '../facade/ControllerCore';
import type { ReservedLine } from '../installer/plan/ReservedLine';
import type { SelectedLegReading } from '../installer/readSelectedLegs';
import type { StoredLine } from '../store/ControllerStore';

/** Which leg of a 1+1 line carries the traffic, and how that was learned. */
export interface TrafficLeg {
  /** The role (in the line's plan) of the leg the traffic rides; undefined when nothing tells. */
  role?: 'working' | 'protection';
  /** `devices`: the protection groups' selected leg; `fibres`: inferred (the one leg no failed fibre crosses). */
  source: 'devices' | 'fibres';
  /** What the devices said, or why the leg was inferred: for the transition that records it. */
  note: string;
}

/**
 * The leg of a 1+1 line that carries the traffic, as the devices say: every protection group of the line (one at each
 * end) is read for the leg it selects (the devices switched on their own within their hold-off time; the group's
 * working leg is the plan's working path). When the groups cannot be read, disagree, or the line has none (a
 * wavelength's two paths), the leg is inferred from the failed fibres (the only leg none of them crosses), and a log
 * line says so.
 */
export async function legCarryingTraffic(
  core: ControllerCore,
  line: StoredLine,
  reserved: ReservedLine,
  failed: ReadonlySet<string>,
): Promise<TrafficLeg> {
  const log = core.log.child({ line: line.id });
  const inferred = (why: string, level: 'info' | 'warn'): TrafficLeg => {
    const intact = reserved.paths.filter((p) => !p.path.fibres.some((f) => failed.has(f)));
    const role = intact.length === 1 ? intact[0]!.role : undefined;
    log[level]({ why, inferred: role ?? 'none' }, 'leg carrying traffic inferred from the failed fibres, not read from the devices');
    return { ...(role ? { role } : {}), source: 'fibres', note: `inferred from the failed fibres: ${why}` };
  };
  if (!core.protection) return inferred('no device access to read the protection groups', 'info');
  let readings: SelectedLegReading[];
  try {
    readings = await core.protection.selectedLegs(line.id, line.installed);
  } catch (error) {
    return inferred(`protection groups unreadable: ${(error as Error).message}`, 'warn');
  }
  if (readings.length === 0) return inferred('the line has no protection group', 'info');
  const unreadable = readings.filter((r) => r.selectedLeg === undefined);
  if (unreadable.length > 0) {
    return inferred(`selected leg unreadable on ${unreadable.map((r) => `${r.device} (${r.unreadable})`).join(', ')}`, 'warn');
  }
  const said = readings.map((r) => `${r.device} ${r.selectedLeg}`).join(', ');
  const legs = new Set(readings.map((r) => r.selectedLeg));
  if (legs.size > 1) return inferred(`the ends select different legs (${said})`, 'warn');
  const role = readings[0]!.selectedLeg!;
  log.info({ selected: role, readings }, 'leg carrying traffic read from the protection groups');
  return { role, source: 'devices', note: `selected leg read from the devices: ${said}` };
}

/**
 * The RESTORE transition's words for a 1+1 line: each leg cut or carrying the traffic (read from the devices, or
 * inferred), and how that was learned. Recorded in the transition, so the store keeps which leg the traffic rode.
 */
export async function describeLegs(
  core: ControllerCore,
  line: StoredLine,
  reserved: ReservedLine,
  failedFibres: string[],
): Promise<string> {
  const failed = new Set(failedFibres);
  const carrying = await legCarryingTraffic(core, line, reserved, failed);
  const legs = reserved.paths.map((p) => {
    if (p.role === carrying.role) return `${p.role} carries traffic`;
    return `${p.role} ${p.path.fibres.some((f) => failed.has(f)) ? 'cut' : 'standby'}`;
  });
  return `${legs.join(', ')} (${carrying.note})`;
}
