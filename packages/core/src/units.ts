import { MilliError } from './MilliError';

/**
 * Units inside milli: latency in microseconds, bandwidth in kbit/s, data volume in bytes, durations in ms.
 * Text at the edges (CLI, intent text, topology files) is parsed here and nowhere else, so every
 * component agrees on what "1ms" or "2.5 Gbit/s" means. Decimal prefixes (k = 1000) as telecom uses them.
 */

export type Microseconds = number;
export type KbitPerSecond = number;
export type Bytes = number;
export type Milliseconds = number;

const NUMBER = String.raw`([0-9]+(?:\.[0-9]+)?)`;

const LATENCY_UNITS: Record<string, number> = { s: 1_000_000, ms: 1000, us: 1, µs: 1, μs: 1 };
const BANDWIDTH_UNITS: Record<string, number> = {
  k: 1,
  kbps: 1,
  'kbit/s': 1,
  'kb/s': 1,
  m: 1000,
  mbps: 1000,
  'mbit/s': 1000,
  'mb/s': 1000,
  g: 1_000_000,
  gbps: 1_000_000,
  'gbit/s': 1_000_000,
  'gb/s': 1_000_000,
  t: 1_000_000_000,
  tbps: 1_000_000_000,
  'tbit/s': 1_000_000_000,
  'tb/s': 1_000_000_000,
};
const VOLUME_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
};
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

function parseQuantity(text: string, units: Record<string, number>, what: string, examples: string, caseSensitive: boolean): number {
  if (typeof text !== 'string') {
    throw new MilliError('INVALID_UNIT', `${what}: expected text such as ${examples}, got ${typeof text}`, { text });
  }
  const match = new RegExp(`^\\s*${NUMBER}\\s*(\\S+)\\s*$`).exec(text);
  const unitText = match?.[2];
  const unitKey = unitText === undefined ? undefined : caseSensitive ? unitText : unitText.toLowerCase();
  const factor = unitKey === undefined ? undefined : units[unitKey];
  if (!match || factor === undefined) {
    const known = Object.keys(units).join(', ');
    throw new MilliError('INVALID_UNIT', `${what} '${text}' is not understood: write a number and a unit (${known}), e.g. ${examples}`, {
      text,
      accepted: Object.keys(units),
    });
  }
  return Number(match[1]) * factor;
}

/** "1ms" → 1000, "850us" → 850, "850 µs" → 850. */
export function parseLatency(text: string): Microseconds {
  return withoutFloatNoise(parseQuantity(text, LATENCY_UNITS, 'latency', "'1ms', '850us', '850 µs'", true));
}

/** "100Mbps" → 100000, "2.5 Gbit/s" → 2500000, "400G" → 400000000. Must come to a whole number of kbit/s. */
export function parseBandwidth(text: string): KbitPerSecond {
  const kbps = withoutFloatNoise(parseQuantity(text, BANDWIDTH_UNITS, 'bandwidth', "'100Mbps', '2.5 Gbit/s', '400G'", false));
  if (!Number.isInteger(kbps) || kbps <= 0) {
    throw new MilliError('INVALID_UNIT', `bandwidth '${text}' must be a positive whole number of kbit/s`, { text });
  }
  return kbps;
}

/** "50TB" → 5e13 bytes (decimal), "2TiB" → 2 * 2^40. */
export function parseDataVolume(text: string): Bytes {
  return parseQuantity(text, VOLUME_UNITS, 'data volume', "'50TB', '800GB', '2TiB'", false);
}

/** "300ms" → 300, "2s" → 2000, "1h" → 3600000. */
export function parseDuration(text: string): Milliseconds {
  return parseQuantity(text, DURATION_UNITS, 'duration', "'300ms', '2s', '5m'", true);
}

export function formatLatency(us: Microseconds): string {
  return us >= 1000 ? `${trim(us / 1000)} ms` : `${trim(us)} µs`;
}

export function formatBandwidth(kbps: KbitPerSecond): string {
  if (kbps >= 1_000_000_000) return `${trim(kbps / 1_000_000_000)} Tbit/s`;
  if (kbps >= 1_000_000) return `${trim(kbps / 1_000_000)} Gbit/s`;
  if (kbps >= 1000) return `${trim(kbps / 1000)} Mbit/s`;
  return `${trim(kbps)} kbit/s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** Removes float noise (2.3 * 1000 = 2299.9999999999995) so that parsed values compare exactly. */
function withoutFloatNoise(value: number): number {
  return Number(value.toPrecision(12));
}
