/**
 * The sends a run left without an answer (the outcomeUnknown guarantee's count), in one phrase for
 * the check text and its diagram: the fate `outcome unknown` counts only those with no copy left,
 * this counts those delivered after all or still held too.
 */
import type { OutcomeUnknown } from '../../sim/result.js';
import { formatCount as n } from './table.js';

/** `sends without an answer N (delivered after all r, gone g, still held h)`, or '' when none. */
export function unansweredSends(u: OutcomeUnknown): string {
  if (u.sends === 0) return '';
  return `sends without an answer ${n(u.sends)} (delivered after all ${n(u.recovered)}, gone ${n(u.gone)}, still held ${n(u.held)})`;
}
