import { isMilliError, type TimeWindow } from '@milli/core';
import type { Compilation } from '@milli/intent';
import type { ResourceLedger } from '@milli/pce';
import type { FailureReason } from '../facade/types';
import { lightpathOwner, type ReservedLine } from '../installer/plan/ReservedLine';

const iso = (ms: number) => new Date(ms).toISOString();

/** The occurrences of a connection on a calendar that the scheduler runs: every one listed in the horizon. */
export function occurrencesOf(compilation: Compilation): TimeWindow[] {
  return compilation.schedule?.occurrences.length ? compilation.schedule.occurrences : compilation.windows.slice(0, 1);
}

/**
 * A connection on a calendar holds the same numbers (channels, slots, OSU ids, ports) on every occurrence, so the
 * line installed each night is the one planned at admission. The first occurrence was reserved by `reserveLine`;
 * this books the same items for every later occurrence in the horizon, all or nothing. An occurrence another line
 * already holds refuses the whole connection, naming the night; nothing stays booked.
 */
export function reserveOccurrences(ledger: ResourceLedger, reserved: ReservedLine, compilation: Compilation): FailureReason | undefined {
  const occurrences = occurrencesOf(compilation);
  const first = occurrences[0];
  if (!first || occurrences.length < 2) return undefined;
  const owners = [...reserved.lightpaths.map((l) => lightpathOwner(l.link.id)), reserved.line];
  const booked: string[] = [];
  for (const occurrence of occurrences.slice(1)) {
    for (const owner of owners) {
      for (const r of ledger.reservations(owner)) {
        if (r.window.start !== first.start || r.window.end !== first.end) continue;
        try {
          booked.push(ledger.reserve(owner, occurrence, structuredClone(r.items)).id);
        } catch (error) {
          if (!isMilliError(error) || error.code !== 'RESOURCE_CONFLICT') throw error;
          for (const id of booked) ledger.release(id);
          return {
            kind: 'resource-conflict',
            code: 'RESOURCE_CONFLICT',
            message: `the occurrence ${iso(occurrence.start)} → ${iso(occurrence.end!)} cannot be reserved: ${error.message}`,
            evidence: { occurrence: { start: iso(occurrence.start), end: iso(occurrence.end!) }, owner },
          };
        }
      }
    }
  }
  return undefined;
}
