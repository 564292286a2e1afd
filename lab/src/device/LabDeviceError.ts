import { MilliError } from '@milli/core';

/** A mock device could not start or was given something it cannot use (bad state dir, port in use...). */
export class LabDeviceError extends MilliError {}
