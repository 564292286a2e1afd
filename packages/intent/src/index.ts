export {
  INDUSTRIES,
  INTENT_KINDS,
  SLA_TIER_NAMES,
  PROTECTION_KINDS,
  type Industry,
  type IntentKind,
  type SlaTierName,
  type EndpointRole,
  type EndpointDocument,
  type AccessLineDocument,
  type DcInterconnectDocument,
  type DataExpressDocument,
  type ElasticDocument,
  type ReleaseDocument,
  type IntentDocument,
  type ParsedDocument,
  type ScheduleDocument,
  type ScheduleDay,
  SCHEDULE_DAYS,
} from './document';
export type {
  Endpoint,
  AccessLineIntent,
  DcInterconnectIntent,
  DataExpressIntent,
  ElasticIntent,
  ReleaseIntent,
  Intent,
} from './intent';
export {
  IntentSyntaxError,
  IntentSchemaError,
  IntentInvalidError,
  IntentUnknownKindError,
  type IntentProblem,
  type SourceLocation,
} from './errors';
export { SLA_TIERS, DEFAULT_SLA_TIER, type SlaTier } from './slaTiers';
export {
  serviceClassOf,
  roundUpToService,
  OSU_MIN_KBPS,
  OSU_STEP_KBPS,
  ODU_SLOT_KBPS,
  WAVELENGTH_RATES_KBPS,
  type ServiceClass,
} from './serviceClass';
export { tokenize, MAX_INTENT_TEXT_LENGTH, type Token } from './text/tokenize';
export { editDistance, closest, nearest } from './editDistance';
export { parseIntentText, type TextOptions } from './text/parseIntentText';
export { tokenizeChinese, isChineseText, foldFullWidth } from './text/tokenizeChinese';
export { chineseSiteNames } from './text/chineseSiteNames';
export { printIntent, type PrintLanguage } from './text/printIntent';
export { occurrencesBetween, type Recurrence } from './calendar/recurrence';
export { intentSchema } from './json/intentSchema';
export { parseIntentJson } from './json/parseIntentJson';
export { parseTimeSpec, resolveTime, type TimeSpec } from './validate/timeSpec';
export { validateIntent, type ValidationContext } from './validate/validateIntent';
export { DCI_DEFAULT_LATENCY_US } from './validate/normalizeDocument';
export { volumeToBandwidth, DATA_EXPRESS_HEADROOM, type VolumePlan, type VolumeResult } from './compile/volumeToBandwidth';
export type { Compilation, CompilationAction, CompileContext, CompiledSchedule, IntentCompiler, SlaTerms } from './compile/Compilation';
export { DEFAULT_HORIZON_MS } from './compile/Compilation';
export { CompilerRegistry } from './compile/CompilerRegistry';
export { createCompilerRegistry } from './compile/defaultCompilers';
export { accessLineCompiler } from './compile/accessLineCompiler';
export { dcInterconnectCompiler } from './compile/dcInterconnectCompiler';
export { dataExpressCompiler } from './compile/dataExpressCompiler';
export { elasticCompiler } from './compile/elasticCompiler';
export { releaseCompiler } from './compile/releaseCompiler';
export { parseIntent, readIntent, type ReadIntentOptions, type ReadIntentResult } from './readIntent';
