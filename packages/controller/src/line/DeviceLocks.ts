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

  /** A place at the end of the device's line: `turn` resolves once everyone before it has released the device. */
  private queue(device: string): { turn: Promise<void>; release: () => void } {
    const previous = this.tails.get(device) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(device, tail);
    return {
      turn: previous,
      release: () => {
        release();
        if (this.tails.get(device) === tail) this.tails.delete(device);
      },
    };
  }
}
