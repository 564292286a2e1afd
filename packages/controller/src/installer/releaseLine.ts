import type { InstalledLine, InstallerContext, StageTimes } from './InstallerContext';
import { applyLineChanges } from './applyLineChanges';
import { inCreateOrder } from './plan/PlannedItem';
import { planLightpath } from './plan/planLine';
import { renderTeardown } from './plan/renderChanges';
import { lightpathsToRelease, releaseReservations } from './releaseReservations';
import { verifyItems } from './verifyItems';

/**
 * Takes a line off the network: the install plan run backwards. Everything the line added goes, in the reverse
 * order, except what other lines still use: an OSU-carrying ODU0 another OSU still rides, a lightpath another line
 * still rides (and a lightpath the line rides but did not make goes when the line was its last rider). The read-back
 * checks that every removed entry is gone before the confirm; then the ledger gets the resources back.
 */
export async function releaseLine(
  ctx: InstallerContext,
  installed: InstalledLine,
): Promise<{ removed: number; times: StageTimes['phases'] }> {
  const lightpaths = lightpathsToRelease(ctx.ledger, installed.reserved);
  const items = inCreateOrder([
    ...installed.items.filter((i) => i.shared?.kind !== 'lightpath'),
    ...lightpaths.flatMap((link) => planLightpath(ctx.index, link, installed.line)),
  ]);
  const rendered = await renderTeardown(ctx.drivers, items);
  const removed = items.filter((i) => !rendered.kept.includes(i));
  const times = await applyLineChanges(ctx, `${installed.line}.release`, rendered.changes, () => verifyItems(ctx.drivers, [], removed));
  releaseReservations(ctx.ledger, installed.reserved);
  ctx.logger?.info({ line: installed.line, removed: removed.length }, 'line released');
  return { removed: removed.length, times };
}
