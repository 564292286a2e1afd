import { DriverError } from '../contract/DriverError';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Argument checks shared by the verbs: each failure is a DRIVER_VERB naming the verb, the argument and the value. */
export function checkName(device: string, verb: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw new DriverError(
      'DRIVER_VERB',
      `${verb} on ${device}: ${arg} '${String(value)}' is not a name (letters, digits, '._-', at most 64)`,
      {
        device,
        verb,
        arg,
        value,
      },
    );
  }
  return value;
}

export function checkInteger(device: string, verb: string, arg: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DriverError('DRIVER_VERB', `${verb} on ${device}: ${arg} must be a whole number in ${min}..${max}, got ${String(value)}`, {
      device,
      verb,
      arg,
      value,
    });
  }
  return value;
}

export function checkNumber(device: string, verb: string, arg: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new DriverError('DRIVER_VERB', `${verb} on ${device}: ${arg} must be a number in ${min}..${max}, got ${String(value)}`, {
      device,
      verb,
      arg,
      value,
    });
  }
  return value;
}

export function verbFailure(device: string, verb: string, message: string, context: Record<string, unknown> = {}): DriverError {
  return new DriverError('DRIVER_VERB', `${verb} on ${device}: ${message}`, { device, verb, ...context });
}

/** A decimal64 as RFC 7951 JSON writes it (a string), with no float noise. */
export function decimal(value: number, fractionDigits: number): string {
  return String(Number(value.toFixed(fractionDigits)));
}
