import type { Logger } from '@milli/core';

/**
 * A warning that a flood would repeat thousands of times a second: the first is logged, then at most one per
 * interval, carrying how many were held back. The log stays readable and its size bounded.
 */
export class RateLimitedLog {
  private lastAt = Number.NEGATIVE_INFINITY;
  private held = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly intervalMs = 10_000,
  ) {}

  warn(fields: Record<string, unknown>): void {
    const now = Date.now();
    if (now - this.lastAt < this.intervalMs) {
      this.held++;
      return;
    }
    this.logger.warn({ ...fields, ...(this.held > 0 ? { alsoSinceLast: this.held } : {}) }, this.message);
    this.lastAt = now;
    this.held = 0;
  }
}
