import { MilliError } from '@milli/core';
import { computePath, type PathRequest } from '@milli/pce';
import { applyLineChanges } from './applyLineChanges';
import type { InstalledLine, InstallerContext, ProvisionResult, StageTimes } from './InstallerContext';
import type { ReservedLine } from './plan/ReservedLine';
import { planLine } from './plan/planLine';
import { renderInstall } from './plan/renderChanges';
import { releaseReservations } from './releaseReservations';
import { reserveLine } from './plan/reserveLine';
import { verifyItems } from './verifyItems';

export interface ProvisionInput {
  /** The line's id: it names every entry the line puts on a device. */
  line: string;
  request: PathRequest;
  /** OSU lines: the customer's VLAN on both client ports, when given. */
  vlan?: number;
}

/** A line id short enough that every entry name built from it stays a YANG name (64 characters). */
const LINE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * From a path request to an active, verified line: validate → compute → reserve → plan → transaction (prepare,
 * confirmed commit, read-back verify, confirm) → record. Nothing is left behind on failure: a refused path reserves
 * nothing, and a failed transaction rolls every device back and gives the ledger its resources back.
 */
export async function provisionLine(ctx: InstallerContext, input: ProvisionInput): Promise<ProvisionResult> {
  const t0 = performance.now();
  if (!LINE_ID.test(input.line)) {
    throw new MilliError('INVALID_ARGUMENT', `line id '${input.line}' must be 1-40 letters, digits, '.', '_' or '-'`, { line: input.line });
  }
  if (ctx.ledger.reservations(input.line).length > 0) {
    throw new MilliError('RESOURCE_CONFLICT', `line '${input.line}' already holds resources`, { line: input.line });
  }

  const result = computePath(ctx.graph, ctx.ledger, input.request, ctx.pce);
  if (!result.ok) throw new MilliError(result.failure.code, result.failure.message, { line: input.line, ...result.failure.evidence });
  const t1 = performance.now();

  const reserved = reserveLine(ctx.index, ctx.ledger, {
    line: input.line,
    result,
    window: result.request.window,
    ...(input.vlan !== undefined ? { vlan: input.vlan } : {}),
  });
  const t2 = performance.now();
  try {
    const { installed, times } = await installReserved(ctx, reserved);
    return { installed, result, times: { ...times, computeMs: t1 - t0, reserveMs: t2 - t1, totalMs: performance.now() - t0 } };
  } catch (error) {
    releaseReservations(ctx.ledger, reserved);
    throw error;
  }
}

/**
 * Puts a line that already holds its resources onto the network: plan → transaction (prepare, confirmed commit,
 * read-back verify, confirm). For a line reserved ahead of its window (the scheduler reserves at acceptance and
 * installs at the window's start). On failure every device is rolled back; the reservations stay with the line,
 * for the caller to retry or release (`releaseReservations`).
 */
export async function installReserved(
  ctx: InstallerContext,
  reserved: ReservedLine,
): Promise<{ installed: InstalledLine; times: StageTimes }> {
  const t0 = performance.now();
  const items = planLine(ctx.index, reserved);
  const t1 = performance.now();
  const rendered = await renderInstall(ctx.drivers, items);
  const t2 = performance.now();
  const phases = await applyLineChanges(ctx, reserved.line, rendered.changes, () => verifyItems(ctx.drivers, items));
  const devices = [...new Set(items.map((i) => i.device))].sort();
  ctx.logger?.info({ line: reserved.line, devices: devices.length, items: items.length }, 'line active');
  return {
    installed: { line: reserved.line, reserved, items, devices },
    times: {
      computeMs: 0,
      reserveMs: 0,
      planMs: t1 - t0,
      renderMs: t2 - t1,
      editsMs: rendered.editsMs,
      localValidationMs: rendered.localValidationMs,
      phases,
      totalMs: performance.now() - t0,
    },
  };
}
