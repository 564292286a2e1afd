import { computePath, type ElementSet, type PathRequest, type PceResult, type Reservation } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import type { FailureReason } from '../facade/types';
import { lightpathOwner, type ReservedLine, type ReservedPath } from '../installer/plan/ReservedLine';
import { reserveLine } from '../installer/plan/reserveLine';
import { internalReason, noPathReason, transactionReason } from './failureReasons';
import type { IntentPlan } from './IntentPlan';
import { bookFor, bookingFailed, type LineMove, moveFailed, type ReadLine } from './lineMove';
import { storedReservations } from './lineReservations';
import { pathView } from './pathView';
import { type Booked as PairBooked, bookNewPath, swapPaths } from './restoreLine';
import { runTransaction } from './runTransaction';

/**
 * The `restoring` state's work for a 1+1 line one of whose legs is cut. The devices switched to the surviving leg
 * on their own; the controller now gives the line a new leg: a path disjoint from the surviving one (its fibres, its
 * SRLGs for SRLG protection, its devices for node protection; the access tail both legs share stays allowed) within
 * the line's latency bound, avoiding every failed fibre. It is reserved while the surviving leg stays booked with
 * the numbers it holds on the devices, then installed by one network-wide transaction that changes only the
 * difference: the surviving leg's entries stay untouched, the cut leg's come off (with any groomed lightpath nobody
 * rides any more), the new leg's go on, and the protection group at both ends points to it. The surviving leg is
 * the line's working path from then on (it carries the traffic) and the new leg its protection, so the line is
 * `active` with two healthy legs. When no disjoint path fits, or the transaction fails (every device rolled back),
 * the line stays `degraded` on its surviving leg with the typed reason, and is tried again when the network changes.
 */
export async function reprotectLine(
  core: ControllerCore,
  intentId: string,
  lineId: string,
  failedFibres: string[],
  known?: ReadLine,
): Promise<void> {
  const seen: { move?: LineMove } = {};
  try {
    const booked = await bookFor(
      core,
      intentId,
      lineId,
      (move) => {
        seen.move = move;
        return bookNewLeg(core, move, failedFibres);
      },
      known,
    );
    if (!booked) return;
    const [move, booking] = booked;
    const what = 'pair' in booking ? 'not restored' : 'not re-protected';
    if (!booking.ok) return void (await moveFailed(core, move, what, booking.reason));
    // The cut's other lines go in the same round (RestorationTurns.allBooked).
    await core.restorations.allBooked();
    if ('pair' in booking) await swapPaths(core, move, failedFibres, booking.pair);
    else await installNewLeg(core, move, booking);
  } catch (error) {
    // Never left in `restoring`: an unexpected error leaves the line degraded on its surviving leg, with the reason.
    if (!seen.move || core.lifecycles.state(intentId) !== 'restoring') throw error;
    await moveFailed(core, seen.move, 'not re-protected', internalReason(error));
  }
}

/**
 * A new leg booked in the ledger beside the surviving one, with what to book again should the move fail; or, both
 * legs cut, a new pair booked as a restoration books it (`pair`).
 */
type Booking = Booked | { ok: true; pair: PairBooked } | { ok: false; reason: FailureReason; pair?: true };
interface Booked {
  ok: true;
  kept: ReservedPath;
  lost: ReservedPath;
  found: Extract<PceResult, { ok: true }>;
  reserved: ReservedLine;
  released: Reservation[];
  failed: Set<string>;
  rebookOld: () => void;
}

/**
 * The line's turn among the restorations (synchronous, so nothing else books meanwhile): the cut leg's resources
 * given back, a leg disjoint from the surviving one computed and booked beside it; or, when none fits (or both legs
 * are cut), the old reservation booked again as it was and the reason.
 */
function bookNewLeg(core: ControllerCore, r: LineMove, failedFibres: string[]): Booking {
  const { line, old, request } = r;
  const lineId = line.id;
  const failed = new Set([...failedFibres, ...core.failedFibres]);
  const cut = old.paths.filter((p) => p.path.fibres.some((f) => failed.has(f)));
  const kept = old.paths.find((p) => !cut.includes(p));
  const lost = cut[0];
  // Both legs cut: a new disjoint pair within the bound, both legs moved in one transaction (as a restoration).
  if (cut.length === old.paths.length && line.installed) {
    const pair = bookNewPath(core, r, failedFibres);
    return pair.ok ? { ok: true, pair } : { ...pair, pair: true };
  }
  if (cut.length !== 1 || kept === undefined || lost === undefined || !line.installed) {
    return { ok: false, reason: bothLegsCut(old, failed) };
  }

  // The line's own reservation and the lightpaths only the cut leg rode are given back now (booked again as they
  // were if nothing fits); the surviving leg's lightpaths stay booked.
  const keptLinks = linksOf(kept);
  const released: Reservation[] = [];
  for (const link of [...linksOf(lost)].filter((l) => !keptLinks.has(l))) {
    if (core.ledger.linkOwners(link).some((owner) => owner !== lineId)) continue;
    for (const booked of core.ledger.reservations(lightpathOwner(link))) released.push(structuredClone(booked));
  }
  released.push(...core.ledger.reservations(lineId).map((booked) => structuredClone(booked)));
  core.ledger.releaseOwner(lineId);
  for (const booked of released) if (booked.owner !== lineId) core.ledger.release(booked.id);
  const rebookOld = () => {
    for (const booked of released) core.ledger.reserve(booked.owner, booked.window, booked.items);
  };

  const exclude = disjointFrom(core, kept, lost, failed, request.exclude ?? {}, request.protection);
  // Booked from now, not from the line's first start: a lightpath set up since then covers now only.
  const window = { ...old.window, start: Math.max(old.window.start, core.clock.now()) };
  try {
    const found = computePath(
      core.graph,
      core.ledger,
      { ...request, protection: 'none', exclude, alternatives: 0, window },
      { now: core.clock.now() },
    );
    if (!found.ok) {
      rebookOld();
      return { ok: false, reason: noPathReason(found.failure) };
    }
    const reserved = reserveLine(core.index, core.ledger, {
      line: lineId,
      result: { ...found, working: kept.path, protection: found.working, alternatives: [] },
      window,
      keep: {
        path: kept,
        lightpaths: old.lightpaths.filter((l) => keptLinks.has(l.link.id)),
        ...(old.client ? { client: old.client } : {}),
      },
    });
    return { ok: true, kept, lost, found, reserved, released, failed, rebookOld };
  } catch (error) {
    return bookingFailed(error, rebookOld);
  }
}

