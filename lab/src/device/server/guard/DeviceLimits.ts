import { MilliError } from '@milli/core';

/**
 * What one device grants its clients, modelled on a careful SSH server (OpenSSH's LoginGraceTime, MaxStartups,
 * MaxSessions, MaxAuthTries) plus NETCONF message bounds. Every value is a count or milliseconds; the defaults
 * are generous for a controller and its tools, and small enough that one client cannot take a device (or, with
 * the lab's shared budgets, the lab host) down.
 */
export interface DeviceLimits {
  /** A connection must authenticate within this time after its TCP accept, or it is closed. */
  loginGraceMs: number;
  /** Connections accepted but not yet authenticated; further ones are closed at once. */
  maxUnauthenticated: number;
  /** Every open TCP connection of the device, authenticated or not: its file-descriptor budget. */
  maxConnections: number;
  /** SSH session channels (each NETCONF session is one) open at once on the device. */
  maxSessions: number;
  /** A connection from which no byte arrives for this long is closed (unless it holds a subscription). */
  idleTimeoutMs: number;
  /** Failed authentication attempts on one connection before it is closed. */
  maxAuthTries: number;
  /** Failed logins of one user from one peer that are answered at full speed; later attempts wait. */
  loginFailuresFree: number;
  /** The first wait after loginFailuresFree failures; it doubles with each further failure. */
  loginBackoffMs: number;
  /** The longest wait between two attempts of one user from one peer. */
  loginBackoffMaxMs: number;
  /** A started NETCONF message must be complete within this time, or the session is closed. */
  frameTimeoutMs: number;
  /** The largest NETCONF message accepted, in bytes; a larger one closes the session. */
  maxMessageBytes: number;
  /** The most XML elements in one message; more is answered with too-big. */
  maxElements: number;
  /**
   * Request bytes all sessions of the device may hold at once (being received, or read and not yet answered);
   * at it, sessions stop reading until some are answered. At least maxMessageBytes.
   */
  maxBufferedBytes: number;
  /**
   * Request bytes one session may have read ahead of its replies (one request is always read, whatever its size);
   * beyond them it stops reading. Bytes, not a count: a controller pipelining small rpcs is never held back, a
   * client pipelining large ones without reading replies holds about this much.
   */
  maxQueuedBytesPerSession: number;
}

export const DEFAULT_DEVICE_LIMITS: Readonly<DeviceLimits> = Object.freeze({
  loginGraceMs: 20_000,
  maxUnauthenticated: 8,
  maxConnections: 48,
  maxSessions: 32,
  idleTimeoutMs: 600_000,
  maxAuthTries: 6,
  loginFailuresFree: 3,
  loginBackoffMs: 500,
  loginBackoffMaxMs: 10_000,
  frameTimeoutMs: 30_000,
  maxMessageBytes: 8 * 1024 * 1024,
  maxElements: 20_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxQueuedBytesPerSession: 1024 * 1024,
});

/** The defaults with `overrides` applied; every value must be a positive whole number. */
export function deviceLimits(overrides: Partial<DeviceLimits> = {}): DeviceLimits {
  const limits = { ...DEFAULT_DEVICE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in DEFAULT_DEVICE_LIMITS)) {
      throw new MilliError('INVALID_ARGUMENT', `unknown device limit '${name}'`, { limit: name });
    }
    if (!Number.isSafeInteger(value) || value < (name === 'loginFailuresFree' ? 0 : 1)) {
      throw new MilliError('INVALID_ARGUMENT', `device limit ${name} must be a positive whole number, got ${String(value)}`, {
        limit: name,
        value: String(value),
      });
    }
  }
  if (limits.maxBufferedBytes < limits.maxMessageBytes) {
    throw new MilliError(
      'INVALID_ARGUMENT',
      `device limit maxBufferedBytes (${limits.maxBufferedBytes}) must be at least maxMessageBytes (${limits.maxMessageBytes})`,
      { limit: 'maxBufferedBytes' },
    );
  }
  return limits;
}
