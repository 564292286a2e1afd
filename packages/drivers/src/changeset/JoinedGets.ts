import type { Datastore, NetconfReader, RpcResult } from '../contract/netconf';

interface Waiting {
  filter: string;
  resolve(result: RpcResult): void;
  reject(error: unknown): void;
}

/**
 * A NetconfReader whose filtered `<get>`s asked for in the same turn are sent as one: their subtree filters side by
 * side in one `<filter>` (RFC 6241 6.4.x: sibling filter elements select independently), and every asker gets the one
 * reply. Reading a switch's ODUs and its OSUs to verify a transaction then costs the device one get, not two. For
 * readers that pick their own top-level element out of the reply (the verbs' parsers do): the reply may hold the
 * others' too. An unfiltered get and get-config go straight through.
 */
export class JoinedGets implements NetconfReader {
  private waiting: Waiting[] = [];

  constructor(private readonly reader: NetconfReader) {}

  get(filter?: string): Promise<RpcResult> {
    if (filter === undefined) return this.reader.get();
    return new Promise((resolve, reject) => {
      this.waiting.push({ filter, resolve, reject });
      if (this.waiting.length === 1) queueMicrotask(() => this.send());
    });
  }

  getConfig(source: Datastore, filter?: string): Promise<RpcResult> {
    return this.reader.getConfig(source, filter);
  }

  private send(): void {
    const batch = this.waiting;
    this.waiting = [];
    const filters = [...new Set(batch.map((w) => w.filter))];
    this.reader.get(filters.join('')).then(
      (result) => {
        for (const w of batch) w.resolve(result);
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  }
}
