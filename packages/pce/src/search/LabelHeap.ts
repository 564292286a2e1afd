import type { Label } from './label';

/** A binary min-heap of labels keyed by (k1, k2, seq): objective bound, latency bound, creation order. */
export class LabelHeap {
  private readonly items: Label[] = [];
  private readonly k1: number[] = [];
  private readonly k2: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(label: Label, key1: number, key2: number): void {
    const items = this.items;
    let i = items.length;
    items.push(label);
    this.k1.push(key1);
    this.k2.push(key2);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): Label | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const last = items.length - 1;
    this.swap(0, last);
    items.pop();
    this.k1.pop();
    this.k2.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(l, m)) m = l;
      if (r < items.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a1 = this.k1[i]!;
    const b1 = this.k1[j]!;
    if (a1 !== b1) return a1 < b1;
    const a2 = this.k2[i]!;
    const b2 = this.k2[j]!;
    if (a2 !== b2) return a2 < b2;
    return this.items[i]!.seq < this.items[j]!.seq;
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    [items[i], items[j]] = [items[j]!, items[i]!];
    [this.k1[i], this.k1[j]] = [this.k1[j]!, this.k1[i]!];
    [this.k2[i], this.k2[j]] = [this.k2[j]!, this.k2[i]!];
  }
}
