import { isMilliError, MilliError } from '@milli/core';
import type { EntryValue } from '@milli/drivers';
import type { Reservation, ReservationItem } from '@milli/pce';
import { applyLineChanges } from './applyLineChanges';
import type { InstalledLine, InstallerContext, StageTimes } from './InstallerContext';
import { oduTypeFor, planLine } from './plan/planLine';
import type { ReservedLine } from './plan/ReservedLine';
import { renderMerge, renderReplace } from './plan/renderChanges';
import { verifyItems } from './verifyItems';

/**
 * Changes a line's bandwidth in place, in one transaction verified by read-back, entries keeping their names:
 * - an OSU line (G.709.20 OSU adjusts hitlessly): every OSU connection and cross-connect of both paths gets the
 *   new bandwidth; the line keeps its ODU0s and OSU ids;
 * - an ODUflex line (G.7044 resizing): every ODU of the line gets the new rate, its line ODUs the slots for it (the
 *   slots it had, the lowest free others when it grows, its lowest ones when it shrinks).
 * The ledger decides first: when the ODUs on the path cannot hold the new rate, INSTALL_NO_CAPACITY and nothing is
 * touched. A failed transaction rolls every device back and gives the ledger its old numbers back; one whose confirm
 * failed on some devices (INSTALL_FAILED, `failedAt: 'confirm'`) keeps the new numbers booked for its caller to
 * finish the change or book the old numbers back.
 */
export async function resizeLine(
  ctx: InstallerContext,
  installed: InstalledLine,
  bandwidthKbps: number,
): Promise<{ installed: InstalledLine; times: StageTimes['phases'] }> {
  const { reserved, line } = { reserved: installed.reserved, line: installed.line };
  checkResize(reserved, line, bandwidthKbps);
  const old = ctx.ledger.reservations(line)[0];
  if (old === undefined) throw new MilliError('RESOURCE_NOT_FOUND', `line ${line} holds no reservation`, { line });
  const rebook = (items: ReservationItem[]) => ctx.ledger.reserve(line, old.window, items);
  ctx.ledger.release(old.id);
  let next: Reservation;
  try {
    next = rebook(old.items.map((item) => resized(item, bandwidthKbps)));
  } catch (error) {
    rebook(old.items);
    throw new MilliError(
      'INSTALL_NO_CAPACITY',
      `the ODUs of line ${line} cannot hold ${bandwidthKbps} kbit/s: ${(error as Error).message}`,
      {
        line,
        bandwidthKbps,
      },
    );
  }
  try {
    const nextReserved = renumbered(reserved, next, bandwidthKbps);
    const items = planLine(ctx.index, nextReserved);
    const before = new Map(installed.items.map((i) => [`${i.device}|${i.name}|${i.layer}`, i]));
    const changed = items.filter((i) => JSON.stringify(before.get(`${i.device}|${i.name}|${i.layer}`)) !== JSON.stringify(i));
    const rendered =
      reserved.layer === 'osu'
        ? await renderMerge(
            ctx.drivers,
            changed.map((item) => ({ item, fields: { 'bandwidth-kbps': String(bandwidthKbps) } as EntryValue })),
          )
        : await renderReplace(ctx.drivers, changed);
    const after: InstalledLine = { ...installed, reserved: nextReserved, items };
    const times = await applyLineChanges(ctx, `${line}.resize`, rendered.changes, () => verifyItems(ctx.drivers, changed), after);
    return { installed: after, times };
  } catch (error) {
    // A confirm that failed on some devices came after others made the new rate permanent: the new numbers stay
    // booked (giving them back would let another line take what a device holds) and the caller finishes it or
    // books the old ones back. Any earlier failure rolled every device back.
    if (!failedAtConfirm(error)) {
      ctx.ledger.release(next.id);
      rebook(old.items);
    }
    throw error;
  }
}

function failedAtConfirm(error: unknown): boolean {
  return isMilliError(error) && error.code === 'INSTALL_FAILED' && error.context.failedAt === 'confirm';
}

function checkResize(reserved: ReservedLine, line: string, kbps: number): void {
  const bad = (message: string) => {
    throw new MilliError('INVALID_ARGUMENT', message, { line, bandwidthKbps: kbps });
  };
  if (reserved.layer === 'osu') {
    if (!Number.isInteger(kbps) || kbps < 2000 || kbps > 1_000_000 || kbps % 2000 !== 0) {
      bad(`an OSU line's bandwidth is 2 Mbit/s to 1 Gbit/s in steps of 2 Mbit/s, not ${kbps} kbit/s`);
    }
    return;
  }
  const from = reserved.layer === 'odu' ? oduTypeFor(reserved.bandwidthKbps).type : 'wavelength';
  if (!Number.isInteger(kbps) || kbps < 1) bad(`a bandwidth is a positive whole number of kbit/s, not ${kbps}`);
  const to = oduTypeFor(kbps).type;
  if (from !== 'ODUflex' || to !== 'ODUflex') {
    throw new MilliError(
      'INSTALL_UNSUPPORTED',
      `line ${line} (${from}) cannot change to ${kbps} kbit/s in place: only OSU lines and ODUflex lines that stay ODUflex do (${to} asked)`,
      { line, layer: reserved.layer, from, to },
    );
  }
}

/** A reservation item at the new rate, asking for the numbers it holds (an ODUflex keeps its slots, growing or shrinking). */
function resized(item: ReservationItem, kbps: number): ReservationItem {
  if (item.kind === 'osu') return { ...item, kbps };
  if (item.kind !== 'slots') return item;
  const slots = oduTypeFor(kbps).slots;
  return { ...item, slots, numbers: (item.numbers ?? []).slice(0, slots) };
}

/** The line's record with the new reservation's numbers, hop by hop (items are in the order reserveLine made them). */
function renumbered(reserved: ReservedLine, next: Reservation, kbps: number): ReservedLine {
  const demands = next.items.filter((i) => i.kind === 'slots' || i.kind === 'osu');
  let at = 0;
  const paths = reserved.paths.map((p) => ({
    ...p,
    hops: p.hops.map((h) => {
      if (h.ends === undefined) return h;
      const item = demands[at++]!;
      const hop = { ...h.hop, ...(item.kind === 'osu' ? { osuKbps: kbps } : { slots: oduTypeFor(kbps).slots }) };
      if (item.kind === 'osu') return { ...h, hop, osu: { slot: item.numbers![0]!, osuId: item.osuId! } };
      return { ...h, hop, slots: item.numbers ?? [] };
    }),
  }));
  return { ...reserved, bandwidthKbps: kbps, reservation: next.id, paths };
}
