import type { OtuLinkSpec, ResourceLedger } from '@milli/pce';
import { lightpathOwner, type ReservedLine } from './plan/ReservedLine';

/**
 * Gives a line's resources back: its own reservation, then each lightpath it rode that no other line rides any
 * more (whoever groomed it). Returns the lightpaths released, so their media channels can go too.
 */
export function releaseReservations(ledger: ResourceLedger, reserved: ReservedLine): OtuLinkSpec[] {
  // By owner: a refused resize re-books the line under a new reservation id.
  ledger.releaseOwner(reserved.line);
  return lightpathsToRelease(ledger, reserved, true);
}

/**
 * The groomed links under a line that carry nobody else (after the line's own reservation is gone, or ignoring
 * it, and ignoring the lines in `gone`: released in the same group transaction): their lightpaths go with the line.
 * With `release`, their reservations are released too.
 */
export function lightpathsToRelease(
  ledger: ResourceLedger,
  reserved: ReservedLine,
  release = false,
  gone: ReadonlySet<string> = new Set(),
): OtuLinkSpec[] {
  const links = new Set(reserved.paths.flatMap((p) => p.hops.flatMap((h) => (h.ends ? [h.ends.link] : []))));
  const out: OtuLinkSpec[] = [];
  for (const link of [...links].sort()) {
    const owned = ledger.reservations(lightpathOwner(link));
    if (owned.length === 0) continue;
    if (ledger.linkOwners(link).some((owner) => owner !== reserved.line && !gone.has(owner))) continue;
    const spec = owned[0]!.items.find((i) => i.kind === 'otu-link');
    if (spec?.kind === 'otu-link') out.push(spec.link);
    if (release) for (const r of owned) ledger.release(r.id);
  }
  return out;
}
