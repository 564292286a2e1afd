export { ErrorCodes, type ErrorCode, isRetryableCode } from './codes';
export { MilliError, isMilliError, type ErrorContext } from './MilliError';
export {
  parseLatency,
  parseBandwidth,
  parseDataVolume,
  parseDuration,
  formatLatency,
  formatBandwidth,
  type Microseconds,
  type KbitPerSecond,
  type Bytes,
  type Milliseconds,
} from './units';
export { createLogger, silentLogger, REDACTED_PATHS, type Logger, type LoggerFactoryOptions } from './logger';
export { newId, isValidId } from './ids';
export { systemClock, type Clock } from './clock';
export { type TimeWindow, validateWindow, overlaps, covers } from './timeWindow';
