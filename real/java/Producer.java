import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageProducer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnection;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.transport.DefaultTransportListener;

/**
 * An application that sends `count` messages to a queue, at `rate` per second (0: as fast as
 * send() returns), and prints `sent` with the sequence number each time send() returns without
 * an exception: what the application believes was sent. A failed send prints `error` and stops.
 *
 * Options: url, queue, count, rate, size, type=text|object, persistent, useAsyncSend,
 * alwaysSyncSend, waitForGo (connect, print `connected`, then wait for a line on stdin before
 * the first send: the harness starts the JVM early and the sends on time).
 * A failover: transport also prints `interrupted` when it loses its broker and `resumed` when it
 * has reconnected and replayed its state (for the failover experiments).
 */
public final class Producer {
  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Out out = new Out("producer");
    ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(a.str("url"));
    f.setUseAsyncSend(a.flag("useAsyncSend", false));
    f.setAlwaysSyncSend(a.flag("alwaysSyncSend", false));
    long count = a.num("count", 1000);
    double rate = a.real("rate", 0);
    Payload payload = new Payload(a.str("type", "text"), (int) a.num("size", 1024));
    int code = 0;
    try {
      Connection c = f.createConnection();
      ((ActiveMQConnection) c).addTransportListener(transportEvents(out));
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer p = s.createProducer(s.createQueue(a.str("queue", "fidelity")));
      p.setDeliveryMode(a.flag("persistent", true) ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
      out.line("connected", "");
      if (a.flag("waitForGo", false)) new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
      out.line("go", "");
      long startNs = System.nanoTime();
      for (long seq = 1; seq <= count; seq++) {
        if (rate > 0) pace(startNs + (long) ((seq - 1) * 1e9 / rate));
        p.send(payload.create(s, seq));
        out.line("sent", "\"seq\":" + seq);
      }
      out.line("done", "\"count\":" + count);
    } catch (Exception e) {
      out.error(e);
      code = 1;
    }
    // close() may wait on a dead broker; the harness only needs the lines above.
    System.exit(code);
  }

  private static DefaultTransportListener transportEvents(Out out) {
    return new DefaultTransportListener() {
      @Override
      public void transportInterupted() {
        out.line("interrupted", "");
      }

      @Override
      public void transportResumed() {
        out.line("resumed", "");
      }
    };
  }

  private static void pace(long untilNs) throws InterruptedException {
    long waitNs = untilNs - System.nanoTime();
    if (waitNs > 0) Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
  }
}
