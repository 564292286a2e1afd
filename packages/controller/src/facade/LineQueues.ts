import type { Logger } from '@milli/core';

/**
 * Work in order per line, lines in parallel: every job for one line (compile, provision, tear down, a scheduled
 * start) runs after the previous one finished. `idle()` resolves when nothing is queued anywhere.
 */
export class LineQueues {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly log: Logger) {}

  enqueue(key: string, job: () => Promise<void>): void {
    this.pending++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(job)
      .catch((error: unknown) => this.log.error({ err: error, line: key }, 'a queued job failed'))
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        if (--this.pending === 0) for (const w of this.waiters.splice(0)) w();
      });
    this.tails.set(key, next);
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
