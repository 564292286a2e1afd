/**
 * One transaction at a time per device: a NETCONF lock belongs to a session, and every transaction of this process
 * shares the pool's one session per device, so the device's own lock cannot keep two of ours apart. A run takes its
 * place in every device's line at once (one synchronous step), then waits until it is first in all of them: two runs
 * over overlapping devices are in the same order on every device they share, so they never wait on each other in a
 * cycle. Taking the devices one after another instead let a round of moves over forty devices be overtaken on the
 * ones it had not reached yet, pass after pass, by the reconciler walking every device one at a time.
 */
export class DeviceLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly takes = new Map<string, number>();

  async run<T>(devices: string[], work: () => Promise<T>): Promise<T> {
    const places = [...new Set(devices)].sort().map((device) => this.queue(device));
    try {
      await Promise.all(places.map((p) => p.turn));
      return await work();
    } finally {
      for (const place of places) place.release();
    }
  }

  /** Whether a transaction holds the device or waits for it now. */
  busy(device: string): boolean {
    return this.tails.has(device);
  }

  /**
   * How many times the device was taken so far: a caller that saw N while nothing else could come between and finds
   * N + 1 once it holds the device knows nobody held it in between.
   */
  taken(device: string): number {
    return this.takes.get(device) ?? 0;
  }

  /**
   * A place at the end of the device's line: `turn` resolves once everyone before it has released the device (the
   * device is then taken, and counted).
   */
  private queue(device: string): { turn: Promise<void>; release: () => void } {
    const previous = this.tails.get(device) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(device, tail);
    return {
      turn: previous.then(() => {
        this.takes.set(device, this.taken(device) + 1);
      }),
      release: () => {
        release();
        if (this.tails.get(device) === tail) this.tails.delete(device);
      },
    };
  }
}
