/**
 * What a line is told of its faults, level-based: only the latest list matters. Two things made a cut of a few
 * hundred lines spend most of the controller's time reading lines and intents from the store for nothing:
 * - A restoration holds its line's queue for seconds while the alarm passes of the cut go on telling every line on
 *   the fibre what stands on it; queued one per pass, those calls piled up (dozens per line). Here at most one call
 *   waits per line: a later list replaces the waiting one's, and every caller is answered when that call has run.
 * - Every pass tells the lines its alarms touched, and a cut's alarms touch every line that crossed the fibre, the
 *   ones already restored elsewhere too. A line whose last call said it would do nothing if told the same again
 *   (`quiet`: left `active` with nothing standing on its path, or `degraded` with no path while the same fibres are
 *   failed) and that has had no transition since is answered at once when told the same list again: the call would
 *   read the same line and find the same nothing. (A cut's thousand alarm passes each read the lines with no path.)
 */
export class PendingLineFaults {
  private readonly waiting = new Map<string, { faults: string[]; key: string; done: Promise<void> }>();
  /** Per line: the list its last call found nothing in, while no transition of the line has come since. */
  private readonly quiet = new Map<string, string>();
  /** Per line: transitions seen, so a call knows whether its answer still holds when it ends. */
  private readonly generation = new Map<string, number>();

  /**
   * Queues `tell` for the line (through `enqueue`, the line's queue) with the latest faults, unless a call for it is
   * queued and not yet started (that call takes these faults instead) or the line is quiet with these very faults.
   * `key` is what the call is told in full (the faults and whatever else its answer depends on); `tell` resolves true
   * when the line is left quiet. Resolves once the call has run.
   */
  tell(
    line: string,
    faults: string[],
    key: string,
    enqueue: (job: () => Promise<void>) => void,
    tell: (faults: string[]) => Promise<boolean>,
  ): Promise<void> {
    const queued = this.waiting.get(line);
    if (queued) {
      queued.faults = faults;
      queued.key = key;
      return queued.done;
    }
    if (this.quiet.get(line) === key) return Promise.resolve();
    const entry = { faults, key, done: Promise.resolve() };
    entry.done = new Promise<void>((resolve, reject) => {
      enqueue(async () => {
        // Started: a list arriving from now on is news to this call, so it queues a call of its own.
        this.waiting.delete(line);
        const before = this.generation.get(line) ?? 0;
        const told = entry.key;
        try {
          const quiet = await tell(entry.faults);
          if (quiet && (this.generation.get(line) ?? 0) === before) this.quiet.set(line, told);
          else this.quiet.delete(line);
          resolve();
        } catch (error) {
          this.quiet.delete(line);
          reject(error);
        }
      });
    });
    this.waiting.set(line, entry);
    return entry.done;
  }

  /** A transition of the line: what it was last told may mean something else now. */
  changed(line: string): void {
    this.generation.set(line, (this.generation.get(line) ?? 0) + 1);
    this.quiet.delete(line);
  }
}
