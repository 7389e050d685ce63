/**
 * Run-wide measurements besides the fates: latency, producer unavailability, application
 * downtime, throughput.
 */
import { LatencyHistogram } from './histogram.js';

export class Metrics {
  /** send() to the start of onMessage, for messages created after the warm-up (us). */
  readonly latency = new LatencyHistogram();
  /** Windows during which a producer could not send, closed by its next successful send. */
  unavailableWindows = 0;
  unavailableTotalUs = 0;
  maxUnavailableUs = 0;
  /** Producer flow control: times a send blocked because a broker's memory was full. */
  flowControlBlocks = 0;
  /** Messages delivered during the send phase (for throughput). */
  deliveredWhileSending = 0;

  /** Application processes that were dead while requests arrived, by process id (closed windows). */
  readonly downtime = new Map<number, Downtime>();
  /** When each dead process went down; absent while it is up. */
  readonly downSinceUs = new Map<number, number>();

  processDown(process: number, nowUs: number): void {
    this.downSinceUs.set(process, nowUs);
  }

  /**
   * A process is back (or the run ends, `nowUs` then being the end): its window counts only up
   * to the end of the send phase, since requests arrive only then.
   */
  processUp(process: number, nowUs: number, sendsEndUs: number): void {
    const since = this.downSinceUs.get(process);
    if (since === undefined) return;
    this.downSinceUs.delete(process);
    if (since >= sendsEndUs) return;
    const us = Math.min(nowUs, sendsEndUs) - since;
    const d = this.downtime.get(process) ?? { windows: 0, totalUs: 0, maxUs: 0 };
    d.windows++;
    d.totalUs += us;
    d.maxUs = Math.max(d.maxUs, us);
    this.downtime.set(process, d);
  }

  recordUnavailable(us: number): void {
    this.unavailableWindows++;
    this.unavailableTotalUs += us;
    if (us > this.maxUnavailableUs) this.maxUnavailableUs = us;
  }
}

export interface Downtime {
  windows: number;
  totalUs: number;
  maxUs: number;
}
