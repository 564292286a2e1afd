/** Appends shorter than this are copied into a shared staging buffer instead of being kept as their own Buffer. */
const COPY_BELOW = 4096;
const STAGING_BYTES = 16 * 1024;

/**
 * The bytes of one message being received, kept with memory proportional to the bytes themselves: keeping
 * every small piece as its own Buffer would cost about a hundred bytes of object per piece, so a peer sending
 * 1-byte chunks would make each payload byte cost a hundred. Small pieces are copied into a staging buffer;
 * large ones are kept as they are.
 */
export class ByteAccumulator {
  private parts: Buffer[] = [];
  private staging: Buffer | undefined;
  private staged = 0;
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** Buffers held (the staging one included): what the memory overhead beyond the bytes is proportional to. */
  get pieces(): number {
    return this.parts.length + (this.staging === undefined ? 0 : 1);
  }

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.total += bytes.length;
    if (bytes.length >= COPY_BELOW) {
      this.flushStaging();
      this.parts.push(bytes);
      return;
    }
    let from = 0;
    while (from < bytes.length) {
      this.staging ??= Buffer.allocUnsafe(STAGING_BYTES);
      const n = bytes.copy(this.staging, this.staged, from);
      this.staged += n;
      from += n;
      if (this.staged === STAGING_BYTES) {
        this.parts.push(this.staging);
        this.staging = undefined;
        this.staged = 0;
      }
    }
  }

  /** The last `n` bytes (n <= size). */
  tail(n: number): Buffer {
    this.flushStaging();
    const out = Buffer.alloc(n);
    let need = n;
    for (let p = this.parts.length - 1; p >= 0 && need > 0; p--) {
      const part = this.parts[p]!;
      const take = Math.min(need, part.length);
      part.copy(out, need - take, part.length - take);
      need -= take;
    }
    return out;
  }

  /** Everything appended, as one Buffer (plus `extra` after it); the accumulator is empty afterwards. */
  take(extra?: Buffer): Buffer {
    this.flushStaging();
    const parts = extra && extra.length > 0 ? [...this.parts, extra] : this.parts;
    // One part is already the whole (a copy of its own, or bytes the caller handed over): no need to copy it again.
    const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.clear();
    return whole;
  }

  clear(): void {
    this.parts = [];
    this.staging = undefined;
    this.staged = 0;
    this.total = 0;
  }

  /** A partly filled staging buffer becomes an exact-size part, so no staging space is held idle. */
  private flushStaging(): void {
    if (this.staging === undefined || this.staged === 0) return;
    this.parts.push(Buffer.from(this.staging.subarray(0, this.staged)));
    this.staged = 0;
  }
}
