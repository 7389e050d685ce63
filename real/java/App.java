import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * One application process of a plan (brokerlab verify): its producers and consumers as threads
 * of one JVM, as an application has them, so that killing the process kills all of them and
 * an embedded broker (a vm://...?brokerConfig= URL) dies with them.
 *
 * Each producer prints `send` before send() and `sent` when it returned (or `failed` with the
 * exception): a `send` without either is a send whose outcome the application never learned.
 * Each consumer prints `recv` with the sequence number and JMSRedelivered.
 *
 * Options: produceUrl, consumeUrl, base (first sequence number; producer i adds i * 1,000,000),
 * produce=dest,rate,size,type,persistent,async[,threads,count];... (rate 0: closed loop, `threads`
 * sender threads each sending the next as soon as send() returns, `count` in all, -1 none; a
 * restarted App, like any restarted application, knows nothing of its last run and sends its
 * `count` again: the simulator's closed loop does the same)
 * consume=dest,ackMode,processingMs,prefetch;...
 * sendMs (how long producers start new sends after `go`), maxMs (exit anyway), waitForGo.
 */
public final class App {
  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Out out = new Out("app");
    long maxMs = a.num("maxMs", 120000);
    List<Thread> threads = new ArrayList<>();
    try {
      String[] consumes = split(a.str("consume", ""));
      String[] produces = split(a.str("produce", ""));
      if (consumes.length > 0) {
        Connection c = factory(a.str("consumeUrl")).createConnection();
        c.start();
        for (String spec : consumes) threads.add(consumer(c, spec.split(","), out));
      }
      Connection pc = null;
      if (produces.length > 0) {
        pc = factory(a.str("produceUrl")).createConnection();
        pc.start();
      }
      out.line("connected", "");
      for (Thread t : threads) t.start();
      if (a.flag("waitForGo", true)) new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
      out.line("go", "");
      long goNs = System.nanoTime();
      long sendMs = a.num("sendMs", 5000);
      long base = a.num("base", 0);
      for (int i = 0; i < produces.length; i++) {
        String[] spec = produces[i].split(",");
        int senders = spec.length > 6 ? Integer.parseInt(spec[6]) : 1;
        long count = spec.length > 7 ? Long.parseLong(spec[7]) : -1;
        // The sender threads of one producer share its sequence numbers (and its count).
        AtomicLong next = new AtomicLong();
        for (int k = 0; k < senders; k++)
          producer(pc, spec, base + i * 1_000_000L, goNs, sendMs, next, count, out).start();
      }
      Thread.sleep(maxMs);
    } catch (Exception e) {
      out.error(e);
      System.exit(1);
    }
    System.exit(0);
  }

  private static String[] split(String list) {
    return list.isEmpty() ? new String[0] : list.split(";");
  }

  private static ActiveMQConnectionFactory factory(String url) {
    ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
    f.setTrustAllPackages(true);
    return f;
  }

  private static Thread producer(Connection c, String[] spec, long base, long goNs, long sendMs, AtomicLong next,
      long count, Out out) throws Exception {
    String dest = spec[0];
    double rate = Double.parseDouble(spec[1]);
    Payload payload = new Payload(spec[3], Integer.parseInt(spec[2]));
    boolean persistent = Boolean.parseBoolean(spec[4]);
    boolean async = Boolean.parseBoolean(spec[5]);
    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
    // ActiveMQ sends persistent messages synchronously unless useAsyncSend, others asynchronously.
    if (async) ((org.apache.activemq.ActiveMQConnection) c).setUseAsyncSend(true);
    MessageProducer p = s.createProducer(s.createQueue(dest));
    p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
    return new Thread(() -> {
      while (true) {
        long n = next.getAndIncrement();
        if (count >= 0 && n >= count) break;
        // Closed loop (rate 0): the next message is due as soon as the last send() returned.
        long dueNs = rate > 0 ? goNs + (long) (n * 1e9 / rate) : System.nanoTime();
        if ((dueNs - goNs) / 1_000_000 >= sendMs) break;
        long waitNs = dueNs - System.nanoTime();
        try {
          if (waitNs > 0) Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
        long seq = base + n;
        // `due`: when the application meant to send it (a blocked producer falls behind).
        out.line("send", "\"seq\":" + seq + ",\"due\":" + out.usAt(dueNs) + ",\"dest\":\"" + dest + "\"");
        try {
          p.send(payload.create(s, seq));
          out.line("sent", "\"seq\":" + seq);
        } catch (Exception e) {
          out.line("failed", "\"seq\":" + seq);
          out.error(e);
          return;
        }
      }
      out.line("done", "\"dest\":\"" + dest + "\"");
    });
  }

  private static Thread consumer(Connection c, String[] spec, Out out) throws Exception {
    String dest = spec[0];
    String ackMode = spec[1];
    double processingMs = Double.parseDouble(spec[2]);
    boolean transacted = ackMode.equals("transacted");
    Session s = c.createSession(transacted, AckModes.session(ackMode));
    // The topology's prefetch, as a destination option: each consumer has its own.
    String prefetch = spec.length > 3 ? "?consumer.prefetchSize=" + spec[3] : "";
    MessageConsumer consumer = s.createConsumer(s.createQueue(dest + prefetch));
    return new Thread(() -> {
      try {
        while (true) {
          Message m = consumer.receive(100);
          if (m == null) continue;
          Payload.read(m);
          out.line("recv", "\"seq\":" + m.getLongProperty("seq") + ",\"redelivered\":" + m.getJMSRedelivered());
          if (processingMs > 0) Thread.sleep((long) processingMs, (int) ((processingMs % 1) * 1_000_000));
          if (transacted) s.commit();
          else if (ackMode.equals("client") || ackMode.equals("individual")) m.acknowledge();
        }
      } catch (Exception e) {
        out.error(e);
      }
    });
  }
}
