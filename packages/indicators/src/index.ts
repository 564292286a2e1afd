export type {
  Indicator,
  IndicatorGroup,
  IndicatorId,
  IndicatorReport,
  LatencyCircle,
  MetroArea,
  ServiceArea,
} from './model';
export { DEFAULTS, type LiveIntent, type LiveLine, type LivePath, type LiveRecords, type ReportInput, type ReportOptions } from './inputs';
export { CATALOG, type CatalogEntry } from './indicators/catalog';
export { computeIndicators, measureLatencies, measureGeometry, assembleReport, type Latencies, type Geometry } from './computeIndicators';
export { LatencyProbe, type Probe, type ProbeLayer } from './latency/LatencyProbe';
export { classifySites, egressDevice, MEDIUM_DC_RACKS, type SiteClasses } from './network/classifySites';
export { metroArea } from './geometry/metroArea';
export { serviceAreas } from './geometry/serviceAreas';
export {
  indicatorsReport,
  parseReportOptions,
  renderReport,
  REPORT_FORMATS,
  REPORT_LANGS,
  type ReportFormat,
} from './renderReport';
export type { Lang } from './render/labels';
export { parseLiveRecords } from './parseLiveRecords';
export { parseCandidates, type Candidate } from './whatIf/candidates';
export { applyCandidate } from './whatIf/applyCandidate';
export { coverageGain, formatCoverageGain, type CoverageGainReport, type CandidateGain, type CoverageFigures } from './whatIf/coverageGain';
