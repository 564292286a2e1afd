/**
 * Bytes of requests held in memory (being received, or read and waiting for their answer), for one device or a
 * whole lab. Sessions add and remove what they hold; while the budget is used up they stop reading, and SSH flow
 * control holds their clients back until held bytes are answered and given back. A session stuck with a partial
 * message is closed by its frame timeout, so nothing holds the budget forever.
 */
export class MemoryBudget {
  private used = 0;
  private readonly watchers = new Set<() => void>();

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {}

  get exhausted(): boolean {
    return this.used >= this.limit;
  }

  get inUse(): number {
    return this.used;
  }

  adjust(delta: number): void {
    const wasExhausted = this.exhausted;
    this.used = Math.max(0, this.used + delta);
    // Everyone hears of both edges: all sessions stop at once (not each after one more packet), and restart.
    if (wasExhausted !== this.exhausted) for (const watcher of [...this.watchers]) watcher();
  }

  /** Calls `onChange` whenever the budget becomes used up or stops being so; returns how to stop watching. */
  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }
}
