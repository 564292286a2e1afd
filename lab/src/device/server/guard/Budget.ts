/**
 * A count of something scarce shared by several owners (connections or sessions across every device of a lab):
 * take before use, give back after. A device with no lab around it gets an unlimited one. The count lives in a
 * SharedArrayBuffer and changes atomically, so the lab host's device threads can share one budget: `shared()`
 * gives what a worker thread needs to build the same budget on its side (`Budget.attach`).
 */
export class Budget {
  private readonly cell: Int32Array;

  constructor(
    readonly limit: number = Number.POSITIVE_INFINITY,
    buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
  ) {
    this.cell = new Int32Array(buffer, 0, 1);
  }

  /** The same budget in another thread, from what `shared()` gave. */
  static attach(shared: SharedBudgetHandle): Budget {
    return new Budget(shared.limit, shared.buffer);
  }

  shared(): SharedBudgetHandle {
    return { limit: this.limit, buffer: this.cell.buffer as SharedArrayBuffer };
  }

  get inUse(): number {
    return Atomics.load(this.cell, 0);
  }

  tryTake(): boolean {
    for (;;) {
      const used = Atomics.load(this.cell, 0);
      if (used >= this.limit) return false;
      if (Atomics.compareExchange(this.cell, 0, used, used + 1) === used) return true;
    }
  }

  give(): void {
    for (;;) {
      const used = Atomics.load(this.cell, 0);
      if (used <= 0) return;
      if (Atomics.compareExchange(this.cell, 0, used, used - 1) === used) return;
    }
  }
}

/** A budget as it crosses to a worker thread (postMessage / workerData keep the SharedArrayBuffer shared). */
export interface SharedBudgetHandle {
  limit: number;
  buffer: SharedArrayBuffer;
}
