import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;

/**
 * The raw figures of `brokerlab calibrate`, each the median of `count` timed operations after
 * `warmup`, repeated `reps` times (the harness derives the costs and their spread):
 *
 * - `connect`: a TCP connect to the broker's port (SYN, SYN-ACK: one network round trip);
 * - `syncSend`: a non-persistent send the broker acknowledges (jms.alwaysSyncSend);
 * - `persistentSend`: a persistent send, acknowledged after the broker's store wrote (and, with
 *   journalDiskSyncStrategy=always, fsynced) it;
 * - `tcpLatency` per `size`: send to receive of a non-persistent message over tcp://;
 * - `vmLatency`: send to receive through a broker embedded in this JVM over vm://;
 * - `tcpBurst`: wall time per message of a burst of `burstCount` non-persistent 1 KiB text
 *   messages sent over one tcp:// connection while a thread receives them on another and reads
 *   each body, from the first send to the last read (the fidelity experiments' throughput run);
 * - `vmBurst`: the same through the broker embedded in this JVM over vm://.
 *
 * Each burst follows an untimed one of the same size, and the first repetition's follows untimed
 * bursts of at least `warmBurstMessages` messages and WARM_MS: HotSpot compiles a burst's code
 * only while bursts run, and a burst's rate rose for 600,000-1,000,000 messages
 * (fidelity/transport.ts); a broker's pace is its steady state.
 *
 * Options: url (tcp://host:port), reps, count, warmup, sizes (comma-separated bytes), burstCount,
 * warmBurstMessages.
 */
