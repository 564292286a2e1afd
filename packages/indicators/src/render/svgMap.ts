import type { Topology } from '@milli/topology';
import type { IndicatorReport } from '../model';
import { interSiteFibres } from './interSiteFibres';
import { escapeXml } from './escapeXml';
import { LABELS, type Lang } from './labels';

const WIDTH = 900;
const HEIGHT = 700;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#d62728'];

/**
 * The map as inline SVG (no tiles, no scripts: the page opens offline). Equirectangular with longitude scaled by
 * cos(mid latitude), fitted to the metro. Each DC's circle is one shaded path made of its members' cells.
 */
export function svgMap(report: IndicatorReport, topology: Topology, lang: Lang): string {
  const l = LABELS[lang];
  const ring = report.metro.polygons.flatMap((p) => p[0] ?? []);
  const lons = [...ring.map((c) => c[0]), ...topology.sites.map((s) => s.lon)];
  const lats = [...ring.map((c) => c[1]), ...topology.sites.map((s) => s.lat)];
  const k = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
  const [x0, x1, y0, y1] = [Math.min(...lons) * k, Math.max(...lons) * k, Math.min(...lats), Math.max(...lats)];
  const scale = Math.min((WIDTH - 40) / Math.max(x1 - x0, 1e-9), (HEIGHT - 40) / Math.max(y1 - y0, 1e-9));
  const px = (lon: number) => (20 + (lon * k - x0) * scale).toFixed(1);
  const py = (lat: number) => (HEIGHT - 20 - (lat - y0) * scale).toFixed(1);
  const pathOf = (polygons: [number, number][][][]) =>
    polygons.map((rings) => rings.map((r) => `M${r.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join('L')}Z`).join('')).join('');

  const cells = new Map(report.serviceAreas.map((a) => [a.accessPoint, a.polygons]));
  const uncovered = new Set(report.uncovered);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="map" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(l.map)}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fbfbf8"/>`,
    `<path class="metro" d="${pathOf(report.metro.polygons)}" fill="#f0f0ea" stroke="#888" stroke-width="1.5"/>`,
  ];
  report.circles.forEach((c, i) => {
    const d = c.members.map((m) => pathOf(cells.get(m.accessPoint) ?? [])).join('');
    parts.push(
      `<path class="circle" data-dc="${escapeXml(c.dc)}" data-count="${c.count}" d="${d}" fill="${PALETTE[i % PALETTE.length]}" fill-opacity="0.18" stroke="none"><title>${escapeXml(`${c.dc}: ${c.count}`)}</title></path>`,
    );
  });
  for (const f of interSiteFibres(topology)) {
    parts.push(
      `<line class="fibre" data-id="${escapeXml(f.id)}" x1="${px(f.a.lon)}" y1="${py(f.a.lat)}" x2="${px(f.b.lon)}" y2="${py(f.b.lat)}" stroke="#555" stroke-width="0.8" stroke-opacity="0.6"/>`,
    );
  }
  for (const s of topology.sites) {
    const [x, y] = [px(s.lon), py(s.lat)];
    const tip = `<title>${escapeXml(`${s.id} (${s.kind})`)}</title>`;
    if (s.kind === 'dc') {
      const i = report.circles.findIndex((c) => c.dc === s.id);
      const fill = i >= 0 ? PALETTE[i % PALETTE.length] : '#333';
      parts.push(
        `<rect class="dc" data-id="${escapeXml(s.id)}" x="${Number(x) - 6}" y="${Number(y) - 6}" width="12" height="12" fill="${fill}" stroke="#000">${tip}</rect>`,
      );
    } else if (s.kind === 'access') {
      const cls = uncovered.has(s.id) ? 'ap uncovered' : 'ap covered';
      const fill = uncovered.has(s.id) ? '#d62728' : '#2b2b2b';
      parts.push(
        `<circle class="${cls}" data-id="${escapeXml(s.id)}" cx="${x}" cy="${y}" r="${uncovered.has(s.id) ? 4 : 2.5}" fill="${fill}">${tip}</circle>`,
      );
      if (uncovered.has(s.id)) {
        parts.push(
          `<path class="uncovered-mark" d="M${Number(x) - 5},${Number(y) - 5}L${Number(x) + 5},${Number(y) + 5}M${Number(x) - 5},${Number(y) + 5}L${Number(x) + 5},${Number(y) - 5}" stroke="#d62728" stroke-width="1.5"/>`,
        );
      }
    } else if (s.kind === 'important') {
      parts.push(
        `<circle class="important" data-id="${escapeXml(s.id)}" cx="${x}" cy="${y}" r="3.5" fill="#fff" stroke="#333">${tip}</circle>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The legend beside the map: one swatch per DC circle and the marks used. */
export function legend(report: IndicatorReport, lang: Lang): string {
  const l = LABELS[lang];
  const items = [
    `<li><span class="sw" style="background:#333"></span>${escapeXml(l.legendDc)}</li>`,
    `<li><span class="sw dot" style="background:#2b2b2b"></span>${escapeXml(l.legendAp)}</li>`,
    `<li><span class="sw dot" style="background:#d62728"></span>${escapeXml(l.legendUncovered)}</li>`,
    `<li><span class="sw line"></span>${escapeXml(l.legendFibre)}</li>`,
    ...report.circles.map(
      (c, i) =>
        `<li><span class="sw" style="background:${PALETTE[i % PALETTE.length]};opacity:.4"></span>${escapeXml(`${c.dc}: ${l.legendCircle} (${c.count})`)}</li>`,
    ),
  ];
  return `<ul class="legend">${items.join('')}</ul>`;
}
