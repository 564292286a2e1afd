import type { NetconfError } from '../errors/NetconfError';

/**
 * A byte pipe to one NETCONF peer. The session layer sees only this; the SSH transport is one implementation,
 * and tests can put an in-memory pipe in its place.
 */
export interface Transport {
  readonly host: string;
  readonly port: number;
  /** Queue bytes for the peer; a transport may gather the writes of one turn of the event loop into one packet. */
  write(data: Buffer): void;
  /** Send what is queued now, apart from anything written later (the hello must not share a packet with an rpc). */
  flush(): void;
  /** Register the single consumer of incoming bytes and of the close event (with the reason, if abnormal). */
  attach(onData: (chunk: Buffer) => void, onClose: (reason?: NetconfError) => void): void;
  close(): Promise<void>;
}
