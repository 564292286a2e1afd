import { MilliError } from '@milli/core';
import { ChangeSet } from '@milli/drivers';
import type { DeviceChange, DeviceFailure } from '../../installer/NetworkTransaction';
import { ChainedDrivers } from './ChainedDrivers';
import type { GroupJob } from './GroupJob';
import type { RenderedRound, RoundParts, RoundResult } from './runGroupRound';

/**
 * A round being rendered, job after job, as its lines come: the first half of a round (it touches no device but to
 * read it). Each job renders on chained change sets (ChainedDrivers), so it is checked against everything the jobs
 * before it in the round will have written; a job that cannot be rendered fails alone. With `after` (the round
 * before on some of these devices, rendered and on its way to them) those devices are not read: their change sets
 * begin where that round's end, and the lines it releases count as gone; such a round is only sent if that one
 * committed. A round lined up behind one on the network stays open while that one is there: lines arriving for its
 * devices meanwhile join it and render at once, instead of waiting for the round ahead to end to be rendered.
 */
export class RoundDraft {
  private readonly chain: ChainedDrivers;
  private readonly settled: RoundResult['settled'] = new Map();
  private readonly rendered: RenderedRound['rendered'] = [];
  private readonly releasedLines: Set<string>;
  /** The jobs render one after the other, in the order they were added. */
  private rendering: Promise<void> = Promise.resolve();

  /**
   * `deferValidation`: the jobs' change sets skip YANG validation as they render; the joined change sets are
   * validated once at `finish` unless the devices validate them themselves (a job alone is always validated here).
   * Off, each job validates as it renders: a round known to hold one line names its YANG problem as its render error.
   */
  constructor(
    private readonly parts: RoundParts,
    private readonly options: { after?: RenderedRound; deferValidation: boolean },
  ) {
    const { after, deferValidation } = options;
    this.chain = new ChainedDrivers(parts.drivers, {
      deferValidation,
      ...(after ? { after: new Map(after.merged.map((c) => [c.device, c.changeSet])) } : {}),
    });
    this.releasedLines = new Set(after?.releasedLines);
  }

  /**
   * Renders these jobs after those added before, on the devices the round holds now (`locked`): a job that would
   * change any other fails. Devices in `known` hold what its change sets leave (an earlier round of ours left them
   * so): they are not read. With `prefetch`, every other device is read at once.
   */
  add(
    jobs: readonly GroupJob[],
    locked: ReadonlySet<string>,
    options: { known?: readonly DeviceChange[]; prefetch?: boolean } = {},
  ): Promise<void> {
    this.chain.know(options.known ?? []);
    if (options.prefetch ?? true) this.chain.prefetch(locked);
    const held = new Set(locked);
    this.rendering = this.rendering.then(async () => {
      for (const job of jobs) await this.renderOne(job, held);
    });
    return this.rendering;
  }

  /** Once every job added is rendered: the round as it goes to the network. */
  async finish(): Promise<RenderedRound> {
    await this.rendering;
    const { rendered, settled, releasedLines } = this;
    const merged = mergeByDevice(rendered.map((r) => r.part.changes));
    const validate = this.options.deferValidation && rendered.length > 0 && (rendered.length === 1 || !this.parts.devicesValidate);
    return { settled, rendered, merged, refused: validate ? validateJoined(merged) : [], releasedLines };
  }

  private async renderOne(job: GroupJob, locked: ReadonlySet<string>): Promise<void> {
    try {
      const part = await job.render(this.chain.view(), { releasedLines: this.releasedLines });
      const outside = part.changes.filter((c) => !locked.has(c.device)).map((c) => c.device);
      if (outside.length > 0) {
        throw new MilliError('INTERNAL', `line ${job.line} would change ${outside.join(', ')}, which its round does not hold`, {
          line: job.line,
          devices: outside,
        });
      }
      this.chain.accept(part.changes);
      this.rendered.push({ job, part, devices: part.changes.map((c) => c.device) });
      if (job.releases) this.releasedLines.add(job.releases);
    } catch (error) {
      this.settled.set(job, { error });
    }
  }
}

/** One change per device: every job's change set for it, joined in the order the jobs rendered. */
function mergeByDevice(parts: DeviceChange[][]): DeviceChange[] {
  const byDevice = new Map<string, DeviceChange[]>();
  for (const changes of parts) for (const c of changes) byDevice.set(c.device, [...(byDevice.get(c.device) ?? []), c]);
  return [...byDevice].map(([device, changes]) => ({
    device,
    changeSet: ChangeSet.joined(changes.map((c) => c.changeSet)),
    applier: changes[0]!.applier,
  }));
}

/** Each device's joined change set YANG-validated once (every job's edits, every module they change); who refused. */
function validateJoined(merged: readonly DeviceChange[]): DeviceFailure[] {
  const failures: DeviceFailure[] = [];
  for (const { device, changeSet } of merged) {
    if (!changeSet.hasSchema) continue;
    try {
      changeSet.validate();
    } catch (error) {
      failures.push({ device, error: error as Error });
    }
  }
  return failures;
}
