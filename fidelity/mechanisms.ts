/**
 * For each experiment, the ActiveMQ mechanism we believe the simulator lacks when the two
 * disagree: printed in docs/FIDELITY.md under every row that is out of tolerance, so that the
 * model is fixed by mechanism (never by a factor fitted to the number). A note disappears from
 * the page as soon as its rows agree.
 */
export const MECHANISMS: Record<string, string> = {
  'crash-persistent-periodic':
    'With `periodic` the broker acknowledges a send once the record is queued for the journal appender; a kill -9 loses what is still in that queue, but the appender writes each batch to the OS at once (the OS keeps it after a process kill), so on a lightly loaded store the queue is nearly always empty. The simulator keeps records queued until the next periodic sync: it lacks the split between "written to the OS" (survives a process kill) and "fsynced" (survives a power loss).',
  'crash-persistent-never':
    'As for `periodic`: records reach the OS page cache within a write batch, so a process kill loses (almost) nothing; only a host or power loss loses the unsynced window. The simulator lacks the written-but-not-synced state.',
  'crash-async-send':
    "With useAsyncSend the client writes each send to the socket and returns; at a kill everything in the client socket buffer, the broker's receive buffer and its transport thread is lost, and the failover transport notices the dead connection only when a write fails. The simulator now notices the failure only after the killed JVM's teardown (killTeardown, 44 ms measured) and loses the async sends of that window, but it still has no client-side send pipeline (socket buffers): its at-risk count stays far below the real one.",
  'crash-async-send-fast':
    'Async producers outrun the persistent store: with `always` the journal syncs one batch at a time, the broker\'s transport thread blocks on the store and the backlog moves into the socket buffers and the client; at a kill all of it is lost, and the producer keeps "succeeding" until its writes fail. The simulator lacks the store\'s throughput limit (one fsync per batch, batches bounded) back-pressuring an async producer; the late detection of the dead connection is modelled since (killTeardown).',
  'crash-nonpersistent-kill':
    'Non-persistent messages held by the broker and prefetched by the consumer are gone with the broker; the failover client clears its prefetch buffer on reconnect.',
  'crash-nonpersistent-stop':
    'A clean stop does not save non-persistent messages: as with a kill, everything the broker and the consumer prefetch held is gone.',
  'crash-client-ack-consumer':
    "The simulator models CLIENT_ACKNOWLEDGE (`ackEvery: 50`: an acknowledge() covers everything the session received) and re-dispatches a dead consumer's unacknowledged messages at once, so the duplicates are the messages the dead consumer had processed since its last acknowledge(). A disagreement is in where the kill falls in that cycle: the real consumer starts receiving when its JVM is up and connected, which the mirror cannot say (no start time per application), so the real count varies between runs from a handful to the whole cycle.",
  'transport-text-nonpersistent':
    "Modelled since: one transport thread per tcp:// connection and direction (tcpTransport, 24 us a command, calibrated on this experiment's throughput), the dispatch and session-executor hand-off on both transports (dispatchHandOff, 43 us, from its vm:// latency), and the loopback round trip in the mirror. What is left is noise: on 2 loaded cores the real ratios spread by 2-4x between repetitions (thread scheduling, JIT), which a single simulated figure cannot follow.",
  'transport-object-nonpersistent':
    "As for TextMessage. The real vm:// path pays ~130 us more for an ObjectMessage than for a TextMessage while the tcp:// path pays next to nothing more, which the simulator's one serialization cost (15 us/KiB [est], charged on both transports) cannot reproduce: what ActiveMQ does differently for an ObjectMessage over vm:// (copyMessageOnSend cloning the serialized body, getObject on the copy) is not yet modelled.",
  'transport-text-persistent':
    'The journal fsync dominates both transports, so both ratios are nearer 1, and the simulator follows that (with the per-connection transport thread and the dispatch hand-off modelled). The real latency ratio swings from below 1 to above 5 between repetitions on a loaded machine: one fsync stalled behind other work decides it.',
  'transport-object-persistent':
    'As for persistent TextMessage: the fsync dominates both transports; the ObjectMessage gap of the non-persistent experiment comes on top.',
  'failover-default-lock-poll':
    "The gap is the slave's next lock poll, plus store recovery, plus the failover client's next reconnect attempt after the new master is up (10 ms doubling). The attempts start when the killed JVM's sockets close (killTeardown, 44 ms after the kill) and each failed one takes time before its delay starts (reconnectAttempt, 22 ms; FailoverTransport.doReconnect), so they fall at about 5.3 s and 10.5 s rather than 5.1 s and 10.2 s (fidelity/failoverProbe.ts).",
  'failover-1s-lock-poll':
    "Modelled since: the killed master's teardown before its clients notice (killTeardown) and the time of each failed reconnect attempt (reconnectAttempt), both measured with fidelity/failoverProbe.ts, move the client's 7th and 8th attempts to about 1.45 s and 2.75 s after the kill (real: 1.42 s and 2.74-2.77 s). The gap falls on whichever of the two comes after the new master's connector opens, 0.5 s (the lock poll) plus store recovery (550 ms plus 720 us a record replayed) after the kill: about 1.41 s here, 36 ms before the 7th attempt. Real recoveries vary by hundreds of milliseconds on a loaded machine, so the real gaps fall on either attempt (about half of the 10 real runs so far on each), and the median of three runs can land on either side.",
};
