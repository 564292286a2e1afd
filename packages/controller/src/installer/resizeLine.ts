import { MilliError } from '@milli/core';
import type { ReservationItem } from '@milli/pce';
import { applyLineChanges } from './applyLineChanges';
import type { InstalledLine, InstallerContext, StageTimes } from './InstallerContext';
import type { PlannedItem } from './plan/PlannedItem';
import { renderMerge } from './plan/renderChanges';
import { verifyItems } from './verifyItems';

/**
 * Changes an OSU line's bandwidth in place (G.709.20 OSU adjusts hitlessly): the ledger first checks that every
 * OSU-carrying ODU0 on both paths holds the new rate with the line keeping its slots and OSU ids (else
 * INSTALL_NO_CAPACITY, nothing touched); then one transaction changes the bandwidth of every OSU connection and
 * cross-connect of the line, entries keeping their names, verified by read-back before the confirm.
 */
export async function resizeLine(
  ctx: InstallerContext,
  installed: InstalledLine,
  bandwidthKbps: number,
): Promise<{ installed: InstalledLine; times: StageTimes['phases'] }> {
  const { reserved } = installed;
  if (reserved.layer !== 'osu') {
    throw new MilliError(
      'INSTALL_UNSUPPORTED',
      `line ${installed.line} is a ${reserved.layer} line: only OSU lines change bandwidth in place`,
      {
        line: installed.line,
        layer: reserved.layer,
      },
    );
  }
  if (!Number.isInteger(bandwidthKbps) || bandwidthKbps < 2000 || bandwidthKbps > 1_000_000 || bandwidthKbps % 2000 !== 0) {
    throw new MilliError(
      'INVALID_ARGUMENT',
      `an OSU line's bandwidth is 2 Mbit/s to 1 Gbit/s in steps of 2 Mbit/s, not ${bandwidthKbps} kbit/s`,
      {
        line: installed.line,
        bandwidthKbps,
      },
    );
  }
  const old = ctx.ledger.reservations(installed.line)[0];
  if (old === undefined)
    throw new MilliError('RESOURCE_NOT_FOUND', `line ${installed.line} holds no reservation`, { line: installed.line });
  const rebook = (items: ReservationItem[]) => ctx.ledger.reserve(installed.line, old.window, items);
  ctx.ledger.release(old.id);
  let next: ReturnType<typeof rebook>;
  try {
    next = rebook(old.items.map((i) => (i.kind === 'osu' ? { ...i, kbps: bandwidthKbps } : i)));
  } catch (error) {
    rebook(old.items);
    throw new MilliError(
      'INSTALL_NO_CAPACITY',
      `the ODUs of line ${installed.line} cannot hold ${bandwidthKbps} kbit/s: ${(error as Error).message}`,
      {
        line: installed.line,
        bandwidthKbps,
      },
    );
  }
  const changed = installed.items.filter((i) => i.layer === 'osu-connection' || i.layer === 'osu-cross-connect');
  const resized = (item: PlannedItem): PlannedItem =>
    item.layer === 'osu-connection' || item.layer === 'osu-cross-connect' ? { ...item, bandwidthKbps } : item;
  try {
    const rendered = await renderMerge(
      ctx.drivers,
      changed.map((item) => ({ item, fields: { 'bandwidth-kbps': String(bandwidthKbps) } })),
    );
    const times = await applyLineChanges(ctx, `${installed.line}.resize`, rendered.changes, () =>
      verifyItems(ctx.drivers, changed.map(resized)),
    );
    const paths = reserved.paths.map((p) => ({
      ...p,
      hops: p.hops.map((h) => (h.osu ? { ...h, hop: { ...h.hop, osuKbps: bandwidthKbps } } : h)),
    }));
    return {
      installed: {
        ...installed,
        reserved: { ...reserved, bandwidthKbps, reservation: next.id, paths },
        items: installed.items.map(resized),
      },
      times,
    };
  } catch (error) {
    ctx.ledger.release(next.id);
    rebook(old.items);
    throw error;
  }
}
