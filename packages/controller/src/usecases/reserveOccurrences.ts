import { isMilliError, type TimeWindow } from '@milli/core';
import type { Compilation } from '@milli/intent';
import type { Reservation, ResourceLedger } from '@milli/pce';
import type { FailureReason } from '../facade/types';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';

const iso = (ms: number) => new Date(ms).toISOString();

/** The occurrences of a connection on a calendar that the scheduler runs: every one listed in the horizon. */
export function occurrencesOf(compilation: Compilation): TimeWindow[] {
  return compilation.schedule?.occurrences.length ? compilation.schedule.occurrences : compilation.windows.slice(0, 1);
}

/**
 * A connection on a calendar holds the same numbers (channels, slots, OSU ids, ports) on every occurrence, so the
 * line installed each night is the one planned at admission. `reserveLine` booked the first occurrence; this books
 * the same items for every occurrence in the horizon, all or nothing. A lightpath the line grooms over (a new OTU
 * link) is one link, so it is held from the first occurrence's start to the last one's end. An occurrence another
 * line already holds refuses the whole connection, naming the night; what this booked is given back (the caller
 * releases the rest with the line's reservations).
 */
export function reserveOccurrences(ledger: ResourceLedger, reserved: ReservedLine, compilation: Compilation): FailureReason | undefined {
  const occurrences = occurrencesOf(compilation);
  const first = occurrences[0];
  const last = occurrences[occurrences.length - 1];
  if (!first || !last || occurrences.length < 2) return undefined;
  const span: TimeWindow = { start: first.start, end: last.end };
  const lineBooked = ledger.reservations(reserved.line);
  const lightpathBooked = reserved.lightpaths.map((l) => ledger.reservations(lightpathOwner(l.link.id)));
  // Traffic before the links it rides: released in that order, booked again in the reverse.
  for (const r of lineBooked) ledger.release(r.id);
  for (const rs of lightpathBooked) for (const r of rs) ledger.release(r.id);
  const booked: string[] = [];
  const book = (owner: string, window: TimeWindow, items: Reservation['items']) => {
    const r = ledger.reserve(owner, window, structuredClone(items));
    booked.push(r.id);
    return r.id;
  };
  let current: TimeWindow = span;
  try {
    reserved.lightpaths.forEach((lightpath, i) => {
      for (const r of lightpathBooked[i] ?? []) lightpath.reservation = book(r.owner, span, r.items);
    });
    for (const occurrence of occurrences) {
      current = occurrence;
      for (const r of lineBooked) {
        const id = book(r.owner, occurrence, r.items);
        if (occurrence === first) reserved.reservation = id;
      }
    }
    return undefined;
  } catch (error) {
    if (!isMilliError(error) || error.code !== 'RESOURCE_CONFLICT') throw error;
    for (const id of booked.reverse()) ledger.release(id);
    const night = `${iso(current.start)} → ${iso(current.end!)}`;
    return {
      kind: 'resource-conflict',
      code: 'RESOURCE_CONFLICT',
      message: `the occurrence ${night} cannot be reserved: ${error.message}`,
      evidence: { occurrence: { start: iso(current.start), end: iso(current.end!) } },
    };
  }
}
