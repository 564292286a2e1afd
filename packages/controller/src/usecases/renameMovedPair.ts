import { type LegName, legOf, type ReservedLine } from '../installer/plan/ReservedLine';

/**
 * A 1+1 line moved whole (both legs cut, a new pair): its new legs take the letters its old ones did not have where
 * the protection leg is concerned, so the protection group at each end gets the other name (`<line>-pg` ↔
 * `<line>-pg-w`). A group changed under its own name keeps the leg it selected (the devices switched to the leg that
 * survived longest), while a new group starts on its working leg, where the read-back expects it. The letters only
 * name entries: the numbers stay as reserved. A line with one path, or a move of one leg, is returned as it is.
 */
export function renameMovedPair(before: ReservedLine, after: ReservedLine): ReservedLine {
  const oldProtection = before.paths.find((p) => p.role === 'protection');
  if (!oldProtection || after.paths.length !== 2) return after;
  const protectionLeg: LegName = legOf(oldProtection) === 'p' ? 'w' : 'p';
  const workingLeg: LegName = protectionLeg === 'p' ? 'w' : 'p';
  return { ...after, paths: after.paths.map((p) => ({ ...p, leg: p.role === 'protection' ? protectionLeg : workingLeg })) };
}
