import type { NetconfError } from '../errors/NetconfError';

/**
 * A byte pipe to one NETCONF peer. The session layer sees only this; the SSH transport is one implementation,
 * and tests can put an in-memory pipe in its place.
 */
export interface Transport {
  readonly host: string;
  readonly port: number;
  write(data: Buffer): void;
  /** Register the single consumer of incoming bytes and of the close event (with the reason, if abnormal). */
  attach(onData: (chunk: Buffer) => void, onClose: (reason?: NetconfError) => void): void;
  close(): Promise<void>;
}
