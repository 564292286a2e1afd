import type { PathRequest } from '@milli/pce';

// The pieces bench:pce's request mixes share: the seeded pick, a plain single-path request's fields, and the DC pair.

/** A plain request's fields: any layer, unprotected, least latency, no alternatives. */
export const PLAIN_REQUEST = { layer: 'auto', protection: 'none', objective: 'latency', alternatives: 0 } as const;

/** One of `xs`, chosen by the seeded generator. */
export function pick<T>(rng: { next(): number }, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)]!;
}

/** A 100G wavelength between two different DCs within 1 ms. */
export function dcPairRequest(rng: { next(): number }, dcs: readonly string[]): PathRequest {
  const a = pick(rng, dcs);
  return {
    ...PLAIN_REQUEST,
    from: a,
    to: pick(
      rng,
      dcs.filter((d) => d !== a),
    ),
    bandwidthKbps: 100_000_000,
    maxLatencyUs: 1000,
  };
}
