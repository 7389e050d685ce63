/** Run-wide measurements besides the fates: latency, producer unavailability, throughput. */
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

  recordUnavailable(us: number): void {
    this.unavailableWindows++;
    this.unavailableTotalUs += us;
    if (us > this.maxUnavailableUs) this.maxUnavailableUs = us;
  }
}
