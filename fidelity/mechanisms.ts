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
    "With useAsyncSend the client writes each send to the socket and returns; at a kill everything in the client socket buffer, the broker's receive buffer and its transport thread is lost, and the failover transport notices the dead connection only when a write fails. The simulator has no client-side send pipeline (socket buffers) and notices the failure at once.",
  'crash-async-send-fast':
    'Async producers outrun the persistent store: with `always` the journal syncs one batch at a time, the broker\'s transport thread blocks on the store and the backlog moves into the socket buffers and the client; at a kill all of it is lost, and the producer keeps "succeeding" until its writes fail. The simulator lacks the store\'s throughput limit (one fsync per batch, batches bounded) back-pressuring an async producer, and the late detection of the dead connection.',
  'crash-nonpersistent-kill':
    'Non-persistent messages held by the broker and prefetched by the consumer are gone with the broker; the failover client clears its prefetch buffer on reconnect.',
  'crash-nonpersistent-stop':
    'A clean stop does not save non-persistent messages: as with a kill, everything the broker and the consumer prefetch held is gone.',
  'crash-client-ack-consumer':
    'The simulator ignores `ackMode`: it acknowledges each message when the consumer finishes it. A CLIENT_ACKNOWLEDGE session acknowledges everything received so far only when the application calls acknowledge() (every 50th message here); when the consumer dies, the broker re-dispatches every unacknowledged message it had dispatched to it (being processed, processed but not acknowledged, and prefetched) to the other consumer at once, marked redelivered: those the dead consumer had processed are duplicates.',
  'transport-text-nonpersistent':
    "Latency: the simulated vm:// hop (5 us plus a clone) skips what a real vm:// send still does: the broker's dispatch and the consumer session's executor thread hand-off, tens of microseconds on both transports; the tcp:// path is charged a 100 us half round trip that loopback OpenWire does not cost. Throughput: the simulator's ceiling is broker CPU (the same for both transports); a real tcp:// client is limited by its connection: marshalling each message and a socket write per send, and one broker transport thread per connection unmarshalling commands in order. Missing mechanism: a per-connection transport capacity (marshal + socket) and a fixed per-dispatch thread hand-off shared by both transports.",
  'transport-object-nonpersistent':
    "As for TextMessage, plus ObjectMessage serialization on send and deserialization in getObject() on both transports (the simulator charges it on vm:// and on tcp://, but the tcp path's fixed costs dominate the ratio).",
  'transport-text-persistent':
    "The journal fsync dominates both transports, so both ratios are nearer 1, and the simulator follows that. What is left is the tcp:// path's fixed per-message cost (marshalling, a socket write and the broker's transport thread per connection, a second JVM), which the simulator charges as a LAN round trip instead: the same missing per-connection transport mechanism as for non-persistent messages.",
  'transport-object-persistent':
    "As for persistent TextMessage: the fsync dominates both transports, and the tcp:// path's per-connection transport cost (larger for a serialized ObjectMessage) is what the simulator does not model.",
  'failover-default-lock-poll':
    "The gap is the slave's next lock poll, plus store recovery, plus the failover client's next reconnect attempt after the new master is up (10 ms doubling: the attempts fall at about 5.1 s and 10.2 s after the failure).",
  'failover-1s-lock-poll':
    'Store recovery: the simulator charges a fixed 2 s (storeRecoveryUs) whatever the store holds; a small KahaDB is recovered in a fraction of a second (the new master accepts connections well under a second after taking the lock). Missing mechanism: recovery time as a function of the store (index checkpoint age, journal to replay).',
};
