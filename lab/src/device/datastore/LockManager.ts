import { RpcError } from '../server/RpcError';

export type DatastoreName = 'running' | 'candidate' | 'startup';

/**
 * Global datastore locks (RFC 6241 section 7.5): one holder per datastore, denied with the holder's session-id,
 * released by unlock or when the holding session ends. The candidate cannot be locked while another session's
 * edits are pending in it (section 8.3.5.1); the caller names that session.
 */
export class LockManager {
  private readonly holders = new Map<DatastoreName, number>();
  /** When each held lock was taken (ietf-netconf-monitoring's locked-time). */
  private readonly since = new Map<DatastoreName, Date>();

  holder(datastore: DatastoreName): number | undefined {
    return this.holders.get(datastore);
  }

  /** The holder of a datastore's lock and since when, if it is locked. */
  heldLock(datastore: DatastoreName): { sessionId: number; since: Date } | undefined {
    const sessionId = this.holders.get(datastore);
    return sessionId === undefined ? undefined : { sessionId, since: this.since.get(datastore) ?? new Date(0) };
  }

  /** `candidateDirtyBy`: another live session with uncommitted edits in the candidate, if any. */
  lock(datastore: DatastoreName, sessionId: number, candidateDirtyBy?: number, now = new Date()): void {
    const holder = this.holders.get(datastore);
    if (holder !== undefined) {
      throw new RpcError('protocol', 'lock-denied', `the ${datastore} datastore is already locked by session ${holder}`, {
        info: { sessionId: holder },
      });
    }
    if (datastore === 'candidate' && candidateDirtyBy !== undefined && candidateDirtyBy !== sessionId) {
      throw new RpcError(
        'protocol',
        'lock-denied',
        `the candidate datastore holds uncommitted changes of session ${candidateDirtyBy}; commit or discard them first`,
        { info: { sessionId: candidateDirtyBy } },
      );
    }
    this.holders.set(datastore, sessionId);
    this.since.set(datastore, now);
  }

  unlock(datastore: DatastoreName, sessionId: number): void {
    const holder = this.holders.get(datastore);
    if (holder !== sessionId) {
      const message =
        holder === undefined ? `the ${datastore} datastore is not locked` : `the ${datastore} datastore is locked by session ${holder}`;
      throw new RpcError('protocol', 'operation-failed', message, holder === undefined ? {} : { info: { sessionId: holder } });
    }
    this.holders.delete(datastore);
  }

  /** Throws in-use when another session holds the lock: a write must not pass someone else's lock. */
  assertWritable(datastore: DatastoreName, sessionId: number): void {
    const holder = this.holders.get(datastore);
    if (holder !== undefined && holder !== sessionId) {
      throw new RpcError('protocol', 'in-use', `the ${datastore} datastore is locked by session ${holder}`, {
        info: { sessionId: holder },
      });
    }
  }

  /** Drops every lock the session holds; returns the datastores it had locked. */
  releaseAll(sessionId: number): DatastoreName[] {
    const released: DatastoreName[] = [];
    for (const [datastore, holder] of this.holders) {
      if (holder === sessionId) released.push(datastore);
    }
    for (const datastore of released) this.holders.delete(datastore);
    return released;
  }
}
