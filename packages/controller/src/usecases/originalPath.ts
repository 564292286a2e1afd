import type { ReservedLine } from '../installer/plan/ReservedLine';
import type { IntentPlan } from './IntentPlan';

/**
 * What a restored line's plan keeps of where it was: a revertive line keeps the path it held before its first
 * restoration, with the fibres of it that had failed (a second restoration keeps the first original: that is the
 * path to go back to); any other line keeps nothing.
 */
export function keepOriginal(plan: IntentPlan, before: ReservedLine, failed: Iterable<string>): Pick<IntentPlan, 'original'> {
  if (!plan.compilation.revertive) return {};
  if (plan.original) return { original: plan.original };
  const down = new Set(failed);
  const failedFibres = [...new Set(before.paths.flatMap((p) => p.path.fibres.filter((f) => down.has(f))))].sort();
  return { original: { reserved: before, failedFibres } };
}
