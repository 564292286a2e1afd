import { availableParallelism } from 'node:os';
import { MilliError } from '@milli/core';
import { Budget } from '../device/server/guard/Budget';
import { type DeviceLimits, deviceLimits } from '../device/server/guard/DeviceLimits';
import { openFileLimit } from './openFileLimit';

/** What a lab grants: every device's limits, budgets shared by all its devices, and the threads that run them. */
export interface LabLimits {
  /** Limits of every device (DEFAULT_DEVICE_LIMITS for those unset). */
  device?: Partial<DeviceLimits>;
  /** TCP connections across all devices (default 8192, and never more than the open-file limit less a reserve). */
  maxLabConnections?: number;
  /** SSH session channels across all devices (default 2048). */
  maxLabSessions?: number;
  /**
   * Request bytes held across all devices (default 512 MiB); at it, sessions stop reading until some are answered.
   * Each device thread holds an equal part of it.
   */
  maxLabBufferedBytes?: number;
  /**
   * The share of its thread one device may use while other devices on that thread are active (default 0.1, at
   * most 1): beyond it the device's next request waits (see FairShare).
   */
  deviceCpuShare?: number;
  /**
   * Worker threads that run the devices (default: defaultDeviceThreads()); 0 runs them on the host's own thread,
   * as the one-thread host did.
   */
  deviceThreads?: number;
}

/** Descriptors kept for the host itself whatever the devices do: its control socket, log, files and child processes. */
export const HOST_DESCRIPTOR_RESERVE = 512;
export const DEFAULT_LAB_CONNECTIONS = 8192;
export const DEFAULT_LAB_SESSIONS = 2048;
export const DEFAULT_DEVICE_CPU_SHARE = 0.1;
export const DEFAULT_LAB_BUFFERED_BYTES = 512 * 1024 * 1024;
/** More device threads than this cost memory (each loads ssh2 and libyang contexts of its own) for little gain. */
export const MAX_DEFAULT_DEVICE_THREADS = 4;

/**
 * One device thread per core the process may use, less one, at most MAX_DEFAULT_DEVICE_THREADS; and none (every
 * device on the host's own thread) when that would be a single thread. The core left is the controller's: a lab runs
 * beside `milli serve` (benches, demo, tests), and its devices only answer as fast as the controller sends. A single
 * device thread runs nothing in parallel and pays for every message: on this project's 2-core machine it cost the lab
 * about 30% more CPU in bench:restore than the host's own thread, at par in bench:provision; two threads cost 35-80%
 * more CPU for the same requests (two event loops each woken for half the work, two heaps to collect) and, beside
 * milli serve, ran slower in most alternating pairs (lab README, "Measured: device threads"). Machines with four
 * cores or more get several threads; that is not measured here.
 */
export function defaultDeviceThreads(): number {
  const threads = Math.min(MAX_DEFAULT_DEVICE_THREADS, availableParallelism() - 1);
  return threads >= 2 ? threads : 0;
}

/** The limits as the host applies them: checked, defaults filled, shared budgets made. */
export interface LabBudgets {
  connections: Budget;
  sessions: Budget;
  bufferedBytes: number;
  deviceCpuShare: number;
  deviceThreads: number;
}

/** Checks every limit before any device starts (a bad one is an INVALID_ARGUMENT naming it) and makes the budgets. */
export function labBudgets(limits: LabLimits = {}): LabBudgets {
  deviceLimits(limits.device);
  const descriptors = openFileLimit();
  const connections = Math.min(
    limits.maxLabConnections ?? DEFAULT_LAB_CONNECTIONS,
    descriptors === undefined ? Number.POSITIVE_INFINITY : descriptors - HOST_DESCRIPTOR_RESERVE,
  );
  const share = limits.deviceCpuShare ?? DEFAULT_DEVICE_CPU_SHARE;
  if (!(share > 0 && share <= 1)) {
    throw new MilliError('INVALID_ARGUMENT', `deviceCpuShare must be a number above 0 and at most 1, got ${share}`, {
      deviceCpuShare: share,
    });
  }
  const threads = limits.deviceThreads ?? defaultDeviceThreads();
  if (!(Number.isInteger(threads) && threads >= 0 && threads <= 64)) {
    throw new MilliError('INVALID_ARGUMENT', `deviceThreads must be a whole number from 0 to 64, got ${threads}`, {
      deviceThreads: threads,
    });
  }
  return {
    connections: new Budget(Math.max(1, connections)),
    sessions: new Budget(limits.maxLabSessions ?? DEFAULT_LAB_SESSIONS),
    bufferedBytes: limits.maxLabBufferedBytes ?? DEFAULT_LAB_BUFFERED_BYTES,
    deviceCpuShare: share,
    deviceThreads: threads,
  };
}
