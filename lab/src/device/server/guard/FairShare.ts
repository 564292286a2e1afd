/** How fast past work is forgotten: usage is an exponentially decaying sum with this time constant. */
const TAU_MS = 1000;
/** How long a device over its share waits before it looks again whether another device still wants the host. */
const WAIT_STEP_MS = 10;

/**
 * One thread of the lab host (each device thread has its own FairShare), shared fairly between its devices. Each device's request work (parsing, handling,
 * printing) is charged to it as a decaying sum of busy milliseconds per second; a device that has used more than
 * `maxShare` of the host lately waits before its next request while a device that used less has requests waiting
 * (told by `want` and `served`), so a client that keeps one device chewing on its largest allowed requests slows
 * that device, not the lab. The host is never left idle for fairness' sake: a device over its share goes on as soon
 * as nobody less busy is waiting (a lab DC switch whose one large validation of a move round used its share ran its
 * next small requests after waits of a second or more, with the host idle, while the devices it was waiting for had
 * finished). While a device waits, its sessions read no further requests (SSH flow control pushes back on the client).
 */
export class FairShare {
  private readonly usage = new Map<string, { busyMs: number; at: number }>();
  /** Requests each device has received and not yet answered. */
  private readonly waiting = new Map<string, number>();
  private readonly limitMs: number;

  constructor(
    readonly maxShare = 0.1,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limitMs = maxShare * TAU_MS;
  }

  /** Busy milliseconds per second the device used lately (decayed). */
  busy(device: string): number {
    const entry = this.usage.get(device);
    if (entry === undefined) return 0;
    return entry.busyMs * Math.exp(-(this.now() - entry.at) / TAU_MS);
  }

  charge(device: string, ms: number): void {
    this.usage.set(device, { busyMs: this.busy(device) + ms, at: this.now() });
  }

  /** The device has received a request it will answer (each is `served` once answered or dropped). */
  want(device: string): void {
    this.waiting.set(device, (this.waiting.get(device) ?? 0) + 1);
  }

  served(device: string): void {
    const left = (this.waiting.get(device) ?? 0) - 1;
    if (left > 0) this.waiting.set(device, left);
    else this.waiting.delete(device);
  }

  /** Resolves when the device may do its next piece of work. */
  async turn(device: string): Promise<void> {
    for (;;) {
      const busy = this.busy(device);
      if (busy <= this.limitMs || !this.lessBusyWaiting(device, busy)) return;
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  /**
   * Whether another device that used less of the host lately has requests waiting: it goes first. Among devices all
   * over their share, the least busy goes on, so the host always has someone to run.
   */
  private lessBusyWaiting(device: string, busy: number): boolean {
    for (const [other, count] of this.waiting) if (other !== device && count > 0 && this.busy(other) < busy) return true;
    return false;
  }
}