public final class Calibrate {
  private static final int BURST_SIZE = 1024;
  private static final long WARM_MS = 3000;
  private static final int MAX_WARM_BURSTS = 100;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Out out = new Out("calibrate");
    int code = 0;
    try {
      new Calibrate(a, out).run();
    } catch (Exception e) {
      out.error(e);
      code = 1;
    }
    System.exit(code);
  }

  private final Out out;
  private final String url;
  private final int reps;
  private final int count;
  private final int warmup;
  private final int[] sizes;
  private final int burstCount;
  private final long warmBurstMessages;

  private Calibrate(Args a, Out out) {
    this.out = out;
    this.url = a.str("url");
    this.reps = (int) a.num("reps", 3);
    this.count = (int) a.num("count", 200);
    this.warmup = (int) a.num("warmup", 100);
    this.sizes = Arrays.stream(a.str("sizes", "1024,65536").split(",")).mapToInt(Integer::parseInt).toArray();
    this.burstCount = (int) a.num("burstCount", 20000);
    this.warmBurstMessages = (long) a.num("warmBurstMessages", 1_000_000);
  }

  private void run() throws Exception {
    URI uri = new URI(url);
    BrokerService embedded = startEmbedded();
    ActiveMQConnectionFactory tcp = factory(url);
    ActiveMQConnectionFactory tcpSync = factory(url + (url.contains("?") ? "&" : "?") + "jms.alwaysSyncSend=true");
    ActiveMQConnectionFactory vm = factory("vm://calibrate?create=false");
    try {
      for (int rep = 0; rep < reps; rep++) {
        sample("connect", rep, 0, connects(uri.getHost(), uri.getPort()));
        sample("syncSend", rep, 0, sends(tcpSync, false, 64));
        sample("persistentSend", rep, 0, sends(tcp, true, 64));
        for (int size : sizes) sample("tcpLatency", rep, size, roundTrips(tcp, size));
        sample("vmLatency", rep, 0, roundTrips(vm, 64));
        out.line("sample", "\"what\":\"tcpBurst\",\"rep\":" + rep + ",\"ns\":" + burstNs(tcp, rep == 0));
        out.line("sample", "\"what\":\"vmBurst\",\"rep\":" + rep + ",\"ns\":" + burstNs(vm, rep == 0));
      }
    } finally {
      embedded.stop();
    }
  }

  private void sample(String what, int rep, int size, long[] ns) {
    Arrays.sort(ns);
    out.line("sample", "\"what\":\"" + what + "\",\"rep\":" + rep + ",\"size\":" + size + ",\"ns\":" + ns[ns.length / 2]);
  }

  private static ActiveMQConnectionFactory factory(String url) {
    ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
    f.setTrustAllPackages(true);
    return f;
  }

  private static BrokerService startEmbedded() throws Exception {
    BrokerService b = new BrokerService();
    b.setBrokerName("calibrate");
    b.setUseJmx(false);
    b.setPersistent(false);
    b.setUseShutdownHook(false);
    b.start();
    b.waitUntilStarted();
    return b;
  }

  private long[] connects(String host, int port) throws Exception {
    long[] ns = new long[count];
    for (int i = 0; i < warmup + count; i++) {
      try (Socket s = new Socket()) {
        s.setSoLinger(true, 0); // close with RST: no TIME_WAIT sockets piling up on the port
        long t0 = System.nanoTime();
        s.connect(new InetSocketAddress(host, port), 5_000);
        long t1 = System.nanoTime();
        if (i >= warmup) ns[i - warmup] = t1 - t0;
      }
    }
    return ns;
  }

  /** The time send() blocks, with a consumer draining the queue. */
  private long[] sends(ActiveMQConnectionFactory f, boolean persistent, int size) throws Exception {
    Connection c = f.createConnection();
    try {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Session drain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      String queue = "calibrate.send." + persistent;
      drain.createConsumer(drain.createQueue(queue)).setMessageListener(m -> {});
      MessageProducer p = s.createProducer(s.createQueue(queue));
      p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
      Payload payload = new Payload("text", size);
      long[] ns = new long[count];
      for (int i = 0; i < warmup + count; i++) {
        Message m = payload.create(s, i + 1);
        long t0 = System.nanoTime();
        p.send(m);
        long t1 = System.nanoTime();
        if (i >= warmup) ns[i - warmup] = t1 - t0;
      }
      return ns;
    } finally {
      c.close();
    }
  }

  /** A non-persistent producer and a consumer of one queue, each on its own connection. */
  private static final class Pair implements AutoCloseable {
    final Connection pc;
    final Connection cc;
    final Session ps;
    final MessageProducer producer;
    final MessageConsumer consumer;

    Pair(ActiveMQConnectionFactory f, String queue) throws Exception {
      pc = f.createConnection();
      cc = f.createConnection();
      pc.start();
      cc.start();
      ps = pc.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Session cs = cc.createSession(false, Session.AUTO_ACKNOWLEDGE);
      producer = ps.createProducer(ps.createQueue(queue));
      producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
      consumer = cs.createConsumer(cs.createQueue(queue));
    }

    Message receive() throws Exception {
      Message r = consumer.receive(10_000);
      if (r == null) throw new IllegalStateException("no message within 10 s");
      return r;
    }

    @Override
    public void close() throws Exception {
      pc.close();
      cc.close();
    }
  }

  /** Send, then receive the same message on another connection: one at a time. */
  private long[] roundTrips(ActiveMQConnectionFactory f, int size) throws Exception {
    try (Pair pair = new Pair(f, "calibrate.latency")) {
      Payload payload = new Payload("text", size);
      long[] ns = new long[count];
      for (int i = 0; i < warmup + count; i++) {
        Message m = payload.create(pair.ps, i + 1);
        long t0 = System.nanoTime();
        pair.producer.send(m);
        Payload.read(pair.receive());
        long t1 = System.nanoTime();
        if (i >= warmup) ns[i - warmup] = t1 - t0;
      }
      return ns;
    }
  }

  /**
   * Wall time per message of `burstCount` sent as fast as send() returns while a consumer thread
   * receives and reads each (as Bench's throughput mode, the defaults' source, and as a listener
   * container's receive loop does), after as many untimed and, when `warm`, untimed bursts of at
   * least warmBurstMessages and WARM_MS: the path's bottleneck.
   */
  private long burstNs(ActiveMQConnectionFactory f, boolean warm) throws Exception {
    try (Pair pair = new Pair(f, "calibrate.burst")) {
      long warmUntil = System.nanoTime() + (warm ? WARM_MS * 1_000_000 : 0);
      long warmMessages = warm ? warmBurstMessages : 0;
      int bursts = 0;
      do burst(pair);
      while ((++bursts * (long) burstCount < warmMessages || System.nanoTime() < warmUntil)
          && bursts < MAX_WARM_BURSTS);
      return burst(pair) / burstCount;
    }
  }

  /** One burst: nanoseconds from the first send to the last message read. */
  private long burst(Pair pair) throws Exception {
    Payload payload = new Payload("text", BURST_SIZE);
    AtomicLong lastNs = new AtomicLong();
    AtomicReference<Exception> failed = new AtomicReference<>();
    Thread consumer = new Thread(() -> {
      try {
        for (int i = 0; i < burstCount; i++) Payload.read(pair.receive());
        lastNs.set(System.nanoTime());
      } catch (Exception e) {
        failed.set(e);
      }
    });
    consumer.start();
    long t0 = System.nanoTime();
    for (int i = 0; i < burstCount; i++) pair.producer.send(payload.create(pair.ps, i + 1));
    consumer.join(60_000);
    if (consumer.isAlive()) throw new IllegalStateException("burst not received within 60 s");
    if (failed.get() != null) throw failed.get();
    return lastNs.get() - t0;
  }
}
