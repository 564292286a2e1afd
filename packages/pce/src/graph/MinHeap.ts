/**
 * The one shortest-path priority queue of the package: a binary min-heap of integer ids ordered by
 * (key, second key, tie), all in typed arrays that double when full. Dijkstra callers pass the node as both
 * id and tie (ties go to the lower node, so runs are deterministic); the label search passes an index into its
 * own label list as id and the label's creation number as tie. Stale entries are the caller's business
 * (push again with a better key and skip the old one when it pops), which is cheaper than decrease-key here.
 */
export class MinHeap {
  private ids: Int32Array;
  private keys: Float64Array;
  private keys2: Float64Array;
  private ties: Float64Array;
  private count = 0;

  constructor(capacity = 64) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.keys2 = new Float64Array(capacity);
    this.ties = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(id: number, key: number, key2: number, tie: number): void {
    if (this.count === this.ids.length) this.grow();
    const keys = this.keys;
    const keys2 = this.keys2;
    const ties = this.ties;
    // Sift up with a hole: move parents down until the new entry's place is found, then write it once.
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p]!;
      if (pk < key || (pk === key && (keys2[p]! < key2 || (keys2[p] === key2 && ties[p]! <= tie)))) break;
      this.move(p, i);
      i = p;
    }
    this.place(i, id, key, key2, tie);
  }

  /** The id with the least (key, key2, tie), removed; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const ids = this.ids;
    const keys = this.keys;
    const keys2 = this.keys2;
    const ties = this.ties;
    const top = ids[0]!;
    const n = --this.count;
    if (n === 0) return top;
    const lastId = ids[n]!;
    const lastKey = keys[n]!;
    const lastKey2 = keys2[n]!;
    const lastTie = ties[n]!;
    // Sift the last entry down from the root with a hole, choosing the lesser child each time.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(r, l) ? r : l;
      const ck = keys[c]!;
      if (ck > lastKey || (ck === lastKey && (keys2[c]! > lastKey2 || (keys2[c] === lastKey2 && ties[c]! >= lastTie)))) break;
      this.move(c, i);
      i = c;
    }
    this.place(i, lastId, lastKey, lastKey2, lastTie);
    return top;
  }

  private move(from: number, to: number): void {
    this.ids[to] = this.ids[from]!;
    this.keys[to] = this.keys[from]!;
    this.keys2[to] = this.keys2[from]!;
    this.ties[to] = this.ties[from]!;
  }

  private place(i: number, id: number, key: number, key2: number, tie: number): void {
    this.ids[i] = id;
    this.keys[i] = key;
    this.keys2[i] = key2;
    this.ties[i] = tie;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    if (ka !== kb) return ka < kb;
    const sa = this.keys2[a]!;
    const sb = this.keys2[b]!;
    if (sa !== sb) return sa < sb;
    return this.ties[a]! < this.ties[b]!;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Int32Array(size);
    ids.set(this.ids);
    const keys = new Float64Array(size);
    keys.set(this.keys);
    const keys2 = new Float64Array(size);
    keys2.set(this.keys2);
    const ties = new Float64Array(size);
    ties.set(this.ties);
    this.ids = ids;
    this.keys = keys;
    this.keys2 = keys2;
    this.ties = ties;
  }
}
