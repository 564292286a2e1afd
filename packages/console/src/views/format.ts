/** Figures as an engineer reads them. */
export const micros = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(3)} ms` : `${us.toFixed(1)} µs`);
export const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour12: false });

/** The sites an intent joins, for the table's site filter. */
export function sitesOf(checked: { from?: { site: string }; to?: { site: string } } | undefined): string[] {
  return [checked?.from?.site, checked?.to?.site].filter((s): s is string => typeof s === 'string');
}

/** The text an intent was written as (text form) or its JSON form. */
export const inputText = (input: unknown) => (typeof input === 'string' ? input : JSON.stringify(input));
