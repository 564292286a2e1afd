import type { IndicatorReport } from '../model';

/**
 * For machines: one entry per indicator (id, value, target, pass, evidence; the circle entry lists per DC the
 * covered access points and their count), plus the circles, method, assumptions and problems. Cell polygons and
 * each member's path are left out (the GeoJSON has the cells).
 */
export function renderJson(report: IndicatorReport): string {
  const { serviceAreas: _cells, metro, circles, ...rest } = report;
  return `${JSON.stringify(
    {
      ...rest,
      // Member paths stay out (one per DC and access point); the figures stay in the circle indicator's evidence.
      circles: circles.map(({ members, ...c }) => ({ ...c, accessPoints: members.map((m) => m.accessPoint) })),
      metro: { source: metro.source, marginKm: metro.marginKm, areaKm2: metro.areaKm2 },
    },
    null,
    1,
  )}\n`;
}
