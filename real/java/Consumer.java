import javax.jms.Connection;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * An application that receives from a queue and prints `recv` with each message's sequence
 * number and JMSRedelivered flag, and `acked` each time its acknowledgement mode acknowledges
 * (AUTO and DUPS_OK acknowledge inside the client library; CLIENT and INDIVIDUAL call
 * acknowledge(), transacted sessions commit, every `ackEvery` messages).
 *
 * Options: url, queue, ackMode=auto|client|dups_ok|individual|transacted, ackEvery, processingMs,
 * prefetch, idleMs (exit after this long without a message, once one arrived), maxMs (exit anyway).
 */
public final class Consumer {
  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Out out = new Out("consumer");
    String ackMode = a.str("ackMode", "auto");
    long ackEvery = Math.max(1, a.num("ackEvery", 1));
    long processingMs = a.num("processingMs", 0);
    long idleMs = a.num("idleMs", 2000);
    long maxMs = a.num("maxMs", 60000);
    ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(a.str("url"));
    f.setTrustAllPackages(true);
    if (a.num("prefetch", -1) >= 0) f.getPrefetchPolicy().setQueuePrefetch((int) a.num("prefetch", 1000));
    int code = 0;
    try {
      Connection c = f.createConnection();
      c.start();
      boolean transacted = ackMode.equals("transacted");
      Session s = c.createSession(transacted, AckModes.session(ackMode));
      MessageConsumer consumer = s.createConsumer(s.createQueue(a.str("queue", "fidelity")));
      out.line("connected", "");
      long startNs = System.nanoTime();
      long lastNs = -1;
      long received = 0;
      while (true) {
        long now = System.nanoTime();
        if ((now - startNs) / 1_000_000 > maxMs) break;
        if (lastNs >= 0 && (now - lastNs) / 1_000_000 > idleMs) break;
        Message m = consumer.receive(100);
        if (m == null) continue;
        lastNs = System.nanoTime();
        received++;
        Payload.read(m);
        long seq = m.getLongProperty("seq");
        out.line("recv", "\"seq\":" + seq + ",\"redelivered\":" + m.getJMSRedelivered());
        if (processingMs > 0) Thread.sleep(processingMs);
        if (received % ackEvery != 0 && !ackMode.equals("individual")) continue;
        if (transacted) s.commit();
        else if (!ackMode.equals("auto") && !ackMode.equals("dups_ok")) m.acknowledge();
        else continue;
        out.line("acked", "\"seq\":" + seq);
      }
      out.line("done", "\"received\":" + received);
    } catch (Exception e) {
      out.error(e);
      code = 1;
    }
    System.exit(code);
  }
}
