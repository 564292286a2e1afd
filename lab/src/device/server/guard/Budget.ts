/**
 * A count of something scarce shared by several owners (connections or sessions across every device of a lab):
 * take before use, give back after. A device with no lab around it gets an unlimited one.
 */
export class Budget {
  private used = 0;

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {}

  get inUse(): number {
    return this.used;
  }

  tryTake(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  give(): void {
    if (this.used > 0) this.used--;
  }
}
