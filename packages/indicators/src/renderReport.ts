import { MilliError } from '@milli/core';
import type { Topology } from '@milli/topology';
import { computeIndicators } from './computeIndicators';
import type { ReportInput } from './inputs';
import type { IndicatorReport } from './model';
import { renderGeojson } from './render/renderGeojson';
import { renderHtml } from './render/renderHtml';
import type { Lang } from './render/labels';
import { renderJson } from './render/renderJson';
import { renderMarkdown } from './render/renderMarkdown';

export const REPORT_FORMATS = ['md', 'json', 'html', 'geojson'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGS = ['zh', 'en'] as const;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};

/** Checks a format and a language as a caller wrote them (query string or flag); names the bad one. */
export function parseReportOptions(format: string | undefined, lang: string | undefined): { format: ReportFormat; lang: Lang } {
  const f = format ?? 'json';
  const l = lang ?? 'zh';
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
    throw new MilliError('REPORT_INPUT', `unknown report format '${f}': expected one of ${REPORT_FORMATS.join(', ')}`, {
      field: 'format',
      format: f,
    });
  }
  if (!(REPORT_LANGS as readonly string[]).includes(l)) {
    throw new MilliError('REPORT_INPUT', `unknown report language '${l}': expected zh or en`, { field: 'lang', lang: l });
  }
  return { format: f as ReportFormat, lang: l as Lang };
}

export function renderReport(report: IndicatorReport, topology: Topology, format: ReportFormat, lang: Lang): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, lang);
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report, topology, lang);
    case 'geojson':
      return renderGeojson(report, topology);
  }
}

/**
 * What `GET /v1/reports/indicators?format=&lang=` answers: the caller (the HTTP API) passes the topology and the
 * controller's records; the body and its content type come back. Bad format or language: REPORT_INPUT.
 */
export function indicatorsReport(
  input: ReportInput,
  query: { format?: string; lang?: string },
): { contentType: string; body: string; report: IndicatorReport } {
  const { format, lang } = parseReportOptions(query.format, query.lang);
  const report = computeIndicators(input);
  return { contentType: CONTENT_TYPES[format], body: renderReport(report, input.topology, format, lang), report };
}
