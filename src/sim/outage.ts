/**
 * How long a result's application could not serve requests, one definition for compare, check
 * and verify: a producer that could not send (a wait still open at the end counts until the
 * end), or an application process that was dead while requests arrived (a dead producer is not
 * blocked, so the send gap alone misses it).
 */
import type { SimResult } from './result.js';

/** The longest time a producer could not send, including a send still blocked at the end. */
export function longestSendGapUs(r: SimResult): number {
  return Math.max(r.unavailability.maxUs, r.unavailability.stillBlockedMaxUs);
}

/** The longer of the send gap and the application downtime: what availability is decided on. */
export function longestOutageUs(r: SimResult): number {
  return Math.max(longestSendGapUs(r), r.applicationDowntime.maxUs);
}
