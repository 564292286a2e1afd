export { ErrorCodes, type ErrorCode, type CallerMeaning, isRetryableCode, meaningOf } from './codes';
export { EXIT_STATUS, HTTP_STATUS, exitStatusOf, httpStatusOf, describeExitStatuses, allErrorCodes } from './errorPolicy';
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
export { createLogger, silentLogger, type Logger, type LoggerFactoryOptions } from './logger';
export { CENSOR, REDACT_DEPTH, SECRET_KEYS, redactSecrets } from './redactSecrets';
export { newId, isValidId } from './ids';
export { systemClock, ManualClock, type Clock } from './clock';
export { type TimeWindow, validateWindow, overlaps, covers } from './timeWindow';
export {
  DEFAULT_MAX_FILE_BYTES,
  readTextFile,
  readBoundedFile,
  writeTextFileAtomic,
  type ReadFileOptions,
} from './files';
