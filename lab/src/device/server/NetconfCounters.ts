/** RFC 6022's per-session counters (`common-counters`). */
export interface CommonCounters {
  inRpcs: number;
  inBadRpcs: number;
  outRpcErrors: number;
  outNotifications: number;
}

/** One open session as ietf-netconf-monitoring lists it. */
export interface SessionRecord {
  id: number;
  username: string;
  sourceHost: string | undefined;
  loginTime: Date;
  counters: CommonCounters;
}

function zero(): CommonCounters {
  return { inRpcs: 0, inBadRpcs: 0, outRpcErrors: 0, outNotifications: 0 };
}

/**
 * The device's NETCONF counters (RFC 6022 `sessions` and `statistics`): totals since the device started and the
 * same per open session. A session that ends without close-session or kill-session counts as dropped.
 */
export class NetconfCounters {
  readonly startTime: Date;
  readonly totals = zero();
  inBadHellos = 0;
  inSessions = 0;
  droppedSessions = 0;
  private readonly open = new Map<number, SessionRecord & { orderly: boolean }>();

  constructor(now: Date) {
    this.startTime = now;
  }

  get sessions(): SessionRecord[] {
    return [...this.open.values()];
  }

  sessionStarted(id: number, username: string, sourceHost: string | undefined, now: Date): void {
    this.inSessions++;
    this.open.set(id, { id, username, sourceHost, loginTime: now, counters: zero(), orderly: false });
  }

  /** close-session or kill-session: the end that follows is not a drop. */
  endsInOrder(id: number): void {
    const record = this.open.get(id);
    if (record) record.orderly = true;
  }

  sessionEnded(id: number, helloFailed: boolean): void {
    const record = this.open.get(id);
    if (record === undefined) return;
    this.open.delete(id);
    if (helloFailed) this.inBadHellos++;
    else if (!record.orderly) this.droppedSessions++;
  }

  count(id: number, counter: keyof CommonCounters): void {
    this.totals[counter]++;
    const record = this.open.get(id);
    if (record) record.counters[counter]++;
  }
}
