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

/** The groomed links under a line that have a lightpath of their own in the ledger, whoever else rides them. */
export function lightpathsUnder(ledger: ResourceLedger, reserved: ReservedLine): OtuLinkSpec[] {
  return groomedLinks(ledger, reserved).map((g) => g.spec);
}

function groomedLinks(ledger: ResourceLedger, reserved: ReservedLine): { link: string; spec: OtuLinkSpec }[] {
  const links = new Set(reserved.paths.flatMap((p) => p.hops.flatMap((h) => (h.ends ? [h.ends.link] : []))));
  const out: { link: string; spec: OtuLinkSpec }[] = [];
  for (const link of [...links].sort()) {
    const item = ledger.reservations(lightpathOwner(link))[0]?.items.find((i) => i.kind === 'otu-link');
    if (item?.kind === 'otu-link') out.push({ link, spec: item.link });
  }
  return out;
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
  const out: OtuLinkSpec[] = [];
  for (const { link, spec } of groomedLinks(ledger, reserved)) {
    if (ledger.linkOwners(link).some((owner) => owner !== reserved.line && !gone.has(owner))) continue;
    out.push(spec);
    if (release) for (const r of ledger.reservations(lightpathOwner(link))) ledger.release(r.id);
  }
  return out;
}
