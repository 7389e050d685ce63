import java.io.File;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * One producer and one consumer application in this JVM, each with its own connection, over
 * `url`. With embedded=true this JVM first starts a BrokerService (KahaDB in `dataDir` when
 * persistent) and the clients use vm://, as an application with an embedded broker does.
 *
 * mode=latency: one message at a time (make and send it, then receive and read it), `count` timed
 * after `warmup`; prints `latency` with percentiles of that interval in microseconds.
 * mode=throughput: the producer sends `count` as fast as send() returns while the consumer
 * receives; prints `throughput` (received per second, first send to last receive). Before it,
 * `warmup` messages go in untimed bursts of at most `count` of the same kind: HotSpot compiles
 * the burst's code (a send racing a receive, a backlog in the broker) only while such bursts
 * run, and a 1 KiB non-persistent burst's rate still rose for 600,000-1,000,000 messages after
 * warming up one at a time (2026-11-30 23:20-23:33, over vm://: from 135,000-165,000 a second
 * to 270,000-310,000).
 *
 * Options: mode, url, embedded, dataDir, persistent, useAsyncSend, type=text|object, size, count,
 * warmup.
 */
public final class Bench {
  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Out out = new Out("bench");
    boolean persistent = a.flag("persistent", false);
    BrokerService broker = null;
    String url = a.str("url", "vm://bench?create=false");
    if (a.flag("embedded", false)) broker = startEmbedded(persistent, a.str("dataDir", ""));
    int code = 0;
    try {
      ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
      f.setTrustAllPackages(true);
      f.setUseAsyncSend(a.flag("useAsyncSend", false));
      Connection pc = f.createConnection();
      Connection cc = f.createConnection();
      pc.start();
      cc.start();
      Session ps = pc.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Session cs = cc.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer p = ps.createProducer(ps.createQueue("bench"));
      p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
      MessageConsumer c = cs.createConsumer(cs.createQueue("bench"));
      Payload payload = new Payload(a.str("type", "text"), (int) a.num("size", 1024));
      int count = (int) a.num("count", 2000);
      int warmup = (int) a.num("warmup", 500);
      if (a.str("mode").equals("latency")) latency(out, ps, p, c, payload, count, warmup);
      else throughput(out, ps, p, c, payload, count, warmup);
      pc.close();
      cc.close();
    } catch (Exception e) {
      out.error(e);
      code = 1;
    }
    if (broker != null) broker.stop();
    System.exit(code);
  }

  private static BrokerService startEmbedded(boolean persistent, String dataDir) throws Exception {
    BrokerService b = new BrokerService();
    b.setBrokerName("bench");
    b.setUseJmx(false);
    b.setPersistent(persistent);
    b.setUseShutdownHook(false);
    if (persistent) {
      KahaDBPersistenceAdapter kaha = new KahaDBPersistenceAdapter();
      kaha.setDirectory(new File(dataDir, "kahadb"));
      b.setPersistenceAdapter(kaha);
      b.setDataDirectoryFile(new File(dataDir));
    }
    b.start();
    b.waitUntilStarted();
    return b;
  }

  private static void latency(Out out, Session s, MessageProducer p, MessageConsumer c, Payload payload,
      int count, int warmup) throws Exception {
    long[] us = new long[count];
    for (int i = 0; i < warmup + count; i++) {
      // From before the message is made: setObject serializes an ObjectMessage there, and an
      // application's (and the simulator's) latency includes it, as it does getObject below.
      long t0 = System.nanoTime();
      Message m = payload.create(s, i + 1);
      p.send(m);
      Message r = c.receive(10_000);
      if (r == null) throw new IllegalStateException("no message within 10 s");
      Payload.read(r);
      long t1 = System.nanoTime();
      if (i >= warmup) us[i - warmup] = (t1 - t0) / 1000;
    }
    Arrays.sort(us);
    out.line("latency", "\"count\":" + count + ",\"p50Us\":" + us[count / 2] + ",\"p90Us\":" + us[count * 9 / 10]
        + ",\"p99Us\":" + us[count * 99 / 100] + ",\"minUs\":" + us[0] + ",\"maxUs\":" + us[count - 1]);
  }

  private static void throughput(Out out, Session s, MessageProducer p, MessageConsumer c, Payload payload,
      int count, int warmup) throws Exception {
    for (int sent = 0; sent < warmup; sent += count)
      burst(s, p, c, payload, Math.min(count, warmup - sent));
    long[] ns = burst(s, p, c, payload, count);
    out.line("throughput", "\"count\":" + count + ",\"perSecond\":" + Math.round(count / (ns[0] / 1e9))
        + ",\"sendPerSecond\":" + Math.round(count / (ns[1] / 1e9)));
  }

  /** `count` sent as fast as send() returns while a thread receives and reads them: ns to the last receive, ns to the last send. */
  private static long[] burst(Session s, MessageProducer p, MessageConsumer c, Payload payload, int count)
      throws Exception {
    AtomicLong lastNs = new AtomicLong();
    Throwable[] failure = new Throwable[1];
    Thread consumer = new Thread(() -> {
      try {
        for (int i = 0; i < count; i++) {
          Message r = c.receive(30_000);
          if (r == null) throw new IllegalStateException("received " + i + " of " + count);
          Payload.read(r);
        }
        lastNs.set(System.nanoTime());
      } catch (Throwable e) {
        failure[0] = e;
      }
    });
    consumer.start();
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) p.send(payload.create(s, i + 1));
    long sentNs = System.nanoTime();
    consumer.join();
    if (failure[0] != null) throw new IllegalStateException("the receiving thread failed", failure[0]);
    return new long[] {lastNs.get() - t0, sentNs - t0};
  }
}