/** Installs the new leg in one transaction (the surviving leg untouched) and records the outcome. */
async function installNewLeg(core: ControllerCore, r: LineMove, booked: Booked): Promise<void> {
  const { intentId, line, plan } = r;
  const { kept, lost, found, reserved, released, failed, rebookOld } = booked;
  const lineId = line.id;
  const keptLinks = linksOf(kept);
  const moved = await runTransaction(core, { intent: intentId, line: lineId, purpose: 'reprotect' }, (tx) =>
    core.installer.replace({ line: lineId, installed: line.installed, reserved }, tx),
  );
  if (!moved.ok) {
    // Rolled back: the devices hold both old legs, so the line keeps its old reservation.
    core.ledger.releaseOwner(lineId);
    for (const l of reserved.lightpaths) if (!keptLinks.has(l.link.id)) core.ledger.release(l.reservation);
    rebookOld();
    const reason = transactionReason(moved.phase, moved.devices, moved.message);
    await core.lifecycles.send(intentId, lineId, { type: 'RESTORE_FAILED', reason }, `not re-protected: ${reason.message}`, {
      intent: { error: reason },
      endTransaction: moved.end,
    });
    return;
  }
  const working = kept.path;
  const protection = found.working;
  const view = { working: pathView(working), protection: pathView(protection) };
  const cutAt = lost.path.fibres.filter((f) => failed.has(f)).join(', ');
  // The store's rows of every owner booked again (the line, the surviving leg's lightpaths) are replaced, not doubled.
  const reserve = await storedReservations(core, reserved);
  await core.lifecycles.send(
    intentId,
    lineId,
    { type: 'RESTORED' },
    `re-protected by ${moved.transaction}: the ${lost.role} leg was cut at ${cutAt}; traffic stays on the former ${kept.role} leg, ` +
      `now working; new protection leg ${protection.fibres.join(', ')} (${protection.latency.totalUs} µs)`,
    {
      intent: { compilation: { ...plan, working, protection, reserved } satisfies IntentPlan, path: view, error: undefined },
      line: { id: lineId, patch: { installed: moved.installed, path: view } },
      releaseOwners: [...new Set([...released.map((booked) => booked.owner), ...reserve.map((booked) => booked.owner)])],
      reserve,
      endTransaction: moved.end,
    },
  );
}

/** The OTU links a leg rides (groomed or fixed). */
function linksOf(path: ReservedPath): Set<string> {
  return new Set(path.hops.flatMap((h) => (h.ends ? [h.ends.link] : [])));
}

/**
 * What the new leg must avoid: the request's own exclusions, every failed fibre, and the surviving leg as the
 * line's protection kind asks (fibres always; SRLGs for `srlg`; devices for `node`), except what both old legs
 * shared (a single-homed access tail, the ends), which any leg has to take.
 */
function disjointFrom(
  core: ControllerCore,
  kept: ReservedPath,
  lost: ReservedPath,
  failed: Set<string>,
  own: ElementSet,
  protection: PathRequest['protection'],
): ElementSet {
  const sharedFibres = new Set(kept.path.fibres.filter((f) => lost.path.fibres.includes(f)));
  const sharedDevices = new Set(kept.path.devices.filter((d) => lost.path.devices.includes(d)));
  const fibres = kept.path.fibres.filter((f) => !sharedFibres.has(f));
  const srlgsOf = (f: string) => core.index.fibre(f).srlgs ?? [];
  const sharedSrlgs = new Set([...sharedFibres].flatMap(srlgsOf));
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  const srlgs = protection === 'srlg' ? fibres.flatMap(srlgsOf).filter((s) => !sharedSrlgs.has(s)) : [];
  const nodes = protection === 'node' ? kept.path.devices.filter((d) => !sharedDevices.has(d)) : [];
  return {
    links: sorted([...(own.links ?? []), ...fibres, ...failed]),
    ...(own.srlgs?.length || srlgs.length ? { srlgs: sorted([...(own.srlgs ?? []), ...srlgs]) } : {}),
    ...(own.nodes?.length || nodes.length ? { nodes: sorted([...(own.nodes ?? []), ...nodes]) } : {}),
  };
}

/** No leg known to be cut (the failed fibres on neither), or nothing installed: no new leg is sought. */
function bothLegsCut(old: ReservedLine, failed: Set<string>): FailureReason {
  const where = old.paths.map((p) => `${p.role} ${p.path.fibres.filter((f) => failed.has(f)).join(', ') || 'intact'}`);
  return {
    kind: 'no-path',
    code: 'PCE_NO_DISJOINT_PAIR',
    message: `no leg of the 1+1 line can be kept (${where.join('; ')}): it waits for a fibre to return`,
    evidence: { legs: where },
  };
}
