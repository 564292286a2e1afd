/** How many (peer, user) pairs are remembered; the oldest is forgotten first. */
const MAX_TRACKED = 4096;
/** A pair with no failure for this long starts afresh. */
const FORGET_AFTER_MS = 15 * 60_000;

interface Record {
  failures: number;
  /** No attempt of this pair is judged before this time. */
  nextAt: number;
  lastFailureAt: number;
}

export interface LoginThrottleOptions {
  failuresFree: number;
  backoffMs: number;
  backoffMaxMs: number;
  now?: () => number;
}

/**
 * Slows password and key guessing: after `failuresFree` failed logins of one user from one peer, every further
 * attempt of that pair (the right secret included) is judged only after a wait that doubles with each failure,
 * up to `backoffMaxMs`, and concurrent attempts queue behind each other, so parallel connections gain nothing.
 * A success clears the pair.
 */
export class LoginThrottle {
  private readonly pairs = new Map<string, Record>();
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds to wait before judging an attempt of this pair (0 when it has not failed enough). */
  waitBeforeAttempt(peer: string, user: string): number {
    const record = this.current(key(peer, user));
    if (record === undefined || record.failures < this.options.failuresFree) return 0;
    const now = this.now();
    const start = Math.max(now, record.nextAt);
    record.nextAt = start + this.backoff(record.failures);
    return start - now;
  }

  /** Records a failure; returns how many this pair has now. */
  failed(peer: string, user: string): number {
    const k = key(peer, user);
    const record = this.current(k) ?? { failures: 0, nextAt: 0, lastFailureAt: 0 };
    record.failures++;
    record.lastFailureAt = this.now();
    this.pairs.delete(k); // re-inserted last: the map's order is the forgetting order
    this.pairs.set(k, record);
    if (this.pairs.size > MAX_TRACKED) this.pairs.delete(this.pairs.keys().next().value!);
    return record.failures;
  }

  succeeded(peer: string, user: string): void {
    this.pairs.delete(key(peer, user));
  }

  /** The wait a pair with this many failures imposes on its next attempt. */
  backoff(failures: number): number {
    const over = failures - this.options.failuresFree;
    if (over < 0) return 0;
    return Math.min(this.options.backoffMaxMs, this.options.backoffMs * 2 ** Math.min(over, 30));
  }

  private current(k: string): Record | undefined {
    const record = this.pairs.get(k);
    if (record !== undefined && this.now() - record.lastFailureAt > FORGET_AFTER_MS) {
      this.pairs.delete(k);
      return undefined;
    }
    return record;
  }
}

function key(peer: string, user: string): string {
  return `${peer}\u0000${user}`;
}
