import type { Clock } from '@milli/core';

/** A clock tests move by hand: timers fire, in time order, only when `advance` passes them. */
export class FakeClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.current + Math.max(0, ms), seq: ++this.seq, fn };
    this.timers.push(timer);
    // A due timer still fires asynchronously, as a real one would.
    if (ms <= 0) queueMicrotask(() => this.fireDue());
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  advance(ms: number): void {
    this.current += ms;
    this.fireDue();
  }

  get pending(): number {
    return this.timers.length;
  }

  private fireDue(): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      this.timers = this.timers.filter((t) => t !== due);
      due.fn();
    }
  }
}
