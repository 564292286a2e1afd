/** How fast past work is forgotten: usage is an exponentially decaying sum with this time constant. */
const TAU_MS = 1000;
/** Another device counts as wanting the host if it did some work this recently. */
const OTHERS_ACTIVE_MS = 500;
const MAX_WAIT_STEP_MS = 200;

/**
 * One thread of the lab host (each device thread has its own FairShare), shared fairly between its devices. Each device's request work (parsing, handling,
 * printing) is charged to it as a decaying sum of busy milliseconds per second; a device that has used more than
 * `maxShare` of the host lately waits before its next request while other devices are active, so a client that
 * keeps one device chewing on its largest allowed requests slows that device, not the lab. A device alone on the
 * host is never held back. While a device waits, its sessions read no further requests (SSH flow control pushes
 * back on the client).
 */
export class FairShare {
  private readonly usage = new Map<string, { busyMs: number; at: number }>();
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

  /** Resolves when the device may do its next piece of work. */
  async turn(device: string): Promise<void> {
    for (;;) {
      const busy = this.busy(device);
      if (busy <= this.limitMs || !this.othersActive(device)) return;
      const untilUnder = TAU_MS * Math.log(busy / this.limitMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_WAIT_STEP_MS, Math.max(5, untilUnder))));
    }
  }

  private othersActive(device: string): boolean {
    const since = this.now() - OTHERS_ACTIVE_MS;
    for (const [other, entry] of this.usage) if (other !== device && entry.at >= since) return true;
    return false;
  }
}
