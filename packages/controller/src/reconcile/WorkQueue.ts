/**
 * The reconciler's queue of device keys, as controller-runtime keeps one: a key waiting is not added twice (a burst of
 * events for one device costs one pass), a key being worked on that is added again runs once more afterwards (the
 * event may have come after its read), and one key is worked on at a time.
 */
export class WorkQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private readonly dirty = new Set<string>();
  private current: string | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly work: (key: string) => Promise<void>) {}

  add(key: string): void {
    if (this.stopped) return;
    if (key === this.current) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.waiting.push(key);
    this.running ??= this.drain();
  }

  /** Waiting keys, the one in hand excluded. */
  get length(): number {
    return this.waiting.length;
  }

  /** Resolves once nothing is waiting or in hand. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No key is taken after this; the one in hand finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    this.queued.clear();
    this.dirty.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    try {
      for (let key = this.waiting.shift(); key !== undefined; key = this.waiting.shift()) {
        this.queued.delete(key);
        this.current = key;
        try {
          await this.work(key);
        } catch {
          // The worker reports its own failures; the key comes back with its next event or period.
        } finally {
          this.current = undefined;
        }
        if (this.dirty.delete(key)) this.add(key);
      }
    } finally {
      this.running = undefined;
    }
  }
}
