import { geoPath } from 'd3-geo';
import { memo } from 'preact/compat';
import { useMemo } from 'preact/hooks';
import type { Fibre, PathView, ReportFeature, Site } from '../api/types';
import { type Key, type Lang, translate } from '../i18n';
import type { ConsoleStore } from '../state/ConsoleStore';
import { useStoreVersion } from '../state/useStore';
import { FIBRE_US_PER_KM, fitProjection, forSphere, MAP_HEIGHT, MAP_WIDTH, spanPath } from './projection';

export interface MapProps {
  store: ConsoleStore;
  lang: Lang;
  circles: ReportFeature[] | undefined;
  showCircles: boolean;
  paths: { working?: PathView | undefined; protection?: PathView | undefined };
}

const SITE_RADIUS: Record<string, number> = { dc: 9, important: 7, access: 5, park: 3.5 };
const CIRCLE_COLOURS = ['#2b8cbe', '#e6550d', '#31a354', '#756bb1', '#dd3497', '#8c6d31'];

/** The metro: sites by kind with their devices, inter-site fibres with length and latency, live state, overlays. */
export function MetroMap({ store, lang, circles, showCircles, paths }: MapProps) {
  const topologyVersion = useStoreVersion(store, 'topology');
  const projection = useMemo(() => fitProjection(store.sites.values()), [store.sites.size]);
  return (
    <svg class="metro" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={translate(lang, 'map')}>
      {showCircles && circles ? <CircleLayer circles={circles} projection={projection} /> : null}
      <FibreLayer store={store} version={topologyVersion} projection={projection} lang={lang} />
      <PathLayer store={store} projection={projection} path={paths.protection} which="protection" />
      <PathLayer store={store} projection={projection} path={paths.working} which="working" />
      <SiteLayer store={store} version={topologyVersion} projection={projection} lang={lang} />
      <Legend lang={lang} />
    </svg>
  );
}

type Projection = ReturnType<typeof fitProjection>;

const CircleLayer = memo(({ circles, projection }: { circles: ReportFeature[]; projection: Projection }) => {
  const draw = geoPath(projection);
  const dcs = [...new Set(circles.map((c) => c.properties.dc ?? ''))];
  return (
    <g class="circles">
      {circles.map((c) => (
        <path
          key={`${c.properties.dc}-${c.properties.accessPoint}`}
          class="circle-cell"
          data-dc={c.properties.dc}
          d={draw(forSphere(c.geometry)) ?? ''}
          fill={CIRCLE_COLOURS[dcs.indexOf(c.properties.dc ?? '') % CIRCLE_COLOURS.length]}
        />
      ))}
    </g>
  );
});

/** `version` is the store's topology version: the layer redraws when a device or fibre state moved, not otherwise. */
const FibreLayer = memo(({ store, projection, lang }: { store: ConsoleStore; version: number; projection: Projection; lang: Lang }) => (
  <g class="fibres">
    {[...store.fibres.values()].map((fibre) => {
      const ends = endsOf(store, fibre);
      if (ends === undefined) return null;
      const us = fibre.lengthKm * FIBRE_US_PER_KM;
      return (
        <path
          key={fibre.id}
          class={`fibre ${fibre.state}`}
          data-fibre={fibre.id}
          data-state={fibre.state}
          d={spanPath(projection, ...ends)}
        >
          <title>{`${fibre.id} ${ends[0].id}–${ends[1].id}: ${fibre.lengthKm} ${translate(lang, 'lengthKm')}, ${us.toFixed(1)} µs, ${fibre.state}`}</title>
        </path>
      );
    })}
  </g>
));

/** The two sites a fibre joins; undefined for a patch cord inside one site (nothing to draw at metro scale). */
function endsOf(store: ConsoleStore, fibre: Fibre): [Site, Site] | undefined {
  const a = store.siteOfDevice(fibre.a.device);
  const b = store.siteOfDevice(fibre.b.device);
  return a && b && a.id !== b.id ? [a, b] : undefined;
}

function PathLayer({
  store,
  projection,
  path,
  which,
}: {
  store: ConsoleStore;
  projection: Projection;
  path: PathView | undefined;
  which: string;
}) {
  if (path === undefined) return null;
  return (
    <g class={`path path-${which}`} data-path={which}>
      {path.fibres.map((id) => {
        const fibre = store.fibres.get(id);
        const ends = fibre && endsOf(store, fibre);
        // A span over a fibre that is down is drawn as down too: the path would otherwise hide the fibre's mark.
        return ends ? (
          <path key={id} class={`span${fibre.state === 'down' ? ' down' : ''}`} data-fibre={id} d={spanPath(projection, ...ends)} />
        ) : null;
      })}
    </g>
  );
}

const SiteLayer = memo(({ store, projection, lang }: { store: ConsoleStore; version: number; projection: Projection; lang: Lang }) => (
  <g class="sites">
    {[...store.sites.values()].map((site) => {
      const [x, y] = projection([site.lon, site.lat]) ?? [0, 0];
      const devices = store.devicesBySite.get(site.id) ?? [];
      const down = devices.filter((d) => d.state === 'down').length;
      const r = SITE_RADIUS[site.kind] ?? 4;
      return (
        <g
          key={site.id}
          class={`site ${site.kind}${down > 0 ? ' down' : ''}`}
          data-site={site.id}
          data-kind={site.kind}
          data-devices={devices.length}
          transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}
        >
          {site.kind === 'dc' ? <rect x={-r} y={-r} width={2 * r} height={2 * r} /> : <circle r={r} />}
          {site.kind === 'dc' || site.kind === 'important' ? (
            <text x={r + 3} y={4}>
              {site.id}
            </text>
          ) : null}
          <title>
            {`${site.name ?? site.id} (${site.kind}) · ${devices.length} ${translate(lang, 'devices')}\n`}
            {devices.map((d) => `${d.id} ${d.kind} ${d.state}`).join('\n')}
          </title>
        </g>
      );
    })}
  </g>
));

function Legend({ lang }: { lang: Lang }) {
  const rows: [string, Key][] = [
    ['dc', 'legendDc'],
    ['important', 'legendImportant'],
    ['access', 'legendAccess'],
    ['park', 'legendPark'],
  ];
  return (
    <g class="legend" transform={`translate(12,${MAP_HEIGHT - 16 - rows.length * 16})`}>
      {rows.map(([kind, key], i) => (
        <g key={kind} class={`site ${kind}`} transform={`translate(8,${i * 16})`}>
          {kind === 'dc' ? <rect x={-5} y={-5} width={10} height={10} /> : <circle r={SITE_RADIUS[kind]} />}
          <text x={14} y={4}>
            {translate(lang, key)}
          </text>
        </g>
      ))}
      <g class="fibre-key" transform={`translate(0,${rows.length * 16})`}>
        <path class="fibre down" d="M0,0 L16,0" />
        <text x={22} y={4}>
          {translate(lang, 'legendFibreDown')}
        </text>
      </g>
    </g>
  );
}
