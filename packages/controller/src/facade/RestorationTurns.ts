/**
 * Lines cut together are re-routed highest SLA tier first, and never book a resource twice: each restoration hands
 * in its booking (release the broken path in the ledger, compute the new path, reserve it: synchronous work against
 * the one ledger), and the bookings run in batches. A batch takes every booking waiting when it starts, highest rank
 * first (arrival order within a rank), and runs them back to back for up to `sliceMs`; what is left (with whatever
 * arrived meanwhile, sorted in by rank) goes on after one pass of the event loop, so the first moves reach the
 * devices while later paths are still being computed, and I/O is not held up for a whole cut's worth of paths.
 * The previous design gave one line per pass of the event loop, and under a cut of 200 lines the passes, each full
 * of the network's replies, cost more than the paths. Installing the new paths runs concurrently, outside the turns.
 *
 * The moves of one cut go to the devices together: a restoration `enter`s when it starts (before its reads) and
 * leaves once booked, and a booked line waits for `allBooked` before its transaction. Otherwise the first few lines
 * booked make a round of their own that holds the DC devices every other line needs, and the rest, booked a moment
 * later, wait for it (a 13-line round took 2-5 s while 185 booked lines waited behind it).
 */
export class RestorationTurns {
  private readonly waiting: { rank: number; seq: number; run: () => void }[] = [];
  private scheduled = false;
  private seq = 0;
  private entered = 0;
  private waitingForAll: (() => void)[] = [];
  private moves = 0;
  private waitingForMoves: (() => void)[] = [];

  /** `sliceMs`: how long one batch may run before the event loop gets a pass (default 50 ms). */
  constructor(private readonly sliceMs = 50) {}

  /**
   * Runs `booking` in a batch, a higher `rank` before a lower one among those waiting together; resolves with what
   * it returned, or rejects with what it threw (the batch goes on with the others).
   */
  book<T>(rank: number, booking: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        rank,
        seq: this.seq++,
        run: () => {
          try {
            resolve(booking());
          } catch (error) {
            reject(error);
          }
        },
      });
      this.schedule();
    });
  }

  /** A restoration has started; the function returned says it has booked (or given up). Calling it twice is harmless. */
  enter(): () => void {
    this.entered++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.entered === 0) for (const resolve of this.waitingForAll.splice(0)) resolve();
    };
  }

  /** Resolves once no restoration that has entered is still booking (at once when none is). */
  allBooked(): Promise<void> {
    return this.entered === 0 ? Promise.resolve() : new Promise((resolve) => this.waitingForAll.push(resolve));
  }

  /**
   * Counts `move` (a line's whole move: booking, transaction, transition) as in flight until it settles, for
   * `settled`: work that can wait (the reconciler's passes) stays off the devices and the thread meanwhile.
   */
  async moving<T>(move: () => Promise<T>): Promise<T> {
    this.moves++;
    try {
      return await move();
    } finally {
      if (--this.moves === 0) for (const resolve of this.waitingForMoves.splice(0)) resolve();
    }
  }

  /** Resolves once no move is in flight (at once when none is), or after `withinMs` whatever happens. */
  settled(withinMs: number): Promise<void> {
    if (this.moves === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, withinMs);
      this.waitingForMoves.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    const until = performance.now() + this.sliceMs;
    this.waiting.sort((a, b) => b.rank - a.rank || a.seq - b.seq);
    do this.waiting.shift()?.run();
    while (this.waiting.length > 0 && performance.now() < until);
    if (this.waiting.length > 0) this.schedule();
  }
}

/** A line's rank among restorations: higher for a higher SLA tier (5A above 2A); a line without SLA terms goes last. */
export function restorationRank(tier: string | undefined): number {
  return tier ? Number.parseInt(tier, 10) : 0;
}
