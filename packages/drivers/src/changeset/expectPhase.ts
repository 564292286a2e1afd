import { DriverError } from '../contract/DriverError';

/** An applier's steps must come in order (prepare → commitConfirmed → confirm); a step out of order is a bug in the caller. */
export function expectPhase<P extends string>(device: string, step: string, phase: P, allowed: readonly P[]): void {
  if (!allowed.includes(phase)) {
    throw new DriverError('DRIVER_STATE', `${device}: ${step} called while ${phase}`, { device, step, phase });
  }
}
