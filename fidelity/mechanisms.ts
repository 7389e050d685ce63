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
    "Modelled since: a tcp:// connection's socket buffers (TcpTransport socketBufferSize 64 KiB on both ends) hold what the broker has not read, a dead broker reads nothing more so the producer's writes fill them until its transport notices, and all of it is lost; KahaDB's one store thread (storeRecord, 276 us a record, fidelity/asyncSendProbe.ts) takes async persistent adds one at a time before dispatch, and its backlog is lost at a kill. What is still missing, measured by fidelity/asyncSendProbe.ts: at 500/s the real loss is exactly the sends made after the kill (10 in 19.6 ms, 44 in 87 ms, 9 in 16.7 ms), because a killed JVM's sockets stay open until the kernel has torn the process down, later still on a loaded machine; the simulator notices the dead connection within a round trip. And the real consumer (1 ms a message) lags 150 to 670 messages behind 500/s on this loaded machine, so much is at risk and survives in the store, which makes the real loss 'a large share' where the simulator's consumer keeps up. Both depend on the machine's load: the same experiment measured a handful (8 / 9 / 34) at load average 14.",
  'crash-async-send-fast':
    "Modelled since (see crash-async-send): KahaDB's store thread takes an async persistent add in 276 us (3,600 a second, measured beside 8,200 non-persistent ones on this machine), so a 5,000/s async producer piles its sends up in broker memory ahead of the store, and a kill loses all of them. Not modelled: the store thread's bound of 10,000 queued adds (maxAsyncJobs) blocking the broker's transport thread, and the late close of a killed JVM's sockets (65-137 ms here).",
  'crash-nonpersistent-kill':
    'Non-persistent messages held by the broker and prefetched by the consumer are gone with the broker; the failover client clears its prefetch buffer on reconnect.',
  'crash-nonpersistent-stop':
    'A clean stop does not save non-persistent messages: as with a kill, everything the broker and the consumer prefetch held is gone.',
  'crash-client-ack-consumer':
    "The simulator models CLIENT_ACKNOWLEDGE (`ackEvery: 50`: an acknowledge() covers everything the session received) and re-dispatches a dead consumer's unacknowledged messages at once, so the duplicates are the messages the dead consumer had processed since its last acknowledge(). A disagreement is in where the kill falls in that cycle: the real consumer starts receiving when its JVM is up and connected, which the mirror cannot say (no start time per application), so the real count varies between runs from a handful to the whole cycle.",
  'transport-text-nonpersistent':
    "Modelled since: one transport thread per tcp:// connection and direction (tcpTransport, 24 us a command, calibrated on this experiment's throughput when the bench timed cold JVMs), the dispatch and session-executor hand-off on both transports (dispatchHandOff, 43 us, from its vm:// latency, cold JVMs too), and the loopback round trip in the mirror (18 us, measured by `brokerlab calibrate`). The bench now warms its JVMs up (5,000 messages) before timing, as the simulator models steady state: the real vm:// throughput then nears the simulated broker CPU bound (tens of thousands a second) while tcp:// stays several times lower, a ratio one 24 us transport thread per connection cannot give. On a 2-core machine the threads of both JVMs share the same cores, and a tcp:// message costs more CPU in all (socket writes, reads and wake-ups on three threads) than any one thread: the simulator does not model the host's cores shared by clients and broker. tcpTransport and dispatchHandOff want re-deriving from a warm run on a quiet machine.",
  'transport-object-nonpersistent':
    'As for TextMessage. An ObjectMessage is serialized once (setObject, on the send) and deserialized once (getObject, at the consumer), whatever the transport; the simulator charges that (15 us/KiB [est]) half on each leg. The real ObjectMessage surcharge over TextMessage spreads from nothing to over 100 us between repetitions on a loaded machine.',
  'transport-text-persistent':
    'The journal fsync dominates both transports, so both ratios are nearer 1, and the simulator follows that (with the per-connection transport thread and the dispatch hand-off modelled). The real latency ratio swings from below 1 to above 5 between repetitions on a loaded machine: one fsync stalled behind other work decides it.',
  'transport-object-persistent':
    'As for persistent TextMessage: the fsync dominates both transports; the ObjectMessage gap of the non-persistent experiment comes on top.',
  'failover-default-lock-poll':
    "The gap is the slave's next lock poll, plus store recovery, plus the failover client's next reconnect attempt after the new master is up (10 ms doubling: the attempts fall at about 5.1 s and 10.2 s after the failure).",
  'failover-1s-lock-poll':
    "Modelled since: store recovery is a fixed time to open the store (550 ms) plus the journal written since the last index checkpoint (720 us a record; fidelity/recoveryProbe.ts). The gap then falls on one of the failover client's reconnect attempts (1.27 s or 2.55 s after the kill here): which one depends on a recovery time that varies by hundreds of milliseconds from run to run on a loaded machine.",
};
