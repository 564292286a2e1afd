/**
 * Lines cut together are re-routed highest SLA tier first: each restoration takes a turn before it computes and
 * reserves, and gives it back once its new path is booked (or none fits). Turns are handed out on the next round of
 * the event loop, so restorations that arrive together (one fibre's alarm reaches every line on it at once) are
 * ordered by rank; installing the new paths still runs concurrently. Computing and reserving have no pause between
 * them, so two lines never book the same resource whatever the order.
 */
export class RestorationTurns {
  private readonly waiting: { rank: number; seq: number; start: () => void }[] = [];
  private busy = false;
  private seq = 0;

  /** Waits for the turn; a higher `rank` goes first among those waiting. Returns the function that gives it back. */
  take(rank: number): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({
        rank,
        seq: this.seq++,
        start: () => {
          let given = false;
          resolve(() => {
            if (given) return;
            given = true;
            this.busy = false;
            this.schedule();
          });
        },
      });
      this.schedule();
    });
  }

  private schedule(): void {
    setImmediate(() => {
      if (this.busy || this.waiting.length === 0) return;
      this.waiting.sort((a, b) => b.rank - a.rank || a.seq - b.seq);
      this.busy = true;
      this.waiting.shift()!.start();
    });
  }
}

/** A line's rank among restorations: higher for a higher SLA tier (5A above 2A); a line without SLA terms goes last. */
export function restorationRank(tier: string | undefined): number {
  return tier ? Number.parseInt(tier, 10) : 0;
}
