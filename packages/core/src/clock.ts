/** Time as an injectable dependency, so the scheduler, confirmed-commit timers and tests agree on "now". */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * A clock moved by hand, for tests and simulations: timers fire, in time order, only when `advance` passes them
 * (a timer already due fires on the next microtask, as a real one would).
 */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.current + Math.max(0, ms), seq: ++this.seq, fn };
    this.timers.push(timer);
    if (ms <= 0) queueMicrotask(() => this.fireDue());
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  advance(ms: number): void {
    this.current += ms;
    this.fireDue();
  }

  /** Timers not yet fired. */
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
