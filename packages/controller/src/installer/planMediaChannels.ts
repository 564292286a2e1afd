import { MilliError } from '@milli/core';
import type { Fibre, TopologyIndex } from '@milli/topology';
import type { ComputedPath } from '@milli/pce';

/** One media-channel cross-connect a ROADM/OXC must make for a wavelength path. */
export interface MediaChannelStep {
  device: string;
  name: string;
  channel: number;
  from: string;
  to: string;
}

/**
 * Turns a wavelength path (spans between ROADMs, one channel end to end) into the cross-connect each ROADM
 * makes: add/drop port → degree at the head end, degree → degree in transit, degree → add/drop at the tail end.
 * At each end the add/drop port is the lowest-numbered one patched to an OTN line port of the site (where the
 * signal enters the optical layer); a site without one is an error naming it. Pure: path and topology in, steps out.
 */
export function planMediaChannels(path: ComputedPath, index: TopologyIndex, name: string): MediaChannelStep[] {
  const spans = path.hops.filter((h) => h.kind === 'span');
  if (path.layer !== 'wavelength' || spans.length === 0 || spans.length !== path.hops.length) {
    throw new MilliError('INVALID_ARGUMENT', `path is not a plain wavelength path (layer ${path.layer}, ${path.hops.length} hops)`, {
      layer: path.layer,
    });
  }
  const channel = spans[0]!.channel;
  const steps: MediaChannelStep[] = [];
  spans.forEach((span, i) => {
    const fibre = index.fibre(span.fibre);
    const out = portOn(fibre, span.from);
    const into = portOn(fibre, span.to);
    const previous = i === 0 ? undefined : index.fibre(spans[i - 1]!.fibre);
    steps.push({ device: span.from, name, channel, from: previous ? portOn(previous, span.from) : addDropPort(index, span.from), to: out });
    if (i === spans.length - 1) steps.push({ device: span.to, name, channel, from: into, to: addDropPort(index, span.to) });
  });
  return steps;
}

function portOn(fibre: Fibre, device: string): string {
  if (fibre.a.device === device) return fibre.a.port;
  if (fibre.b.device === device) return fibre.b.port;
  throw new MilliError('INTERNAL', `fibre ${fibre.id} does not end on ${device}`, { fibre: fibre.id, device });
}

function addDropPort(index: TopologyIndex, device: string): string {
  const ports = index
    .device(device)
    .ports.filter((p) => p.kind === 'add-drop')
    .filter((p) => {
      const far = index.farEnd(`${device}/${p.id}`);
      return far !== undefined && index.port(`${far.device}/${far.port}`).kind === 'line';
    })
    .map((p) => p.id)
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  if (ports.length === 0) {
    throw new MilliError(
      'INVALID_ARGUMENT',
      `${device} has no add/drop port patched to an OTN line port: the wavelength cannot be added or dropped there`,
      {
        device,
      },
    );
  }
  return ports[0]!;
}
