/**
 * How a real measurement and a simulated one are judged (issues 9 and 11): a loss category
 * must match exactly; a ratio or a failover gap must land within 30% of the real value. The
 * fidelity experiments and `verify` share this one definition.
 */

export const TOLERANCE = 0.3;

export type LossCategory = 'none' | 'a handful' | 'a large share' | 'all';

/** At most this many messages is "a handful", whatever was at risk. */
export const HANDFUL = 10;

/**
 * `lost` out of what was exposed: the messages at risk when the fault struck (acknowledged to the
 * producer, not yet delivered), or the lost ones if more were lost than that (async sends the
 * producer believed sent before the broker had them). "all" is at least 90% of the exposed.
 */
export function lossCategory(lost: number, atRisk: number): LossCategory {
  if (lost === 0) return 'none';
  const exposed = Math.max(atRisk, lost);
  if (lost <= HANDFUL) return 'a handful';
  return lost >= 0.9 * exposed ? 'all' : 'a large share';
}

export function withinTolerance(simulated: number, real: number): boolean {
  return Math.abs(simulated - real) <= TOLERANCE * Math.abs(real);
}
